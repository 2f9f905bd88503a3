#include "server/app/rate_limiter.hpp"

#include <iterator>

namespace salik {
namespace {

int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

constexpr uint64_t kSweepEvery = 4096;  // calls between sweeps of keys that went quiet

}  // namespace

KeyedRateLimiter::KeyedRateLimiter(int limit, std::chrono::milliseconds window)
    : limit_(limit), window_ms_(window.count()) {}

void KeyedRateLimiter::UseShared(std::shared_ptr<SharedRateCounter> shared, std::string scope) {
  shared_ = std::move(shared);
  scope_ = std::move(scope);
}

std::optional<int64_t> KeyedRateLimiter::TryAcquire(const std::string& key) {
  if (shared_) {
    try {
      int64_t wait_ms = shared_->TryAcquire(scope_ + key, limit_, window_ms_);
      if (wait_ms <= 0) return std::nullopt;
      return RetryAfterSeconds(wait_ms);
    } catch (const std::exception&) {
      // unreachable (the counter logs it): count here alone until it is back
    }
  }
  int64_t now = NowMs();
  std::lock_guard lock(mutex_);
  if (++calls_ % kSweepEvery == 0) {
    for (auto it = windows_.begin(); it != windows_.end();)
      it = it->second.Prune(now, window_ms_) ? windows_.erase(it) : std::next(it);
  }
  auto decision = windows_[key].TryAcquire(now, limit_, window_ms_);
  if (decision.allowed) return std::nullopt;
  return RetryAfterSeconds(decision.retry_after_ms);
}

}  // namespace salik
