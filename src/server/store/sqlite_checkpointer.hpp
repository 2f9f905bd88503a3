// Keeps a busy SQLite file's WAL short without making the writer wait for it.
//
// SQLite's own auto-checkpoint runs inside the commit that crosses 1,000 WAL pages: that commit
// copies every page into the database file and syncs both files while every chat sender waits
// for its ack. Here a thread with its own connection does the copying and syncing in the
// background, with PASSIVE checkpoints that never block the writer. Such a checkpoint cannot by
// itself keep the WAL short under steady writes: SQLite rewinds the WAL only once a checkpoint
// has copied all of it, and the writer always adds pages meanwhile. So once the WAL passes a
// size, the thread runs a few more passes, until one finds little new, and then a last one
// holding the writer's lock, so that no commit lands while it copies the few pages left; the
// next commit rewinds the WAL. The thread syncs the database file after each pass, so that the
// last one, the only one in which SQLite syncs it, has little left to write.
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
  // Background passes per WAL cycle: one each time the WAL grows by this fraction of the finish
  // size (8,192 frames in the server). A pass copies each page once, however many of the WAL's
  // frames hold it, and a chat commit rewrites the same few pages (its conversations' rows and
  // index tails) again and again: at a pass every 1,000 frames the thread copied two thirds of
  // all frames, a tenth of the server's CPU in the chat benchmark's closed loop, which went from
  // 37-41k to 40-45k delivered messages/s in interleaved runs with the longer interval.
  static constexpr int kPassesPerCycle = 4;
  // The WAL size at which the checkpoint is finished with writers paused: about 128 MB of 4 KB
  // pages. The pause (copying what came in during the pass before, and two syncs) is what every
  // waiting sender feels, so it should be rare. At twice this size the writer finishes the
  // checkpoint itself (a starved thread on a busy machine), waiting out any pass the thread has
  // under way, so the WAL stays below about twice this size.
  static constexpr int kFinishAt = 32'768;
  // Before the paused pass, background passes run until one finds at most this many new pages
  // (or this many passes ran), so that the pause has only what came in during the last one.
  static constexpr int kFewFrames = 64;
  static constexpr int kMaxCatchUpPasses = 8;

  // Takes over `writer`'s commit hook (replacing SQLite's auto-checkpoint) and opens a second
  // connection to `path` for the thread. `writer_lock` is the mutex every write transaction on
  // `writer` holds. Both must outlive this object.
  SqliteCheckpointer(SqliteDb& writer, std::mutex& writer_lock, const std::string& path,
                     int finish_at = kFinishAt);
  // Stops the thread and gives `writer` SQLite's auto-checkpoint back.
  ~SqliteCheckpointer();
  SqliteCheckpointer(const SqliteCheckpointer&) = delete;
  SqliteCheckpointer& operator=(const SqliteCheckpointer&) = delete;

  // Checkpoints the thread completed, those it completed with writers paused (each rewinds the
  // WAL), and those the writer finished itself (for tests and benchmarks).
  int64_t BackgroundCheckpoints() const { return background_done_; }
  int64_t PausedFinishes() const { return paused_done_; }
  int64_t WriterCheckpoints() const { return writer_done_; }

 private:
  static int OnCommit(void* self, sqlite3* db, const char* schema, int wal_frames);
  void Wake(bool finish);
  void Run();
  // Returns how many WAL pages it copied that the pass before had not, or -1 when it could not run
  // or failed. `finishing`: a pass just before the paused one.
  int BackgroundPass(bool finishing);
  int SyncDatabaseFile();
  void FinishWithWritersPaused();

  SqliteDb& writer_;
  std::mutex& writer_lock_;
  const int finish_at_;
  const int background_every_;  // WAL frames between two background passes
  std::unique_ptr<SqliteDb> own_;  // the thread's connection
  int nudged_at_ = 0;              // WAL size at the last nudge; writer's commits only
  int last_wal_frames_ = 0;        // WAL size after the previous commit; writer's commits only
  int copied_before_ = 0;          // WAL pages checkpointed after the thread's previous pass
  bool unsynced_ = false;          // a pass copied pages into the database file and did not sync it

  std::mutex mu_;
  std::condition_variable cv_;
  bool wanted_ = false;
  bool finish_wanted_ = false;
  bool stopping_ = false;
  std::atomic<bool> finish_asked_{false};  // writer side: asked once per WAL cycle
  std::atomic<int64_t> background_done_{0};
  std::atomic<int64_t> paused_done_{0};
  std::atomic<int64_t> writer_done_{0};
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace salik
