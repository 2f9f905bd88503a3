// The one Catch2 main of the unit test binary.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "server/store/sqlite_db.hpp"

int main(int argc, char** argv) {
  // Some tests open SQLite files directly; the process-wide settings must come before any of them.
  salik::ConfigureSqlite();
  return Catch::Session().run(argc, argv);
}
