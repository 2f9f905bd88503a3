// The server's per-key limits counted in this process (src/server/app/rate_limiter.cpp): one
// event at a time, or a shard's batch at once, with the same answers. The Redis-shared counts are
// tested against a real Redis in tests/api/cluster.test.mjs.
#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "server/app/rate_limiter.hpp"

using namespace salik;
using Answer = std::optional<int64_t>;

TEST_CASE("a batch counts its keys in order, a repeated key against itself", "[app]") {
  KeyedRateLimiter limiter(3, std::chrono::minutes(1));
  std::vector<Answer> answers = limiter.TryAcquireEach({"ana", "ana", "ben", "ana", "ana", "ben"});
  REQUIRE(answers.size() == 6);
  CHECK_FALSE(answers[0]);
  CHECK_FALSE(answers[1]);
  CHECK_FALSE(answers[2]);
  CHECK_FALSE(answers[3]);  // ana's third
  REQUIRE(answers[4]);      // ana's fourth: refused, with the seconds until one fits
  CHECK(*answers[4] >= 1);
  CHECK(*answers[4] <= 60);
  CHECK_FALSE(answers[5]);  // ben's second
  // The batch counted exactly what a call per event would have.
  CHECK(limiter.TryAcquire("ana"));
  CHECK_FALSE(limiter.TryAcquire("ben"));
  CHECK(limiter.TryAcquire("ben"));
}

TEST_CASE("a batch over the limit lets exactly the limit through; an empty one asks nothing", "[app]") {
  KeyedRateLimiter limiter(2, std::chrono::minutes(1));
  std::vector<Answer> answers = limiter.TryAcquireEach({"ana", "ana", "ana", "ana", "ana"});
  REQUIRE(answers.size() == 5);
  CHECK_FALSE(answers[0]);
  CHECK_FALSE(answers[1]);
  for (size_t i = 2; i < answers.size(); ++i) CHECK(answers[i]);
  CHECK(limiter.TryAcquireEach({}).empty());
}
