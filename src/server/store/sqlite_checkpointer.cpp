#include "server/store/sqlite_checkpointer.hpp"

#include <sqlite3.h>

#include <chrono>
#include <iostream>

#include "server/store/sqlite_db.hpp"

namespace salik {
namespace {

constexpr auto kEvery = std::chrono::milliseconds(250);

}  // namespace

SqliteCheckpointer::SqliteCheckpointer(const std::string& path) {
  int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(rc, "sqlite: checkpointer cannot open " + path + ": " + message);
  }
  sqlite3_busy_timeout(db_, 1000);
  thread_ = std::thread([this] { Run(); });
}

SqliteCheckpointer::~SqliteCheckpointer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
  sqlite3_close(db_);
}

void SqliteCheckpointer::Run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, kEvery, [this] { return stopping_; });
    lock.unlock();
    Checkpoint();
    lock.lock();
  }
}

void SqliteCheckpointer::Checkpoint() {
  // PASSIVE never blocks the writer or readers: it copies what no reader still needs, and the
  // writer starts the WAL over once everything has been copied.
  int log_frames = 0, copied = 0;
  int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log_frames, &copied);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED) {
    static bool told = false;  // once: a broken disk would say it four times a second
    if (!told) std::cerr << "sqlite: checkpoint failed: " << sqlite3_errmsg(db_) << std::endl;
    told = true;
  }
}

}  // namespace salik
