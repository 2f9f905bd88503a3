// Thread-safe rate limits per key (client IP, user id) on top of core's RateWindow.
// In memory: counts reset when the server restarts and are per server instance.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/rate_window.hpp"

namespace salik {

class KeyedRateLimiter {
 public:
  KeyedRateLimiter(int limit, std::chrono::milliseconds window);
  // Counts one event for `key`; when over the limit, counts nothing and answers the
  // Retry-After seconds.
  std::optional<int64_t> TryAcquire(const std::string& key);

 private:
  int limit_;
  int64_t window_ms_;
  std::mutex mutex_;
  std::unordered_map<std::string, RateWindow> windows_;
  uint64_t calls_ = 0;
};

}  // namespace salik
