// Thread-safe rate limits per key (client IP, user id) on top of core's RateWindow.
// In memory: counts reset when the server restarts and are per server instance, unless a
// SharedRateCounter (Redis, server/cluster) is set: then every instance counts in one place.
#pragma once

#include <chrono>
#include <memory>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/rate_window.hpp"

namespace salik {

// Counts kept where several server instances see them. Sliding window like RateWindow.
class SharedRateCounter {
 public:
  virtual ~SharedRateCounter() = default;
  // For each key in order (one may repeat), counts one event when it fits: answers 0; otherwise
  // counts nothing and answers the milliseconds until one more fits. In one round trip. Throws
  // when the counts cannot be reached.
  virtual std::vector<int64_t> TryAcquireEach(const std::vector<std::string>& keys, int limit, int64_t window_ms) = 0;
};

class KeyedRateLimiter {
 public:
  KeyedRateLimiter(int limit, std::chrono::milliseconds window);
  // Counts one event for `key`; when over the limit, counts nothing and answers the
  // Retry-After seconds.
  std::optional<int64_t> TryAcquire(const std::string& key);
  // The same for several events, in order (a key may repeat): a shared counter is asked once.
  std::vector<std::optional<int64_t>> TryAcquireEach(const std::vector<std::string>& keys);
  // Counts in `shared` from now on, under keys prefixed with `scope` (one per limit). While it
  // cannot be reached, this instance counts alone. Call before the server serves.
  void UseShared(std::shared_ptr<SharedRateCounter> shared, std::string scope);

 private:
  int limit_;
  int64_t window_ms_;
  std::mutex mutex_;
  std::unordered_map<std::string, RateWindow> windows_;
  uint64_t calls_ = 0;
  std::shared_ptr<SharedRateCounter> shared_;
  std::string scope_;
};

}  // namespace salik
