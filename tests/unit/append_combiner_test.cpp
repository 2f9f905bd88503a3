// AppendCombiner (server/store/append_combiner.hpp): callers that arrive while a commit runs are
// stored together in the next one, each gets back the results of its own messages, and a shared
// transaction that fails costs no caller the messages that were fine.
#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "server/store/append_combiner.hpp"

namespace {

using salik::AppendCombiner;
using salik::AppendResult;
using salik::Message;

std::vector<Message> Batch(const std::string& who, int n) {
  std::vector<Message> out;
  for (int i = 0; i < n; ++i) {
    Message m;
    m.client_id = who + "-" + std::to_string(i);
    m.content = who == "bad" ? "refused" : "fine";
    out.push_back(m);
  }
  return out;
}

std::vector<std::string> ClientIds(const std::vector<AppendResult>& results) {
  std::vector<std::string> out;
  for (const auto& r : results) out.push_back(r.message.client_id);
  return out;
}

// A store that numbers what it gets, refuses a transaction holding a "refused" message, and can
// keep its first transaction open until the test lets it finish.
struct RecordingStore {
  std::mutex lock;  // the store's lock, which the combiner holds around each commit
  std::mutex mu;
  std::condition_variable cv;
  bool hold_first = false;
  bool first_started = false;
  bool released = false;
  std::vector<std::vector<std::string>> transactions;  // client ids of each attempt, in order

  std::vector<AppendResult> Commit(const std::vector<Message>& messages) {
    std::unique_lock lock(mu);
    std::vector<std::string> ids;
    for (const Message& m : messages) ids.push_back(m.client_id);
    transactions.push_back(ids);
    if (hold_first && !first_started) {
      first_started = true;
      cv.notify_all();
      cv.wait(lock, [this] { return released; });
    }
    for (const Message& m : messages)
      if (m.content == "refused") throw std::runtime_error("constraint failed");
    std::vector<AppendResult> out;
    for (const Message& m : messages) out.push_back({m, true});
    return out;
  }
  void WaitFirstStarted() {
    std::unique_lock lock(mu);
    cv.wait(lock, [this] { return first_started; });
  }
  void Release() {
    std::lock_guard lock(mu);
    released = true;
    cv.notify_all();
  }
};

void WaitUntilWaiting(AppendCombiner& combiner, size_t n) {
  while (combiner.Waiting() < n) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

}  // namespace

TEST_CASE("a caller alone is committed alone, with its results", "[combiner]") {
  RecordingStore store;
  AppendCombiner combiner(store.lock, [&](const std::vector<Message>& m) { return store.Commit(m); });
  auto results = combiner.Append(Batch("a", 3));
  CHECK(ClientIds(results) == std::vector<std::string>{"a-0", "a-1", "a-2"});
  CHECK(store.transactions.size() == 1);
}

TEST_CASE("callers that arrive during a commit share the next one and get their own results", "[combiner]") {
  RecordingStore store;
  store.hold_first = true;
  AppendCombiner combiner(store.lock, [&](const std::vector<Message>& m) { return store.Commit(m); });

  std::vector<AppendResult> first, b, c, d;
  std::thread t1([&] { first = combiner.Append(Batch("a", 1)); });
  store.WaitFirstStarted();
  std::thread tb([&] { b = combiner.Append(Batch("b", 2)); });
  WaitUntilWaiting(combiner, 1);
  std::thread tc([&] { c = combiner.Append(Batch("c", 1)); });
  WaitUntilWaiting(combiner, 2);
  std::thread td([&] { d = combiner.Append(Batch("d", 3)); });
  WaitUntilWaiting(combiner, 3);
  store.Release();
  for (auto* t : {&t1, &tb, &tc, &td}) t->join();

  REQUIRE(store.transactions.size() == 2);
  CHECK(store.transactions[0] == std::vector<std::string>{"a-0"});
  CHECK(store.transactions[1] == std::vector<std::string>{"b-0", "b-1", "c-0", "d-0", "d-1", "d-2"});
  CHECK(ClientIds(first) == std::vector<std::string>{"a-0"});
  CHECK(ClientIds(b) == std::vector<std::string>{"b-0", "b-1"});
  CHECK(ClientIds(c) == std::vector<std::string>{"c-0"});
  CHECK(ClientIds(d) == std::vector<std::string>{"d-0", "d-1", "d-2"});
}

TEST_CASE("a failed shared commit is retried per caller, so only the bad caller fails", "[combiner]") {
  RecordingStore store;
  store.hold_first = true;
  AppendCombiner combiner(store.lock, [&](const std::vector<Message>& m) { return store.Commit(m); });

  std::vector<AppendResult> b, d;
  bool bad_failed = false;
  std::thread t1([&] { combiner.Append(Batch("a", 1)); });
  store.WaitFirstStarted();
  std::thread tb([&] { b = combiner.Append(Batch("b", 1)); });
  WaitUntilWaiting(combiner, 1);
  std::thread tbad([&] {
    try {
      combiner.Append(Batch("bad", 1));
    } catch (const std::runtime_error&) {
      bad_failed = true;
    }
  });
  WaitUntilWaiting(combiner, 2);
  std::thread td([&] { d = combiner.Append(Batch("d", 2)); });
  WaitUntilWaiting(combiner, 3);
  store.Release();
  for (auto* t : {&t1, &tb, &tbad, &td}) t->join();

  CHECK(bad_failed);
  CHECK(ClientIds(b) == std::vector<std::string>{"b-0"});
  CHECK(ClientIds(d) == std::vector<std::string>{"d-0", "d-1"});
  // The first transaction, the shared one that failed, then each caller on its own.
  REQUIRE(store.transactions.size() == 5);
  CHECK(store.transactions[1] == std::vector<std::string>{"b-0", "bad-0", "d-0", "d-1"});
  CHECK(store.transactions[2] == std::vector<std::string>{"b-0"});
  CHECK(store.transactions[3] == std::vector<std::string>{"bad-0"});
  CHECK(store.transactions[4] == std::vector<std::string>{"d-0", "d-1"});
}

TEST_CASE("many threads appending at once each get exactly their own messages back", "[combiner]") {
  RecordingStore store;
  AppendCombiner combiner(store.lock, [&](const std::vector<Message>& m) { return store.Commit(m); });
  constexpr int kThreads = 4, kRounds = 300;
  std::vector<std::thread> threads;
  std::vector<int> wrong(kThreads, 0);
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        auto batch = Batch("t" + std::to_string(t) + "r" + std::to_string(round), 1 + round % 3);
        std::vector<std::string> expected;
        for (const auto& m : batch) expected.push_back(m.client_id);
        if (ClientIds(combiner.Append(batch)) != expected) ++wrong[t];
      }
    });
  for (auto& t : threads) t.join();
  CHECK(wrong == std::vector<int>(kThreads, 0));
  size_t stored = 0;
  for (const auto& tx : store.transactions) stored += tx.size();
  CHECK(stored == kThreads * (kRounds / 3) * (1 + 2 + 3));
}
