// The page cache wrapper (server/store/sqlite_page_cache.hpp): commits whose B-tree balancing
// borrowed the temporary page number must not make SQLite's cache visit every page, and a drop
// request that has pages to drop must still reach it, or a connection would read pages that its
// rolled-back transaction left behind.
#include <sqlite3.h>

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
  CHECK(after.temporary_renumberings > before.temporary_renumberings);  // the swaps did happen
  CHECK(Ask(db, "SELECT count(*) AS answer FROM t") == 24'000);
  SqliteStatement check(db, "PRAGMA integrity_check");
  REQUIRE(check.Step());
  CHECK(check.Text("integrity_check") == "ok");
}

// End to end; whether each single drop request is right is the next case's job (here the
// connection's cache is cleared anyway once the other connection has committed).
TEST_CASE("a rolled-back transaction's new pages are dropped, and another connection's commit reads right [sqlite]",
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

TEST_CASE("the wrapped cache drops exactly the pages at or past the limit, temporary number included [sqlite]",
          "[store][sqlite]") {
  REQUIRE(sqlite3_initialize() == SQLITE_OK);
  const sqlite3_pcache_methods2* methods = SqlitePageCacheMethods();
  REQUIRE(methods != nullptr);
  for (int page_size : {1024, 4096, 65536}) {
    CAPTURE(page_size);
    const unsigned temporary = 0x40000000u / static_cast<unsigned>(page_size) + 1;
    sqlite3_pcache* cache = methods->xCreate(page_size, 8, 1);
    REQUIRE(cache != nullptr);
    methods->xCachesize(cache, 200);
    auto add = [&](unsigned key) {
      sqlite3_pcache_page* page = methods->xFetch(cache, key, 2);
      REQUIRE(page != nullptr);
      methods->xUnpin(cache, page, 0);
    };
    auto present = [&](unsigned key) {
      sqlite3_pcache_page* page = methods->xFetch(cache, key, 0);
      if (page) methods->xUnpin(cache, page, 0);
      return page != nullptr;
    };
    auto renumber = [&](unsigned from, unsigned to) {
      sqlite3_pcache_page* page = methods->xFetch(cache, from, 0);
      REQUIRE(page != nullptr);
      methods->xRekey(cache, page, from, to);
      methods->xUnpin(cache, page, 0);
    };
    // As B-tree balancing does it: both pages held, one parked on the temporary number meanwhile.
    auto swap = [&](unsigned a, unsigned b) {
      sqlite3_pcache_page* first = methods->xFetch(cache, a, 0);
      sqlite3_pcache_page* second = methods->xFetch(cache, b, 0);
      REQUIRE(first != nullptr);
      REQUIRE(second != nullptr);
      methods->xRekey(cache, first, a, temporary);
      methods->xRekey(cache, second, b, a);
      methods->xRekey(cache, first, temporary, b);
      methods->xUnpin(cache, first, 0);
      methods->xUnpin(cache, second, 0);
    };
    for (unsigned key = 1; key <= 10; ++key) add(key);

    // After a swap there is nothing to drop: not forwarded.
    swap(3, 7);
    SqlitePageCacheCounts before = SqlitePageCacheStats();
    methods->xTruncate(cache, 11);
    CHECK(SqlitePageCacheStats().truncations_skipped == before.truncations_skipped + 1);
    for (unsigned key = 1; key <= 10; ++key) CHECK(present(key));

    // A page past the end (a rolled-back growth) goes; the others stay.
    add(15);
    methods->xTruncate(cache, 11);
    CHECK_FALSE(present(15));
    for (unsigned key = 1; key <= 10; ++key) CHECK(present(key));

    // A page still on the temporary number goes too, though every other page is below the limit.
    renumber(10, temporary);
    methods->xTruncate(cache, 11);
    CHECK_FALSE(present(temporary));
    CHECK(present(9));

    // A limit past the temporary number (a database over 1 GiB): pages above it still go.
    add(temporary + 5);
    methods->xTruncate(cache, temporary + 1);
    CHECK_FALSE(present(temporary + 5));
    CHECK(present(9));
    methods->xDestroy(cache);
  }
}
