// Keeps a busy SQLite file's WAL short without making the writer wait for it.
//
// SQLite's own auto-checkpoint runs inside the commit that crosses 1,000 WAL pages: that commit
// copies every page into the database file and syncs both files while every chat sender waits
// for its ack. Here a thread with its own connection does the copying and syncing in the
// background, with PASSIVE checkpoints that never block the writer. Such a checkpoint cannot by
// itself keep the WAL short under steady writes: SQLite rewinds the WAL only once a checkpoint
// has copied all of it, and the writer always adds pages meanwhile. So once the WAL passes a
// size, the writer finishes the checkpoint itself, on its own connection after a commit; by then
// the thread has copied nearly everything, so that costs the writer only the last pages.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace salik {

class SqliteDb;

class SqliteCheckpointer {
 public:
  // WAL pages (frames) appended between two background checkpoints.
  static constexpr int kBackgroundEvery = 1000;
  // The WAL size at which the writer finishes the checkpoint: about 128 MB of 4 KB pages. Even
  // with little left to copy, finishing costs the writer two fsyncs (10-20 ms here), which every
  // sender waiting then feels: rarely enough, that stays out of the 99th percentile.
  static constexpr int kWriterFinishesAt = 32'768;

  // Takes over `writer`'s commit hook (replacing SQLite's auto-checkpoint) and opens a second
  // connection to `path` for the thread. `writer` must outlive this object.
  SqliteCheckpointer(SqliteDb& writer, const std::string& path, int writer_finishes_at = kWriterFinishesAt);
  // Stops the thread and gives `writer` SQLite's auto-checkpoint back.
  ~SqliteCheckpointer();
  SqliteCheckpointer(const SqliteCheckpointer&) = delete;
  SqliteCheckpointer& operator=(const SqliteCheckpointer&) = delete;

  // Checkpoints the thread completed, and those the writer finished (for tests and benchmarks).
  int64_t BackgroundCheckpoints() const { return background_done_; }
  int64_t WriterCheckpoints() const { return writer_done_; }

 private:
  static int OnCommit(void* self, sqlite3* db, const char* schema, int wal_frames);
  void Run();

  SqliteDb& writer_;
  const int writer_finishes_at_;
  std::unique_ptr<SqliteDb> own_;  // the thread's connection
  int nudged_at_ = 0;              // WAL size at the last nudge; writer's commits only

  std::mutex mu_;
  std::condition_variable cv_;
  bool wanted_ = false;
  bool stopping_ = false;
  std::atomic<int64_t> background_done_{0};
  std::atomic<int64_t> writer_done_{0};
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace salik
