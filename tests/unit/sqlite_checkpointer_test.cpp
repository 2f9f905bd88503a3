// The background checkpointer against a real SQLite file: under a steady stream of commits the
// WAL stays short (it grew without bound when only a background thread checkpointed), the thread
// finishes checkpoints with the writer paused, and nothing written is lost.
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <string>

#include "server/store/sqlite_checkpointer.hpp"
#include "server/store/sqlite_db.hpp"
#include <catch2/catch.hpp>

using namespace salik;

namespace {

namespace fs = std::filesystem;

constexpr int kCommits = 30'000;
constexpr int kFinishAt = 4'000;  // frames; the server's own threshold would need a far longer run
constexpr uintmax_t kFrameBytes = 4096 + 24;  // a page and its WAL frame header

uintmax_t FileSize(const fs::path& path) {
  std::error_code ec;
  uintmax_t size = fs::file_size(path, ec);
  return ec ? 0 : size;
}

}  // namespace

TEST_CASE("the checkpointer keeps the WAL short under steady commits and loses nothing [sqlite]", "[store][sqlite]") {
  std::string pattern = (fs::temp_directory_path() / "salik-ckpt-test-XXXXXX").string();
  REQUIRE(mkdtemp(pattern.data()));
  const fs::path dir = pattern, file = dir / "wal.db", wal = dir / "wal.db-wal";

  int64_t background = 0, paused = 0;
  uintmax_t largest_wal = 0;
  {
    SqliteDb db(file.string());
    db.ExecScript("CREATE TABLE notes (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
    std::mutex writer_lock;  // as the store's: held by every write transaction
    SqliteCheckpointer checkpointer(db, writer_lock, file.string(), kFinishAt);
    // Each commit adds about one page, as a chat commit does: 30,000 commits would make a
    // WAL of some 120 MB if nothing rewound it.
    for (int i = 0; i < kCommits; ++i) {
      std::lock_guard lock(writer_lock);
      SqliteTransaction tx(db);
      SqliteStatement insert(db, "INSERT INTO notes (body) VALUES (zeroblob(3000))", SqliteStatement::Reused{});
      insert.Run();
      tx.Commit();
      if (i % 100 == 0) largest_wal = std::max(largest_wal, FileSize(wal));
    }
    background = checkpointer.BackgroundCheckpoints();
    paused = checkpointer.PausedFinishes() + checkpointer.WriterCheckpoints();
  }

  CHECK(background > 0);
  // Each rewind of the WAL needs a checkpoint that covered all of it: one run with writers paused
  // (or, on a machine too busy for the thread, by the writer itself at twice the size).
  CHECK(paused > 0);
  // The finish starts at kFinishAt frames. Commits keep landing until the thread gets the lock
  // (longer on a busy machine), never anything near the whole run.
  CHECK(largest_wal <= 3 * kFinishAt * kFrameBytes);
  CHECK(largest_wal > 0);

  SqliteDb reopened(file.string());
  SqliteStatement count(reopened, "SELECT count(*) AS n FROM notes");
  REQUIRE(count.Step());
  CHECK(count.Int64("n") == kCommits);
  SqliteStatement check(reopened, "PRAGMA integrity_check");
  REQUIRE(check.Step());
  CHECK(check.Text("integrity_check") == "ok");
  fs::remove_all(dir);
}
