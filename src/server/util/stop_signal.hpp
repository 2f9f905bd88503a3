// What a background thread waits on between passes: a pause that ends early once its owner asks
// it to stop. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace salik {

class StopSignal {
 public:
  // Ends every wait, now and later.
  void Stop() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
  }
  bool Stopping() {
    std::lock_guard lock(mu_);
    return stopping_;
  }
  // Waits up to `d`; false when stopping (at once if already).
  template <typename Rep, typename Period>
  bool WaitFor(std::chrono::duration<Rep, Period> d) {
    std::unique_lock lock(mu_);
    return !cv_.wait_for(lock, d, [this] { return stopping_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
};

}  // namespace salik
