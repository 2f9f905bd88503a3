// The hub's periodic session re-check: each session once per pass, a few at a time, and the
// sockets of an ended session get session_ended and a close.
#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "recording_connection.hpp"
#include "server/ws/registry.hpp"
#include "server/ws/session_watch.hpp"

namespace {

using salik::testing::RecordingConnection;
using salik::ws::Client;
using Clock = std::chrono::steady_clock;

struct Check {
  std::string token_hash;
  Clock::time_point at;
};

}  // namespace

TEST_CASE("the session re-check spreads a pass over the period and closes ended sessions", "[hub][sessions]") {
  constexpr int kSessions = 40;  // three groups of at most SessionWatch::kGroup
  constexpr auto kEvery = std::chrono::milliseconds(600);
  salik::ws::Registry registry;
  std::map<std::string, std::shared_ptr<RecordingConnection>> connections;
  for (int i = 0; i < kSessions; ++i) {
    std::string token = "token-" + std::to_string(i);
    auto conn = std::make_shared<RecordingConnection>();
    connections[token] = conn;
    auto client = std::make_shared<Client>(conn, "user-" + std::to_string(i), salik::Role::Customer, token,
                                           std::map<std::string, int64_t>{});
    registry.Join(client, {}, {});
  }

  std::mutex mu;
  std::condition_variable cv;
  std::vector<Check> checks;
  auto ended = [&](const std::string& token_hash) -> std::optional<std::string> {
    {
      std::lock_guard lock(mu);
      checks.push_back({token_hash, Clock::now()});
    }
    cv.notify_all();
    if (token_hash == "token-7") return std::string("Signed out");
    return std::nullopt;
  };

  std::vector<Check> pass;
  {
    salik::ws::SessionWatch watch(registry, ended, kEvery);
    std::unique_lock lock(mu);
    REQUIRE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return checks.size() >= kSessions; }));
    pass.assign(checks.begin(), checks.begin() + kSessions);
  }

  std::map<std::string, int> seen;
  for (const Check& c : pass) ++seen[c.token_hash];
  CHECK(seen.size() == kSessions);  // every session once, none twice in one pass

  // Between groups the pass pauses for half the period shared out among the groups; a busy
  // machine can only make a pause longer.
  const size_t group = salik::ws::SessionWatch::kGroup;
  const auto gap = (kEvery / 2) / 3;
  for (size_t start = group; start < pass.size(); start += group)
    CHECK(pass[start].at - pass[start - 1].at >= gap);
  for (size_t i = 1; i < pass.size(); ++i) {
    if (i % group == 0) continue;
    CHECK(pass[i].at >= pass[i - 1].at);
  }

  auto& signed_out = *connections["token-7"];
  {
    std::lock_guard lock(signed_out.mu);
    CHECK(signed_out.closed_with == "Signed out");
    REQUIRE_FALSE(signed_out.frames.empty());
    CHECK(signed_out.frames.back().find("session_ended") != std::string::npos);
  }
  auto& fine = *connections["token-8"];
  std::lock_guard lock(fine.mu);
  CHECK(fine.closed_with.empty());
}
