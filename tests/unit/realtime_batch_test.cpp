// Batch frames (opt-in with hello's "batch": true): the server joins queued frames into one
// {"type":"batch","frames":[…]} and clients read it back as the same frames, in order.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/realtime_protocol.hpp"

using namespace salik;
using namespace salik::realtime;
using nlohmann::json;

namespace {

Message SampleMessage(int64_t seq, const std::string& content) {
  Message m;
  m.id = "0b5f6c1e-8a4d-4c3b-9e2f-7a6b5c4d3e2" + std::to_string(seq % 10);
  m.conversation_id = "c0000000-0000-4000-8000-00000000000a";
  m.seq = seq;
  m.sender_id = "5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716";
  m.client_id = "tab1:" + std::to_string(seq);
  m.content = content;
  m.created_at = "2026-01-01T10:00:00.000Z";
  return m;
}

}  // namespace

TEST_CASE("hello's batch flag parses, is built by the app, and defaults to off", "[realtime]") {
  auto flag = [](const std::string& text) {
    auto parsed = ParseClientFrame(text);
    REQUIRE(std::holds_alternative<ClientFrame>(parsed));
    return std::get<Hello>(std::get<ClientFrame>(parsed)).batch;
  };
  CHECK(flag(R"({"type":"hello","token":"t","batch":true})"));
  CHECK_FALSE(flag(R"({"type":"hello","token":"t"})"));
  CHECK_FALSE(flag(R"({"type":"hello","token":"t","batch":"yes"})"));  // only a JSON true asks

  Hello h{"tok", {{"conv-a", 3}}};
  CHECK_FALSE(json::parse(HelloFrame(h)).contains("batch"));
  h.batch = true;
  CHECK(json::parse(HelloFrame(h))["batch"] == true);
  CHECK(WantsBatches(HelloFrame(h)));
}

TEST_CASE("WantsBatches is false for anything but a valid hello that asks", "[realtime]") {
  CHECK_FALSE(WantsBatches(R"({"type":"hello","token":"t"})"));
  CHECK_FALSE(WantsBatches(R"({"type":"hello","token":"t","batch":false})"));
  CHECK_FALSE(WantsBatches(R"({"type":"hello","batch":true})"));  // no token: refused anyway
  CHECK_FALSE(WantsBatches(R"({"type":"ping","batch":true})"));
  CHECK_FALSE(WantsBatches(R"({"type":"hello","token":"t","batch":true)"));  // not JSON
}

TEST_CASE("a batch frame carries its frames unchanged and in order", "[realtime]") {
  std::vector<std::string> frames{AckFrame("tab1:1", SampleMessage(1, "one")), MessageFrame(SampleMessage(1, "one")),
                                  MessageFrame(SampleMessage(2, "two, with \"quotes\" and ] brackets [")),
                                  TypingFrame("c0000000-0000-4000-8000-00000000000a", "u", true), PongFrame()};
  std::string batch = BatchFrame(frames.data(), frames.size());
  json j = json::parse(batch);  // valid JSON as a whole
  CHECK(j["type"] == "batch");
  REQUIRE(j["frames"].size() == frames.size());

  std::vector<std::string> back = UnpackFrames(batch);
  REQUIRE(back.size() == frames.size());
  for (size_t i = 0; i < frames.size(); ++i) CHECK(json::parse(back[i]) == json::parse(frames[i]));
  auto second = ParseServerFrame(back[2]);
  REQUIRE(second);
  CHECK(second->type == "message");
  CHECK(second->message.seq == 2);
  CHECK(second->message.content == "two, with \"quotes\" and ] brackets [");
}

TEST_CASE("a frame that is not a batch unpacks to itself", "[realtime]") {
  std::string one = MessageFrame(SampleMessage(7, "seven"));
  CHECK(UnpackFrames(one) == std::vector<std::string>{one});
  CHECK(UnpackFrames("not json") == std::vector<std::string>{"not json"});
  std::string broken = R"({"type":"batch","frames":[{"type":"pong"})";  // cut short
  CHECK(UnpackFrames(broken) == std::vector<std::string>{broken});
  std::string single = BatchFrame(&one, 1);
  CHECK(UnpackFrames(single).size() == 1);
}
