# tests/bench/dsp_bench.cpp for node: the recording player's analysis timed in WebAssembly,
# built with the same flags as the app's code (run: node build/web/dsp_bench.js).
add_executable(dsp_bench EXCLUDE_FROM_ALL tests/bench/dsp_bench.cpp)
target_link_libraries(dsp_bench PRIVATE salik_core)
set_target_properties(dsp_bench PROPERTIES SUFFIX ".js")
target_link_options(dsp_bench PRIVATE -sENVIRONMENT=node -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1
                    -sSINGLE_FILE=1)  # one .js: this Emscripten fetches a separate .wasm, which node 18+ refuses
