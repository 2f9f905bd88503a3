#include "server/store/sqlite_checkpointer.hpp"

#include <sqlite3.h>

#include <sys/resource.h>
#include <unistd.h>

#include <iostream>

#include "server/store/sqlite_db.hpp"

namespace salik {
namespace {

constexpr int kNice = 10;  // niceness: 0 is the default, 19 the lowest priority

}  // namespace

SqliteCheckpointer::SqliteCheckpointer(SqliteDb& writer, const std::string& path, int writer_finishes_at)
    : writer_(writer), writer_finishes_at_(writer_finishes_at), own_(std::make_unique<SqliteDb>(path)), thread_([this] { Run(); }) {
  sqlite3_wal_hook(writer_.handle(), &SqliteCheckpointer::OnCommit, this);
}

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
  if (wal_frames >= self->writer_finishes_at_) {
    // SQLITE_BUSY while the thread is mid-checkpoint: the next commit tries again.
    int rc = sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (rc == SQLITE_OK) ++self->writer_done_;
    self->nudged_at_ = 0;
    return SQLITE_OK;
  }
  if (wal_frames < self->nudged_at_) self->nudged_at_ = 0;  // the WAL was rewound
  if (wal_frames - self->nudged_at_ >= kBackgroundEvery) {
    self->nudged_at_ = wal_frames;
    {
      std::lock_guard lock(self->mu_);
      self->wanted_ = true;
    }
    self->cv_.notify_one();
  }
  return SQLITE_OK;
}

void SqliteCheckpointer::Run() {
  // Below the threads that senders wait on: on two cores its copying otherwise took turns with
  // the writer and the I/O threads (closed loop at 1,000 connections: 24-26k -> 32-37k msg/s).
  // Falling behind costs nothing but a longer WAL, which the writer's finish then copies.
  setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kNice);
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || wanted_; });
      if (stopping_) return;
      wanted_ = false;
    }
    int rc = sqlite3_wal_checkpoint_v2(own_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (rc == SQLITE_OK) {
      ++background_done_;
    } else if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) {
      std::cerr << "sqlite: background checkpoint failed: " << sqlite3_errmsg(own_->handle()) << std::endl;
    }
  }
}

}  // namespace salik
