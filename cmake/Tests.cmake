# Catch2 unit tests (Debian's catch2 2.x, single header). Each TEST_CASE becomes a CTest test,
# so ctest's summary counts them.
enable_testing()
find_package(Catch2 REQUIRED)
include(Catch)
file(GLOB SALIK_UNIT_TEST_SOURCES CONFIGURE_DEPENDS tests/unit/*.cpp)
add_executable(salik_unit_tests ${SALIK_UNIT_TEST_SOURCES} tests/load/frame_skim.cpp)
target_link_libraries(salik_unit_tests PRIVATE salik_server Catch2::Catch2)
if(TARGET salik_app_state)
  target_link_libraries(salik_unit_tests PRIVATE salik_app_state)
endif()
target_compile_options(salik_unit_tests PRIVATE -Wall -Wextra)
catch_discover_tests(salik_unit_tests)

# The chat load generator (scripts/bench.sh chat); built with the tests, run only by the bench.
add_executable(salik_chat_load tests/load/chat_load.cpp tests/load/load_loop.cpp
                               tests/load/frame_skim.cpp)
target_link_libraries(salik_chat_load PRIVATE salik_server)
# The floor under its figures (scripts/bench.sh chat-floor): a relay that stores nothing.
add_executable(salik_relay_floor tests/load/relay_floor.cpp)
target_link_libraries(salik_relay_floor PRIVATE salik_server)

# The store path alone (scripts/bench.sh store): messages per second AppendMessages stores.
add_executable(salik_store_load tests/load/store_load.cpp)
target_link_libraries(salik_store_load PRIVATE salik_server)
