// The sliding-window rate limit (src/core/rate_window.cpp): at most `limit` events in any window.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

#include "core/rate_window.hpp"

using namespace salik;

namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;

}  // namespace

TEST_CASE("a key may make `limit` events inside the window and no more") {
  RateWindow w;
  CHECK(w.TryAcquire(0, 3, kMinute).allowed);
  CHECK(w.TryAcquire(10, 3, kMinute).allowed);
  CHECK(w.TryAcquire(20, 3, kMinute).allowed);
  auto refused = w.TryAcquire(30, 3, kMinute);
  CHECK_FALSE(refused.allowed);
  CHECK(refused.retry_after_ms > 0);
}

TEST_CASE("an allowed event says nothing about retrying") {
  RateWindow w;
  auto d = w.TryAcquire(1'000, 5, kMinute);
  CHECK(d.allowed);
  CHECK(d.retry_after_ms == 0);
}

TEST_CASE("a refusal says when the oldest event leaves the window") {
  RateWindow w;
  w.TryAcquire(0, 3, kMinute);
  w.TryAcquire(10, 3, kMinute);
  w.TryAcquire(20, 3, kMinute);
  CHECK(w.TryAcquire(30, 3, kMinute).retry_after_ms == kMinute - 30);
  CHECK(w.TryAcquire(kMinute - 1, 3, kMinute).retry_after_ms == 1);
}

TEST_CASE("an event exactly one window old has left the window") {
  RateWindow w;
  REQUIRE(w.TryAcquire(1'000, 1, 1'000).allowed);
  auto d = w.TryAcquire(1'999, 1, 1'000);
  CHECK_FALSE(d.allowed);
  CHECK(d.retry_after_ms == 1);
  CHECK(w.TryAcquire(2'000, 1, 1'000).allowed);
}

TEST_CASE("a refused event is not counted") {
  RateWindow w;
  w.TryAcquire(0, 2, kMinute);
  w.TryAcquire(0, 2, kMinute);
  for (int64_t t = 1; t < kMinute; t += 997) CHECK_FALSE(w.TryAcquire(t, 2, kMinute).allowed);
  // Both events at 0 leave at one minute; the refusals in between left nothing behind.
  CHECK(w.TryAcquire(kMinute, 2, kMinute).allowed);
  CHECK(w.TryAcquire(kMinute, 2, kMinute).allowed);
  CHECK_FALSE(w.TryAcquire(kMinute, 2, kMinute).allowed);
}

TEST_CASE("the window slides: room comes back one event at a time") {
  RateWindow w;
  w.TryAcquire(0, 3, kMinute);
  w.TryAcquire(20'000, 3, kMinute);
  w.TryAcquire(40'000, 3, kMinute);
  CHECK(w.TryAcquire(60'000, 3, kMinute).allowed);   // the event at 0 has left
  auto d = w.TryAcquire(60'001, 3, kMinute);          // 20 000, 40 000, 60 000 remain
  CHECK_FALSE(d.allowed);
  CHECK(d.retry_after_ms == 20'000 + kMinute - 60'001);
  CHECK(w.TryAcquire(80'000, 3, kMinute).allowed);
}

TEST_CASE("a limit of zero refuses everything for a whole window") {
  RateWindow w;
  auto d = w.TryAcquire(5'000, 0, kMinute);
  CHECK_FALSE(d.allowed);
  CHECK(d.retry_after_ms == kMinute);
  CHECK(w.Prune(5'000, kMinute));  // and records nothing
}

TEST_CASE("a lowered limit waits for enough events to leave") {
  RateWindow w;
  for (int64_t t = 0; t < 5; ++t) REQUIRE(w.TryAcquire(t * 1'000, 5, kMinute).allowed);
  // Now only 2 may be in the window: events at 0, 1 s, 2 s and 3 s must leave; 3 s is the last.
  auto d = w.TryAcquire(10'000, 2, kMinute);
  CHECK_FALSE(d.allowed);
  CHECK(d.retry_after_ms == 3'000 + kMinute - 10'000);
  CHECK_FALSE(w.TryAcquire(3'000 + kMinute - 1, 2, kMinute).allowed);
  CHECK(w.TryAcquire(3'000 + kMinute, 2, kMinute).allowed);
}

TEST_CASE("a refusal never says to retry in the past, even after the clock stepped back") {
  RateWindow w;
  REQUIRE(w.TryAcquire(100, 3, 1'000).allowed);
  REQUIRE(w.TryAcquire(50, 3, 1'000).allowed);  // the clock stepped back 50 ms
  REQUIRE(w.TryAcquire(60, 3, 1'000).allowed);
  auto d = w.TryAcquire(1'055, 2, 1'000);
  CHECK_FALSE(d.allowed);
  CHECK(d.retry_after_ms >= 1);
}

TEST_CASE("Prune reports an idle key so it can be dropped") {
  RateWindow w;
  CHECK(w.Prune(0, kMinute));
  w.TryAcquire(0, 10, kMinute);
  w.TryAcquire(30'000, 10, kMinute);
  CHECK_FALSE(w.Prune(kMinute - 1, kMinute));
  CHECK_FALSE(w.Prune(kMinute, kMinute));  // the event at 30 s is still inside
  CHECK(w.Prune(30'000 + kMinute, kMinute));
}

TEST_CASE("a long busy run decides exactly like a plain list of every event") {
  // Thousands of events through one window, so expired ones are dropped from the front many
  // times over; every decision must match counting a full history.
  std::mt19937 random(7);
  RateWindow w;
  std::vector<int64_t> history;
  int64_t now = 0;
  const int limit = 120;
  const int64_t window = 1'000;
  int refused = 0;
  for (int i = 0; i < 20'000; ++i) {
    now += random() % 15;  // bursts (0 ms apart) and pauses
    int64_t inside = 0, oldest_needed = 0;
    for (int64_t t : history)
      if (t > now - window) ++inside;
    if (inside >= limit) oldest_needed = history[history.size() - limit] + window;
    auto d = w.TryAcquire(now, limit, window);
    REQUIRE(d.allowed == (inside < limit));
    if (d.allowed) {
      history.push_back(now);
    } else {
      ++refused;
      REQUIRE(d.retry_after_ms == (oldest_needed > now ? oldest_needed - now : 1));
    }
  }
  CHECK(refused > 0);  // the run did reach the limit
  CHECK(w.Prune(now + window, window));
}

TEST_CASE("the message limit lets 60 messages a minute through and refuses the 61st") {
  RateWindow w;
  int allowed = 0;
  for (int i = 0; i < 61; ++i)
    if (w.TryAcquire(i * 500, 60, kMinute).allowed) ++allowed;
  CHECK(allowed == 60);
  auto d = w.TryAcquire(30'500, 60, kMinute);
  CHECK_FALSE(d.allowed);
  CHECK(RetryAfterSeconds(d.retry_after_ms) == 30);  // the first message, at 0, leaves at 60 s
}

TEST_CASE("the posting limit allows 5 issues an hour") {
  RateWindow w;
  for (int i = 0; i < 5; ++i) REQUIRE(w.TryAcquire(i * 10 * kMinute, 5, kHour).allowed);
  auto d = w.TryAcquire(45 * kMinute, 5, kHour);
  CHECK_FALSE(d.allowed);
  CHECK(d.retry_after_ms == 15 * kMinute);
  CHECK(w.TryAcquire(kHour, 5, kHour).allowed);
}

TEST_CASE("RetryAfterSeconds rounds up and never says zero") {
  CHECK(RetryAfterSeconds(0) == 1);
  CHECK(RetryAfterSeconds(-250) == 1);
  CHECK(RetryAfterSeconds(1) == 1);
  CHECK(RetryAfterSeconds(999) == 1);
  CHECK(RetryAfterSeconds(1'000) == 1);
  CHECK(RetryAfterSeconds(1'001) == 2);
  CHECK(RetryAfterSeconds(59'970) == 60);
  CHECK(RetryAfterSeconds(kHour) == 3'600);
}
