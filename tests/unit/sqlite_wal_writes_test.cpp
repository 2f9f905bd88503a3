// The VFS that writes a commit's WAL frames in one call (server/store/sqlite_wal_writes.hpp):
// whatever it gathers must be in the file by the time the commit returns, or a crash right after
// an acknowledged message would lose it. Each case copies the database and its WAL while the
// writer is still open, as a kill -9 would leave them, and opens the copy with SQLite's own VFS,
// which rebuilds the WAL index from the frames and their checksums.
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "server/store/sqlite_db.hpp"
#include "temp_dir.hpp"
#include <catch2/catch.hpp>

using namespace salik;

namespace {

namespace fs = std::filesystem;

// Opens a copy of `db` and its WAL (no shared-memory index) and answers `sql`'s single number.
int64_t AskCrashedCopy(const fs::path& db, const fs::path& copy_dir, const char* sql) {
  fs::remove_all(copy_dir);
  fs::create_directories(copy_dir);
  fs::copy_file(db, copy_dir / "copy.db");
  fs::copy_file(db.string() + "-wal", copy_dir / "copy.db-wal");
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open_v2((copy_dir / "copy.db").c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw, sql, -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  int64_t answer = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(raw);
  return answer;
}

// Rows from..from+count-1 with `bytes` letters each, in the caller's transaction.
void AddRows(SqliteDb& db, int from, int count, int bytes) {
  for (int i = from; i < from + count; ++i)
    SqliteStatement(db, "INSERT INTO t (id, body) VALUES (?1, ?2)", {i, std::string(bytes, 'a' + i % 26)}).Run();
}

void InsertRows(SqliteDb& db, int from, int count, int bytes) {
  SqliteTransaction tx(db);
  AddRows(db, from, count, bytes);
  tx.Commit();
}

// A database with ten rows whose connection keeps only ten pages in memory, so that a larger
// transaction writes (spills) frames to the WAL before it ends.
struct SmallCacheDb {
  testing::TempDir dir;
  fs::path file = dir / "chat.db";
  SqliteDb db{file.string()};
  SmallCacheDb() {
    db.ExecScript("PRAGMA wal_autocheckpoint=0; PRAGMA cache_size=10; "
                  "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL);");
    InsertRows(db, 0, 10, 100);
  }
};

}  // namespace

TEST_CASE("each committed transaction is in the WAL file when the commit returns [sqlite]", "[store][sqlite]") {
  testing::TempDir dir;
  const fs::path file = dir / "chat.db";
  SqliteDb db(file.string());
  db.ExecScript("PRAGMA wal_autocheckpoint=0; CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL);");

  int stored = 0;
  for (int commit = 1; commit <= 12; ++commit) {
    InsertRows(db, stored, 5, 300);  // a few pages: one gathered run
    stored += 5;
    CHECK(AskCrashedCopy(file, dir / "copy", "SELECT count(*) FROM t") == stored);
  }
  // One commit larger than a gathered run (64 KB): several writes, all before it returns.
  InsertRows(db, stored, 200, 1500);
  stored += 200;
  CHECK(AskCrashedCopy(file, dir / "copy", "SELECT count(*) FROM t") == stored);
}

TEST_CASE("a transaction that spills and rewrites its own frames commits whole [sqlite]", "[store][sqlite]") {
  SmallCacheDb spilling;
  SqliteDb& db = spilling.db;
  const fs::path& file = spilling.file;
  const testing::TempDir& dir = spilling.dir;
  {
    // Updating the rows after they spilled makes SQLite overwrite those frames in place and then
    // fix their checksums.
    SqliteTransaction tx(db);
    AddRows(db, 10, 400, 1000);
    SqliteStatement(db, "UPDATE t SET body = 'rewritten ' || id").Run();
    tx.Commit();
  }
  CHECK(AskCrashedCopy(file, dir / "copy", "SELECT count(*) FROM t") == 410);
  CHECK(AskCrashedCopy(file, dir / "copy", "SELECT count(*) FROM t WHERE body = 'rewritten ' || id") == 410);

  // The WAL starts over after a full checkpoint: the next commits reuse it from the start.
  REQUIRE(sqlite3_wal_checkpoint_v2(db.handle(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr) == SQLITE_OK);
  InsertRows(db, 1000, 3, 100);
  InsertRows(db, 2000, 3, 100);
  CHECK(AskCrashedCopy(file, dir / "copy", "SELECT count(*) FROM t") == 416);
}

TEST_CASE("frames of a transaction that spilled and rolled back never overwrite another writer's commit [sqlite]",
          "[store][sqlite]") {
  SmallCacheDb spilling;
  SqliteDb& ours = spilling.db;
  const fs::path& file = spilling.file;
  const testing::TempDir& dir = spilling.dir;
  // An empty WAL: the rollback then re-reads the pages it holds from the database file, not from
  // the WAL, so nothing but the end of the transaction writes out what it gathered.
  REQUIRE(sqlite3_wal_checkpoint_v2(ours.handle(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr) == SQLITE_OK);
  {
    SqliteTransaction tx(ours);  // spills frames into the WAL, then rolls back
    AddRows(ours, 100, 300, 1000);
  }
  // Another writer (SQLite's own VFS, as another process would be) commits where those frames
  // were, and further: ~100 pages, past the last run the rolled-back transaction gathered.
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open_v2(file.c_str(), &other, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other,
                       "BEGIN IMMEDIATE; "
                       "WITH RECURSIVE n(i) AS (SELECT 1000 UNION ALL SELECT i + 1 FROM n WHERE i < 1399) "
                       "INSERT INTO t (id, body) SELECT i, 'theirs ' || hex(zeroblob(500)) FROM n; COMMIT;",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(other);

  // Our connection reads and writes again; their commit must still be whole.
  {
    SqliteStatement count(ours, "SELECT count(*) AS n FROM t");
    REQUIRE(count.Step());
    CHECK(count.Int64("n") == 410);
  }
  InsertRows(ours, 2000, 2, 100);
  CHECK(AskCrashedCopy(file, dir / "copy", "SELECT count(*) FROM t WHERE body = 'theirs ' || hex(zeroblob(500))") ==
        400);
  CHECK(AskCrashedCopy(file, dir / "copy", "SELECT count(*) FROM t") == 412);
}
