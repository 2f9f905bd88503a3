#include "core/rate_window.hpp"

namespace salik {

RateWindow::Decision RateWindow::TryAcquire(int64_t now_ms, int limit, int64_t window_ms) {
  Prune(now_ms, window_ms);
  if (limit <= 0) return {false, window_ms};
  if (static_cast<int64_t>(events_.size()) >= limit) {
    // The oldest event that must leave the window before one more fits.
    int64_t frees_at = events_[events_.size() - static_cast<std::size_t>(limit)] + window_ms;
    return {false, frees_at > now_ms ? frees_at - now_ms : 1};
  }
  events_.push_back(now_ms);
  return {true, 0};
}

bool RateWindow::Prune(int64_t now_ms, int64_t window_ms) {
  while (!events_.empty() && events_.front() <= now_ms - window_ms) events_.pop_front();
  return events_.empty();
}

int64_t RetryAfterSeconds(int64_t retry_after_ms) {
  int64_t s = (retry_after_ms + 999) / 1000;
  return s < 1 ? 1 : s;
}

}  // namespace salik
