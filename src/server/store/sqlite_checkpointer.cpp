#include "server/store/sqlite_checkpointer.hpp"

#include <sqlite3.h>

#include <iostream>

#include "server/store/sqlite_db.hpp"

namespace salik {

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
  // Normal priority on purpose. At niceness 10 the closed loop was faster on an idle machine, but
  // on a busy one the starved thread held the checkpoint lock for long: the writer's finish kept
  // getting SQLITE_BUSY and the WAL grew past its bound (caught by the unit test under ctest -j).
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
