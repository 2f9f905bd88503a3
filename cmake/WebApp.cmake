# The web app: C++ and Dear ImGui compiled to WebAssembly, drawn with WebGL2.
# Output in ${CMAKE_BINARY_DIR}/dist: index.html (from shell/), salikchat.js, .wasm, .data (fonts).
set(IMGUI_DIR ${CMAKE_SOURCE_DIR}/third_party/imgui)
if(NOT EXISTS ${IMGUI_DIR}/imgui.cpp)
  message(FATAL_ERROR "Dear ImGui sources are missing: run ./scripts/setup.sh")
endif()

add_library(imgui STATIC
  ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp
  ${IMGUI_DIR}/imgui_widgets.cpp ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/backends)
# No demo window, no default font file, no shell functions in the browser.
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_DEMO_WINDOWS IMGUI_DISABLE_DEBUG_TOOLS
                           IMGUI_DISABLE_DEFAULT_SHELL_FUNCTIONS
                           IMGUI_IMPL_OPENGL_ES3)

file(GLOB_RECURSE SALIK_APP_SOURCES CONFIGURE_DEPENDS src/app/*.cpp)
list(FILTER SALIK_APP_SOURCES EXCLUDE REGEX "src/app/state/")
file(GLOB SALIK_JS_LIBRARIES CONFIGURE_DEPENDS web/*.js)
list(FILTER SALIK_JS_LIBRARIES EXCLUDE REGEX "web/(sw|service_worker)\\.js$")

set(SALIK_DIST ${CMAKE_BINARY_DIR}/dist)
file(MAKE_DIRECTORY ${SALIK_DIST})

# Fonts come from Debian's packages at build time, cut down to the characters and icons the app
# draws (Latin-1, punctuation; the icons named in src/app/ui/icons.hpp), and are packed into
# salikchat.data. This turns about 680 KB of fonts into about 80 KB.
find_program(PYFTSUBSET pyftsubset REQUIRED)
set(SALIK_FONT_DIR ${CMAKE_BINARY_DIR}/fonts)
file(MAKE_DIRECTORY ${SALIK_FONT_DIR})
set(SALIK_TEXT_UNICODES "U+0020-00FF,U+2010-2027,U+2190-2193,U+2212,U+2248")  # U+2248: "≈ 880 rpm"
file(STRINGS ${CMAKE_SOURCE_DIR}/src/app/ui/icons.hpp SALIK_ICON_LINES REGEX "// f[0-9a-f]+")
set(SALIK_ICON_UNICODES "")
foreach(line ${SALIK_ICON_LINES})
  string(REGEX MATCH "f[0-9a-f]+$" code "${line}")
  list(APPEND SALIK_ICON_UNICODES "U+${code}")
endforeach()
string(REPLACE ";" "," SALIK_ICON_UNICODES "${SALIK_ICON_UNICODES}")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/app/ui/icons.hpp)

set(SALIK_FONTS "")
foreach(face Regular SemiBold)
  set(src /usr/share/fonts/opentype/inter/Inter-${face}.otf)
  set(out ${SALIK_FONT_DIR}/Inter-${face}.otf)
  add_custom_command(OUTPUT ${out}
    COMMAND ${PYFTSUBSET} ${src} --unicodes=${SALIK_TEXT_UNICODES} --layout-features=kern,liga,calt
            --output-file=${out}
    DEPENDS ${src} VERBATIM)
  list(APPEND SALIK_FONTS ${out})
endforeach()
set(SALIK_ICON_FONT ${SALIK_FONT_DIR}/fontawesome-webfont.ttf)
add_custom_command(OUTPUT ${SALIK_ICON_FONT}
  COMMAND ${PYFTSUBSET} /usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf
          --unicodes=${SALIK_ICON_UNICODES} --output-file=${SALIK_ICON_FONT}
  DEPENDS /usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf ${CMAKE_SOURCE_DIR}/src/app/ui/icons.hpp
  VERBATIM)
list(APPEND SALIK_FONTS ${SALIK_ICON_FONT})
add_custom_target(salikchat_fonts DEPENDS ${SALIK_FONTS})

add_executable(salikchat ${SALIK_APP_SOURCES})
target_link_libraries(salikchat PRIVATE imgui salik_app_state salik_core)
include(${CMAKE_SOURCE_DIR}/cmake/Shaders.cmake)    # shaders/ as string constants
include(${CMAKE_SOURCE_DIR}/cmake/DspBench.cmake)   # the wasm DSP benchmark (not built by default)
target_compile_options(salikchat PRIVATE -Wall -Wextra)
set_target_properties(salikchat PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY ${SALIK_DIST})
set(SALIK_LINK_FLAGS
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 -sFETCH=1 -sALLOW_MEMORY_GROWTH=1
  -sENVIRONMENT=web -sFILESYSTEM=1 -sEXIT_RUNTIME=0 -lwebsocket.js
  "-sEXPORTED_RUNTIME_METHODS=['ccall','UTF8ToString','stringToUTF8','lengthBytesUTF8']"
  "SHELL:--preload-file ${SALIK_FONT_DIR}@/fonts")
foreach(lib ${SALIK_JS_LIBRARIES})
  list(APPEND SALIK_LINK_FLAGS "SHELL:--js-library ${lib}")
endforeach()
target_link_options(salikchat PRIVATE ${SALIK_LINK_FLAGS})
set_property(TARGET salikchat APPEND PROPERTY LINK_DEPENDS ${SALIK_JS_LIBRARIES} ${SALIK_FONTS})
add_dependencies(salikchat salikchat_fonts)

# The HTML shells and static assets are copied as they are.
file(GLOB SALIK_SHELL_FILES CONFIGURE_DEPENDS shell/*.html shell/*.css web/manifest.webmanifest assets/*.png assets/*.svg)
add_custom_target(salikchat_shell ALL
  COMMAND ${CMAKE_COMMAND} -E make_directory ${SALIK_DIST}
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${SALIK_SHELL_FILES} ${SALIK_DIST}
  DEPENDS ${SALIK_SHELL_FILES})
