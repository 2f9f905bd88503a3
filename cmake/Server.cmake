# The native server: a library of everything under src/server (so tests link it) and the binary.
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
find_package(ZLIB REQUIRED)

file(GLOB_RECURSE SALIK_SERVER_SOURCES CONFIGURE_DEPENDS src/server/*.cpp)
list(FILTER SALIK_SERVER_SOURCES EXCLUDE REGEX "src/server/main\\.cpp$")
add_library(salik_server STATIC ${SALIK_SERVER_SOURCES})
target_link_libraries(salik_server PUBLIC salik_core PkgConfig::SODIUM PkgConfig::SQLITE3 PkgConfig::LIBPQ
                      ZLIB::ZLIB Threads::Threads)
target_compile_options(salik_server PRIVATE -Wall -Wextra)
# Asio and Beast compile once, in their own translation units (src/server/http/*_impl.cpp).
target_compile_definitions(salik_server PUBLIC BOOST_ASIO_SEPARATE_COMPILATION BOOST_BEAST_SEPARATE_COMPILATION
                           BOOST_ASIO_NO_DEPRECATED)

add_executable(salik-server src/server/main.cpp)
target_link_libraries(salik-server PRIVATE salik_server)
