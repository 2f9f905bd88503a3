// Chat attachments that were uploaded and never sent would keep their rows and files for ever: the
// composer was closed, a Remove's DELETE never reached us (offline), the tab crashed. A thread
// deletes them once they are older than MediaSettings::keep_unsent_seconds, looking every
// sweep_every_seconds. Each goes through the same check as DELETE /api/media/{id}, so a message
// that takes one meanwhile keeps it.
#pragma once

#include <chrono>
#include <cstddef>
#include <thread>

#include "server/util/stop_signal.hpp"

namespace salik {

class MediaService;
class Store;

class UnsentMediaSweeper {
 public:
  UnsentMediaSweeper(Store& store, MediaService& media);
  // Stops the thread; a pass in progress finishes its current attachment first.
  ~UnsentMediaSweeper();
  UnsentMediaSweeper(const UnsentMediaSweeper&) = delete;
  UnsentMediaSweeper& operator=(const UnsentMediaSweeper&) = delete;

 private:
  void Run();
  // One pass as of `now`: answers how many attachments it deleted.
  size_t SweepOnce(std::chrono::system_clock::time_point now);

  Store& store_;
  MediaService& media_;
  StopSignal stop_;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace salik
