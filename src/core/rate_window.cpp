#include "core/rate_window.hpp"

namespace salik {

RateWindow::Decision RateWindow::TryAcquire(int64_t now_ms, int limit, int64_t window_ms) {
  Prune(now_ms, window_ms);
  if (limit <= 0) return {false, window_ms};
  if (static_cast<int64_t>(events_.size() - head_) >= limit) {
    // The oldest event that must leave the window before one more fits.
    int64_t frees_at = events_[events_.size() - static_cast<std::size_t>(limit)] + window_ms;
    return {false, frees_at > now_ms ? frees_at - now_ms : 1};
  }
  events_.push_back(now_ms);
  return {true, 0};
}

bool RateWindow::Prune(int64_t now_ms, int64_t window_ms) {
  while (head_ < events_.size() && events_[head_] <= now_ms - window_ms) ++head_;
  if (head_ == events_.size()) {
    events_ = {};  // idle again: give the memory back
    head_ = 0;
    return true;
  }
  if (head_ >= 64 && 2 * head_ >= events_.size()) {  // drop the expired front now and then, not per event
    events_.erase(events_.begin(), events_.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
  }
  return false;
}

int64_t RetryAfterSeconds(int64_t retry_after_ms) {
  int64_t s = (retry_after_ms + 999) / 1000;
  return s < 1 ? 1 : s;
}

}  // namespace salik
