// A ws::Connection that keeps what the hub sends it, for tests of the hub's parts. Thread-safe
// like the real one: hold `mu` to read `frames` and `closed_with`.
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

#include "server/ws/connection.hpp"

namespace salik::testing {

class RecordingConnection final : public ws::Connection {
 public:
  void Send(std::string text) override {
    std::lock_guard lock(mu);
    frames.push_back(std::move(text));
  }
  void Close(std::string reason) override {
    std::lock_guard lock(mu);
    closed_with = std::move(reason);
  }
  size_t QueuedBytes() override { return queued_bytes; }

  std::mutex mu;
  std::vector<std::string> frames;
  std::string closed_with;
  std::atomic<size_t> queued_bytes{0};  // what the test says is waiting to be written
};

}  // namespace salik::testing
