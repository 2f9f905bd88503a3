// Identifiers: random v4 UUIDs, and v7 UUIDs whose text sorts by the time they were made.
#include <catch2/catch.hpp>
#include <chrono>
#include <set>
#include <thread>
#include <vector>

#include "server/util/ids.hpp"

using namespace salik;

TEST_CASE("v4 and v7 UUIDs are well formed, with their version and variant", "[ids]") {
  for (int i = 0; i < 100; ++i) {
    std::string v4 = NewUuid(), v7 = NewTimeOrderedUuid();
    CHECK(LooksLikeUuid(v4));
    CHECK(LooksLikeUuid(v7));
    CHECK(v4[14] == '4');
    CHECK(v7[14] == '7');
    CHECK(std::string("89ab").find(v7[19]) != std::string::npos);
  }
}

TEST_CASE("v7 UUIDs made later sort later, and none repeats", "[ids]") {
  std::set<std::string> seen;
  std::string earlier = NewTimeOrderedUuid();
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  for (int i = 0; i < 1000; ++i) CHECK(seen.insert(NewTimeOrderedUuid()).second);
  CHECK(earlier < *seen.begin());
  // The first 12 hex digits are the milliseconds since 1970: within a minute of now.
  std::string t = NewTimeOrderedUuid();
  long long ms = std::stoll(t.substr(0, 8) + t.substr(9, 4), nullptr, 16);
  long long now = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch()).count();
  CHECK(std::llabs(now - ms) < 60'000);
}

TEST_CASE("ids made on several threads at once never repeat", "[ids]") {
  // Each thread draws from its own pool of random bytes, refilled every 64 ids.
  constexpr int kThreads = 4, kEach = 3000;
  std::vector<std::vector<std::string>> made(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&made, t] {
      for (int i = 0; i < kEach; ++i) made[t].push_back(i % 2 ? NewUuid() : NewTimeOrderedUuid());
    });
  for (auto& thread : threads) thread.join();
  std::set<std::string> seen;
  for (const auto& list : made)
    for (const std::string& id : list) CHECK(seen.insert(id.substr(14)).second);  // the random part
  CHECK(seen.size() == kThreads * kEach);
}
