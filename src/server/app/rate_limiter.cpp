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

std::optional<int64_t> KeyedRateLimiter::TryAcquire(const std::string& key) { return TryAcquireEach({key}).front(); }

std::vector<std::optional<int64_t>> KeyedRateLimiter::TryAcquireEach(const std::vector<std::string>& keys) {
  std::vector<std::optional<int64_t>> out;
  if (keys.empty()) return out;
  if (shared_) {
    try {
      std::vector<std::string> scoped;
      scoped.reserve(keys.size());
      for (const auto& key : keys) scoped.push_back(scope_ + key);
      std::vector<int64_t> waits = shared_->TryAcquireEach(scoped, limit_, window_ms_);
      if (waits.size() == keys.size()) {
        for (int64_t wait_ms : waits) out.push_back(wait_ms <= 0 ? std::nullopt : std::optional(RetryAfterSeconds(wait_ms)));
        return out;
      }
    } catch (const std::exception&) {
      // unreachable (the counter logs it): count here alone until it is back
    }
  }
  int64_t now = NowMs();
  std::lock_guard lock(mutex_);
  for (const auto& key : keys) {
    if (++calls_ % kSweepEvery == 0) {
      for (auto it = windows_.begin(); it != windows_.end();)
        it = it->second.Prune(now, window_ms_) ? windows_.erase(it) : std::next(it);
    }
    auto decision = windows_[key].TryAcquire(now, limit_, window_ms_);
    out.push_back(decision.allowed ? std::nullopt : std::optional(RetryAfterSeconds(decision.retry_after_ms)));
  }
  return out;
}

}  // namespace salik
