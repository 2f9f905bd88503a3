#include "server/store/sqlite_checkpointer.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>

#include "server/store/sqlite_db.hpp"

namespace salik {

SqliteCheckpointer::SqliteCheckpointer(SqliteDb& writer, std::mutex& writer_lock, const std::string& path,
                                       int finish_at)
    : writer_(writer),
      writer_lock_(writer_lock),
      finish_at_(finish_at),
      background_every_(std::max(1, finish_at / kPassesPerCycle)),
      own_(std::make_unique<SqliteDb>(path)),
      thread_([this] { Run(); }) {
  sqlite3_wal_hook(writer_.handle(), &SqliteCheckpointer::OnCommit, this);
}

// The constructor and destructor touch the writer's connection without its lock: they run inside
// the store's own constructor and destructor, when no other thread can reach that connection.
SqliteCheckpointer::~SqliteCheckpointer() {
  sqlite3_wal_autocheckpoint(writer_.handle(), 1000);  // SQLite's default hook again
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

// Runs in the writer's thread right after each commit, `wal_frames` being the WAL's size now.
int SqliteCheckpointer::OnCommit(void* arg, sqlite3* db, const char* schema, int wal_frames) {
  auto* self = static_cast<SqliteCheckpointer*>(arg);
  if (wal_frames < self->last_wal_frames_) {  // the WAL was rewound: a new cycle
    self->nudged_at_ = 0;
    self->finish_asked_ = false;
  }
  self->last_wal_frames_ = wal_frames;
  if (wal_frames >= 2 * self->finish_at_) {
    // The thread has not managed to finish (a starved thread on a busy machine): the writer
    // does, syncs and all. SQLITE_BUSY means the thread is mid-pass, holding SQLite's checkpoint
    // lock and needing nothing the writer holds, so wait it out: trying again at the next commit
    // instead let the WAL grow as long as the starved thread took (under ctest -j, past 3x).
    int rc;
    while ((rc = sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr)) == SQLITE_BUSY)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (rc == SQLITE_OK) ++self->writer_done_;
    return SQLITE_OK;
  }
  if (wal_frames >= self->finish_at_) {
    if (!self->finish_asked_.exchange(true)) self->Wake(true);
  } else if (wal_frames - self->nudged_at_ >= self->background_every_) {
    self->nudged_at_ = wal_frames;
    self->Wake(false);
  }
  return SQLITE_OK;
}

void SqliteCheckpointer::Wake(bool finish) {
  {
    std::lock_guard lock(mu_);
    (finish ? finish_wanted_ : wanted_) = true;
  }
  cv_.notify_one();
}

void SqliteCheckpointer::Run() {
  // Normal priority on purpose. At niceness 10 the closed loop was faster on an idle machine, but
  // on a busy one the starved thread held the checkpoint lock for long: the writer's finish kept
  // getting SQLITE_BUSY and the WAL grew past its bound (caught by the unit test under ctest -j).
  for (;;) {
    bool finish = false;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || wanted_ || finish_wanted_; });
      if (stopping_) return;
      finish = finish_wanted_;
      wanted_ = finish_wanted_ = false;
    }
    if (finish) {
      FinishWithWritersPaused();
      continue;
    }
    BackgroundPass(false);
  }
}

// One PASSIVE pass, then a sync of the database file if the pass copied anything. SQLite itself
// syncs the database file only in the pass that completes a cycle, which then writes every page
// the cycle copied while the writers wait (see below). Syncing after each pass writes them out a
// few hundred at a time instead, with nobody waiting: the last pass went from 14-20 ms to 2-4 ms.
// (The chat benchmark's open-loop p99 at 1000 conns did not follow beyond run-to-run noise, 13
// interleaved pairs: it is now mostly senders waiting for the write lock on two busy cores.)
int SqliteCheckpointer::BackgroundPass(bool finishing) {
  int copied = 0;
  int rc = sqlite3_wal_checkpoint_v2(own_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, &copied);
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return -1;
  int fresh = -1;
  if (rc == SQLITE_OK) {
    ++background_done_;
    fresh = copied >= copied_before_ ? copied - copied_before_ : copied;  // smaller: the WAL was rewound
    if (copied != copied_before_) unsynced_ = true;  // 0 after a rewind
    // Not once the finish is due, unless this pass is part of it: the thread should reach the
    // finish soon, or the WAL keeps growing. A pass that is part of it syncs, also pages an
    // earlier pass left unsynced, or the paused pass would sync them while the writers wait.
    if (unsynced_ && (finishing || !finish_asked_)) {
      rc = SyncDatabaseFile();
      if (rc == SQLITE_OK) unsynced_ = false;
    }
    copied_before_ = copied;
  }
  if (rc != SQLITE_OK) {
    std::cerr << "sqlite: background checkpoint failed: " << sqlite3_errmsg(own_->handle()) << std::endl;
    return -1;
  }
  return fresh;
}

// Through SQLite's own file handle and VFS, so the sync is the one SQLite would do.
int SqliteCheckpointer::SyncDatabaseFile() {
  sqlite3_file* file = nullptr;
  int rc = sqlite3_file_control(own_->handle(), "main", SQLITE_FCNTL_FILE_POINTER, &file);
  if (rc != SQLITE_OK || file == nullptr || file->pMethods == nullptr) return rc == SQLITE_OK ? SQLITE_ERROR : rc;
  return file->pMethods->xSync(file, SQLITE_SYNC_NORMAL);
}

// The last pass holds the writer's lock, so nothing commits while it runs and it covers the
// whole WAL; the next commit rewinds it. It copies only what came in during the passes before it,
// and it is the pass in which SQLite syncs the database file; since every earlier pass synced
// what it copied, that sync has only this pass's pages left. (Before, it wrote every page of the
// cycle: 14-20 ms, which every waiting sender felt. One big background sync just before the
// last pass did not help: it slowed the writer's WAL appends more than it saved.)
void SqliteCheckpointer::FinishWithWritersPaused() {
  // Each pass copies (and syncs) what came in during the one before, so a few in a row leave the
  // paused pass little to do. With one unsynced pass before it, the pause took 2.6-4 ms at 10k
  // messages/s; now 0.9-3.3 ms (medians 1.2 and 2.0 in two runs), copying 30-250 pages.
  for (int pass = 0; pass < kMaxCatchUpPasses; ++pass) {
    int fresh = BackgroundPass(true);
    if (fresh >= 0 && fresh <= kFewFrames) break;
  }
  std::lock_guard paused(writer_lock_);
  int wal = 0, copied = 0;
  int rc = sqlite3_wal_checkpoint_v2(own_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal, &copied);
  if (rc == SQLITE_OK) {
    if (wal == copied) {
      // It reached the WAL's end: SQLite synced the database file, the next commit rewinds.
      ++paused_done_;
      copied_before_ = 0;
      unsynced_ = false;
    } else {
      // A reader kept it short of the end: no sync, no rewind. Not asked again at once: a reader
      // that stays would make every commit pause the writers; at twice the size the writer
      // finishes the checkpoint itself.
      if (copied != copied_before_) unsynced_ = true;
      copied_before_ = copied;
    }
  } else {
    // Let the next commit past the size ask again.
    finish_asked_ = false;
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
      std::cerr << "sqlite: checkpoint failed: " << sqlite3_errmsg(own_->handle()) << std::endl;
  }
}

}  // namespace salik
