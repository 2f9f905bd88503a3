// What only one backend can show: file handling for SQLite, lost connections and session time
// zones for PostgreSQL, and OpenStore's choice between them.
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "server/store/pg_connection.hpp"
#include "server/util/ids.hpp"
#include "store_backends.hpp"
#include "temp_dir.hpp"

using namespace salik;
using namespace salik::testing;

namespace {

namespace fs = std::filesystem;

NewUser Customer(const std::string& created_at) {
  NewUser u;
  u.id = NewUuid();
  u.email = u.id + "@example.test";
  u.password_hash = "hash";
  u.full_name = "Time Zone Tester";
  u.created_at = created_at;
  return u;
}

std::string SqlitePragma(const fs::path& file, const char* pragma) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, pragma, -1, &st, nullptr) == SQLITE_OK);
  std::string value;
  if (sqlite3_step(st) == SQLITE_ROW) value = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return value;
}

}  // namespace

TEST_CASE("OpenStore opens SQLite from a sqlite:// URL and from a plain path [sqlite]", "[store][sqlite]") {
  TempDir dir;
  auto from_url = OpenStore("sqlite://" + (dir / "url.db").string());
  from_url->Migrate();
  CHECK(fs::exists(dir / "url.db"));
  auto from_path = OpenStore((dir / "plain.db").string());
  from_path->Migrate();
  CHECK(fs::exists(dir / "plain.db"));
}

TEST_CASE("OpenStore refuses an empty or unknown URL with StoreError", "[store]") {
  CHECK_THROWS_AS(OpenStore(""), StoreError);
  CHECK_THROWS_AS(OpenStore("sqlite://"), StoreError);
  CHECK_THROWS_AS(OpenStore("mysql://localhost/salik"), StoreError);
}

TEST_CASE("OpenStore hands postgres:// and postgresql:// URLs to PostgreSQL, not to a file [postgres]", "[store][postgres]") {
  // Nothing listens on port 1: both fail to connect, and no file named after the URL appears.
  CHECK_THROWS_AS(OpenStore("postgres://salik@127.0.0.1:1/salik"), StoreError);
  CHECK_THROWS_AS(OpenStore("postgresql://salik@127.0.0.1:1/salik"), StoreError);
  CHECK_FALSE(fs::exists("postgres:"));
  CHECK_FALSE(fs::exists("postgresql:"));
}

TEST_CASE("a SQLite file runs in WAL mode and records the migrations it applied [sqlite]", "[store][sqlite]") {
  TempDir dir;
  auto store = OpenSqliteStore((dir / "salik.db").string());
  store->Migrate();
  store->Migrate();
  CHECK(SqlitePragma(dir / "salik.db", "PRAGMA journal_mode") == "wal");
  CHECK(SqlitePragma(dir / "salik.db", "SELECT group_concat(version) FROM schema_migrations") == "1,2,3,4,5,6,7,8,9,10");
}

TEST_CASE("a SQLite store refuses a child row without its parent [sqlite]", "[store][sqlite]") {
  TempDir dir;
  auto store = OpenSqliteStore((dir / "salik.db").string());
  store->Migrate();
  // Foreign keys are on: a session for a user that does not exist is a store failure.
  CHECK_THROWS_AS(store->CreateSession("token", NewUuid(), "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z"),
                  StoreError);
}

TEST_CASE("a file that is not a SQLite database raises StoreError [sqlite]", "[store][sqlite]") {
  TempDir dir;
  {
    std::ofstream junk(dir / "junk.db", std::ios::binary);
    junk << std::string(4096, 'x');
  }
  CHECK_THROWS_AS(OpenSqliteStore((dir / "junk.db").string()), StoreError);
}

TEST_CASE("a PostgreSQL store whose connection was killed raises StoreError once, then recovers [postgres]",
          "[store][postgres]") {
  RunOnPostgres([](Store& store, TestDatabase& db) {
    NewUser u = Customer("2026-01-01T00:00:00.000Z");
    REQUIRE(store.CreateUser(u));
    {
      PgConnection admin(db.Url());
      admin.Exec(
          "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
          "WHERE datname = current_database() AND pid <> pg_backend_pid()");
    }
    CHECK_THROWS_AS(store.FindUser(u.id), StoreError);
    auto again = store.FindUser(u.id);
    REQUIRE(again);
    CHECK(again->id == u.id);
  });
}

TEST_CASE("PostgreSQL times read back in UTC whatever the session time zone [postgres]", "[store][postgres]") {
  RunOnPostgres([](Store&, TestDatabase& db) {
    auto store = OpenStore(WithQueryParameter(db.Url(), "options=-c%20TimeZone%3DAsia%2FDubai"));
    NewUser u = Customer("2026-03-31T23:30:00.045Z");  // 03:30 the next day in Dubai
    REQUIRE(store->CreateUser(u));
    CHECK(store->FindUser(u.id)->created_at == "2026-03-31T23:30:00.045Z");
    store->CreateSession("tz", u.id, u.created_at, "2026-04-01T00:00:00.000Z");
    CHECK(store->FindSessionUser("tz", "2026-03-31T23:59:59.999Z"));
    CHECK_FALSE(store->FindSessionUser("tz", "2026-04-01T00:00:00.000Z"));
  });
}
