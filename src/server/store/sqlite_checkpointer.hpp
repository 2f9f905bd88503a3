// Copies the WAL back into the database file on a thread of its own. SQLite's default does it
// inside a commit once the WAL passes 1000 pages, so every so often one chat batch paid for a
// checkpoint on the hub's thread (about a tenth of the time under open-loop chat load). Done
// here every quarter second instead, the commit path never waits for it, and pages written many
// times in between (index leaves, conversation rows) are copied once.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace salik {

class SqliteCheckpointer {
 public:
  // Opens its own connection to `path` (a file in WAL mode). The writer's connection must have
  // run PRAGMA wal_autocheckpoint=0.
  explicit SqliteCheckpointer(const std::string& path);
  ~SqliteCheckpointer();  // stops the thread, after one last checkpoint
  SqliteCheckpointer(const SqliteCheckpointer&) = delete;
  SqliteCheckpointer& operator=(const SqliteCheckpointer&) = delete;

 private:
  void Run();
  void Checkpoint();

  sqlite3* db_ = nullptr;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace salik
