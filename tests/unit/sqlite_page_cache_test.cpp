// The page cache wrapper (server/store/sqlite_page_cache.hpp): commits whose B-tree balancing
// borrowed the temporary page number must not make SQLite's cache visit every page, and a drop
// request that has pages to drop must still reach it, or a connection would read pages that its
// rolled-back transaction left behind.
#include <string>

#include "server/store/sqlite_db.hpp"
#include "server/store/sqlite_page_cache.hpp"
#include "temp_dir.hpp"
#include <catch2/catch.hpp>

using namespace salik;

namespace {

// Rows keyed (group, n): written round-robin over the groups, each insert lands in the middle of
// the index, so leaf splits there renumber pages through the temporary number.
void AddInterleaved(SqliteDb& db, int groups, int from, int count) {
  for (int i = from; i < from + count; ++i)
    SqliteStatement(db, "INSERT INTO t (grp, n, body) VALUES (?1, ?2, ?3)",
                    {"group-" + std::to_string(i % groups), i, std::string(60, 'a' + i % 26)})
        .Run();
}

int64_t Ask(SqliteDb& db, const std::string& sql) {
  SqliteStatement st(db, sql.c_str());
  REQUIRE(st.Step());
  return st.Int64("answer");
}

}  // namespace

TEST_CASE("commits after B-tree page swaps are not sent to scan the whole page cache [sqlite]", "[store][sqlite]") {
  testing::TempDir dir;
  SqliteDb db((dir / "cache.db").string());
  db.ExecScript("CREATE TABLE t (grp TEXT NOT NULL, n INTEGER NOT NULL, body TEXT NOT NULL, UNIQUE (grp, n));");
  {
    SqliteTransaction tx(db);
    AddInterleaved(db, 200, 0, 20'000);
    tx.Commit();
  }
  const SqlitePageCacheCounts before = SqlitePageCacheStats();
  for (int commit = 0; commit < 400; ++commit) {
    SqliteTransaction tx(db);
    AddInterleaved(db, 200, 20'000 + commit * 10, 10);
    tx.Commit();
  }
  const SqlitePageCacheCounts after = SqlitePageCacheStats();
  // Every commit asks; with nothing past the end of the database, almost none reach the cache.
  CHECK(after.truncations_skipped - before.truncations_skipped >= 390);
  CHECK(after.truncations_forwarded - before.truncations_forwarded <= 10);
  CHECK(Ask(db, "SELECT count(*) AS answer FROM t") == 24'000);
  SqliteStatement check(db, "PRAGMA integrity_check");
  REQUIRE(check.Step());
  CHECK(check.Text("integrity_check") == "ok");
}

TEST_CASE("pages of a rolled-back transaction never answer for another connection's commit [sqlite]",
          "[store][sqlite]") {
  testing::TempDir dir;
  const std::string file = (dir / "cache.db").string();
  SqliteDb first(file);
  SqliteDb second(file);
  first.ExecScript("CREATE TABLE t (grp TEXT NOT NULL, n INTEGER NOT NULL, body TEXT NOT NULL, UNIQUE (grp, n));");
  {
    SqliteTransaction tx(first);
    AddInterleaved(first, 50, 0, 2'000);
    tx.Commit();
  }
  const int64_t pages_before = Ask(first, "SELECT page_count AS answer FROM pragma_page_count");

  // The first connection grows the file in its cache, then rolls back: those pages must go.
  const SqlitePageCacheCounts before = SqlitePageCacheStats();
  {
    SqliteTransaction tx(first);
    AddInterleaved(first, 50, 2'000, 3'000);
  }
  CHECK(SqlitePageCacheStats().truncations_forwarded > before.truncations_forwarded);

  // The second connection writes other rows into the same new page numbers.
  {
    SqliteTransaction tx(second);
    SqliteStatement(second, "DELETE FROM t WHERE n % 2 = 0").Run();
    for (int i = 0; i < 3'000; ++i)
      SqliteStatement(second, "INSERT INTO t (grp, n, body) VALUES (?1, ?2, ?3)",
                      {"other-" + std::to_string(i % 7), 100'000 + i, std::string(60, '#')})
          .Run();
    tx.Commit();
  }
  CHECK(Ask(second, "SELECT page_count AS answer FROM pragma_page_count") > pages_before);

  // The first connection sees exactly the second one's rows.
  CHECK(Ask(first, "SELECT count(*) AS answer FROM t") == 1'000 + 3'000);
  CHECK(Ask(first, "SELECT count(*) AS answer FROM t WHERE n >= 2000 AND n < 100000") == 0);
  CHECK(Ask(first, "SELECT count(*) AS answer FROM t WHERE body = '" + std::string(60, '#') + "'") == 3'000);
  SqliteStatement check(first, "PRAGMA integrity_check");
  REQUIRE(check.Step());
  CHECK(check.Text("integrity_check") == "ok");
}
