// ws::SendBatch (server/ws/connection.hpp): while a batch lives on a thread, connections that
// hold their frames are flushed once, when the outermost batch ends; other threads are not held.
#include <catch2/catch.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/ws/connection.hpp"

namespace {

// Holds a frame the way the WebSocket session does: joins the batch when nothing is held yet,
// and queues behind what is held.
class HoldingConnection final : public salik::ws::Connection, public std::enable_shared_from_this<HoldingConnection> {
 public:
  void Send(std::string text) override {
    std::lock_guard lock(mu);
    if (!held.empty() || salik::ws::SendBatch::Join(shared_from_this())) {
      held.push_back(std::move(text));
      return;
    }
    writes.push_back({std::move(text)});
  }
  void Close(std::string) override {}
  size_t QueuedBytes() override { return 0; }
  void FlushHeld() override {
    std::lock_guard lock(mu);
    writes.push_back(std::move(held));
    held.clear();
  }

  std::mutex mu;
  std::vector<std::string> held;
  std::vector<std::vector<std::string>> writes;  // each socket write, with the frames in it
};

using Writes = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("outside a batch a frame is written at once", "[ws][batch]") {
  auto c = std::make_shared<HoldingConnection>();
  c->Send("a");
  c->Send("b");
  CHECK(c->writes == Writes{{"a"}, {"b"}});
}

TEST_CASE("inside nested batches each connection's frames leave in one write when the outer one ends",
          "[ws][batch]") {
  auto ack_to = std::make_shared<HoldingConnection>();
  auto other = std::make_shared<HoldingConnection>();
  {
    salik::ws::SendBatch outer;
    ack_to->Send("ack 1");
    {
      salik::ws::SendBatch inner;
      other->Send("message 1");
      ack_to->Send("message 1");
    }
    CHECK(ack_to->writes.empty());  // the inner batch ending flushes nothing
    CHECK(other->writes.empty());
    ack_to->Send("ack 2");
  }
  CHECK(ack_to->writes == Writes{{"ack 1", "message 1", "ack 2"}});
  CHECK(other->writes == Writes{{"message 1"}});
  ack_to->Send("later");
  CHECK(ack_to->writes.back() == std::vector<std::string>{"later"});
}

TEST_CASE("a batch holds only its own thread's sends", "[ws][batch]") {
  auto c = std::make_shared<HoldingConnection>();
  salik::ws::SendBatch batch;
  std::thread([&] { c->Send("from another thread"); }).join();
  CHECK(c->writes == Writes{{"from another thread"}});
}
