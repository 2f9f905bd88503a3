// A sliding-window rate limit for one key (a user, an IP): at most `limit` events in any
// `window`. Pure logic with the time passed in, so the server and the app count the same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace salik {

class RateWindow {
 public:
  struct Decision {
    bool allowed = true;
    int64_t retry_after_ms = 0;  // when refused: how long until one more event fits
  };

  // Records the event at `now_ms` when it fits; otherwise records nothing and says when to retry.
  Decision TryAcquire(int64_t now_ms, int limit, int64_t window_ms);
  // Forgets events older than the window; true when nothing is left (the key can be dropped).
  bool Prune(int64_t now_ms, int64_t window_ms);

 private:
  // Event times, oldest first, from head_ on. A vector, not a deque: an empty window holds no
  // memory (libstdc++'s deque allocates about 600 bytes up front), and every open WebSocket and
  // every user has one.
  std::vector<int64_t> events_;
  std::size_t head_ = 0;
};

// Whole seconds for a Retry-After header: rounded up, at least 1.
int64_t RetryAfterSeconds(int64_t retry_after_ms);

}  // namespace salik
