// A hub shard on a real SQLite store: sends posted from several threads at once are stored once,
// acked with the stored message and fanned out in seq order, and a resume replay waiting for a
// connection that is behind goes out once it drains.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "recording_connection.hpp"
#include "server/app/rate_limiter.hpp"
#include "server/ws/registry.hpp"
#include "server/ws/shard.hpp"
#include "store_backends.hpp"
#include "store_chat_fixture.hpp"

namespace {

using nlohmann::json;
using salik::ws::Client;
using salik::ws::Shard;
using salik::ws::Task;
using salik::testing::RecordingConnection;
using Clock = std::chrono::steady_clock;

// The frames of `type` the connection has been sent so far, parsed.
std::vector<json> Frames(RecordingConnection& conn, const std::string& type) {
  std::lock_guard lock(conn.mu);
  std::vector<json> out;
  for (const std::string& text : conn.frames) {
    json f = json::parse(text);
    if (f.at("type") == type) out.push_back(std::move(f));
  }
  return out;
}

// Waits up to 5 s for `count` frames of `type`.
bool WaitFor(RecordingConnection& conn, const std::string& type, size_t count) {
  auto until = Clock::now() + std::chrono::seconds(5);
  while (Frames(conn, type).size() < count) {
    if (Clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

// A car owner and a mechanic, one connection each, in one conversation.
struct Chat {
  salik::testing::ChatParties parties;
  salik::ws::Registry registry;
  salik::KeyedRateLimiter limiter{1'000'000, std::chrono::minutes(1)};
  std::shared_ptr<RecordingConnection> owner_conn = std::make_shared<RecordingConnection>();
  std::shared_ptr<RecordingConnection> mechanic_conn = std::make_shared<RecordingConnection>();
  std::shared_ptr<Client> owner, mechanic;

  explicit Chat(salik::Store& store) : parties(store) {
    owner = std::make_shared<Client>(owner_conn, parties.customer, salik::Role::Customer, "owner-token",
                                     std::map<std::string, int64_t>{});
    mechanic = std::make_shared<Client>(mechanic_conn, parties.mechanic, salik::Role::Mechanic, "mechanic-token",
                                        std::map<std::string, int64_t>{});
    registry.Join(owner, {parties.mechanic}, {});
    registry.Join(mechanic, {parties.customer}, {});
  }

  Task Send(const std::shared_ptr<Client>& from, const std::string& client_id, const std::string& content) const {
    Task t;
    t.kind = Task::Kind::Send;
    t.client = from;
    t.conversation_id = parties.conversation.id;
    t.client_id = client_id;
    t.content = content;
    return t;
  }
};

std::vector<int64_t> Seqs(const std::vector<json>& frames) {
  std::vector<int64_t> seqs;
  for (const json& f : frames) seqs.push_back(f.at("message").at("seq").get<int64_t>());
  return seqs;
}

}  // namespace

TEST_CASE("threads racing to post to one shard store each message once, in order", "[hub][shard]") {
  salik::testing::RunOnSqlite([](salik::Store& store, salik::testing::TestDatabase&) {
    constexpr int kPosters = 4, kEach = 150;
    Chat chat(store);
    Shard shard(store, chat.registry, chat.limiter);

    std::vector<std::thread> posters;
    for (int p = 0; p < kPosters; ++p) {
      posters.emplace_back([&, p] {
        // Even posters write as the car owner, odd ones as the mechanic; every fifth send
        // repeats the one before (a client resending), which must store nothing new.
        const auto& from = p % 2 == 0 ? chat.owner : chat.mechanic;
        for (int i = 0; i < kEach; ++i) {
          int n = i % 5 == 4 ? i - 1 : i;
          std::string id = "poster-" + std::to_string(p) + "-" + std::to_string(n);
          shard.Post(chat.Send(from, id, "message " + id));
        }
      });
    }
    for (auto& t : posters) t.join();

    constexpr size_t kUnique = kPosters * kEach * 4 / 5;
    constexpr size_t kPerSide = kPosters / 2 * kEach;  // acks, resends included
    REQUIRE(WaitFor(*chat.owner_conn, "ack", kPerSide));
    REQUIRE(WaitFor(*chat.mechanic_conn, "ack", kPerSide));
    auto stored = store.ListMessagesAfter(chat.parties.conversation.id, 0, 10'000);
    REQUIRE(stored.size() == kUnique);
    for (size_t i = 0; i < stored.size(); ++i) CHECK(stored[i].seq == static_cast<int64_t>(i) + 1);

    // A resend is acked with the original message.
    std::map<std::string, std::string> message_of;
    for (const auto& conn : {chat.owner_conn, chat.mechanic_conn}) {
      for (const json& ack : Frames(*conn, "ack")) {
        auto [it, first] = message_of.try_emplace(ack.at("client_id"), ack.at("message").at("id"));
        CHECK(it->second == ack.at("message").at("id").get<std::string>());
      }
    }
    CHECK(message_of.size() == kUnique);

    // Both sides see every message live (the frame goes to all of both participants' connections),
    // each once, in seq order.
    for (const auto& conn : {chat.owner_conn, chat.mechanic_conn}) {
      REQUIRE(WaitFor(*conn, "message", kUnique));
      auto seqs = Seqs(Frames(*conn, "message"));
      CHECK(seqs.size() == kUnique);
      CHECK(std::is_sorted(seqs.begin(), seqs.end()));
      CHECK(std::adjacent_find(seqs.begin(), seqs.end()) == seqs.end());
    }
  });
}

TEST_CASE("a resume replay waits while its connection is behind, then goes out", "[hub][shard]") {
  salik::testing::RunOnSqlite([](salik::Store& store, salik::testing::TestDatabase&) {
    salik::testing::ChatParties seed(store);
    // Three stored messages the car owner has not seen.
    std::vector<salik::Message> earlier;
    for (int i = 1; i <= 3; ++i) {
      salik::Message m;
      m.id = salik::NewUuid();
      m.conversation_id = seed.conversation.id;
      m.sender_id = seed.mechanic;
      m.client_id = "earlier-" + std::to_string(i);
      m.content = "Earlier " + std::to_string(i);
      m.message_type = "text";
      m.created_at = salik::testing::ChatAt(2, i);
      earlier.push_back(m);
    }
    store.AppendMessages(earlier);

    salik::ws::Registry registry;
    salik::KeyedRateLimiter limiter{1'000'000, std::chrono::minutes(1)};
    auto conn = std::make_shared<RecordingConnection>();
    auto owner = std::make_shared<Client>(conn, seed.customer, salik::Role::Customer, "owner-token",
                                          std::map<std::string, int64_t>{{seed.conversation.id, 0}});
    registry.Join(owner, {seed.mechanic}, {});
    Shard shard(store, registry, limiter);

    conn->queued_bytes = 1 << 20;  // the connection is behind: the replay must wait
    Task resume;
    resume.kind = Task::Kind::Resume;
    resume.client = owner;
    resume.conversation_id = seed.conversation.id;
    shard.Post(resume);
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    CHECK(Frames(*conn, "message").empty());

    conn->queued_bytes = 0;
    REQUIRE(WaitFor(*conn, "message", 3));
    CHECK(Seqs(Frames(*conn, "message")) == std::vector<int64_t>{1, 2, 3});
  });
}
