// The server's WebSocket reader (server/ws/message_reader.hpp): client frames in, events out,
// whatever way the bytes are cut; a pause keeps the rest for later; every protocol error ends
// reading with the close code RFC 6455 asks for.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "server/ws/frame_codec.hpp"
#include "server/ws/message_reader.hpp"

using namespace salik::ws;
using Kind = ReadEvent::Kind;

namespace {

constexpr size_t kMax = 1024;

std::string Masked(Opcode opcode, std::string_view payload, bool fin = true) {
  std::string out;
  AppendMaskedFrame(out, opcode, payload, 0x5A17C0DE);
  if (!fin) out[0] = static_cast<char>(out[0] & 0x7F);
  return out;
}

std::string ClosePayload(uint16_t code, std::string_view reason = "") {
  std::string p{static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)};
  return p.append(reason);
}

// Feeds `wire` in pieces of `piece` bytes and returns every event.
std::vector<ReadEvent> ReadAll(MessageReader& reader, std::string wire, size_t piece) {
  std::vector<ReadEvent> events;
  for (size_t at = 0; at < wire.size(); at += piece) {
    std::string chunk = wire.substr(at, piece);
    reader.Read(chunk.data(), chunk.size(), [&](ReadEvent& e) {
      events.push_back(e);
      return true;
    });
  }
  return events;
}

std::vector<ReadEvent> ReadAll(std::string wire) {
  MessageReader reader(kMax);
  const size_t whole = wire.size();
  return ReadAll(reader, std::move(wire), whole);
}

}  // namespace

TEST_CASE("messages, fragments and a ping between them come out the same however the bytes are cut", "[ws][reader]") {
  const std::string wire = Masked(kText, R"({"type":"hello"})") + Masked(kText, "frag", false) + Masked(kPing, "p1") +
                           Masked(kContinuation, "men", false) + Masked(kContinuation, "ted") +
                           Masked(kBinary, std::string("\xff\x00\xfe", 3)) + Masked(kPong, "");
  for (size_t piece = 1; piece <= wire.size(); ++piece) {
    CAPTURE(piece);
    MessageReader reader(kMax);
    auto events = ReadAll(reader, wire, piece);
    REQUIRE(events.size() == 5);
    CHECK((events[0].kind == Kind::Text && events[0].payload == R"({"type":"hello"})"));
    CHECK((events[1].kind == Kind::Ping && events[1].payload == "p1"));
    CHECK((events[2].kind == Kind::Text && events[2].payload == "fragmented"));
    CHECK((events[3].kind == Kind::Binary && events[3].payload == std::string("\xff\x00\xfe", 3)));
    CHECK(events[4].kind == Kind::Pong);
    CHECK(reader.Unread() == 0);
    CHECK_FALSE(reader.Stopped());
  }
}

TEST_CASE("a pause keeps the rest unread until the next call", "[ws][reader]") {
  MessageReader reader(kMax);
  std::string wire = Masked(kText, "first") + Masked(kText, "second") + Masked(kText, "thi");
  wire.resize(wire.size() - 1);  // the third frame is cut short
  std::vector<std::string> seen;
  auto pause_after_one = [&](ReadEvent& e) {
    seen.push_back(e.payload);
    return false;
  };
  reader.Read(wire.data(), wire.size(), pause_after_one);
  CHECK(seen == std::vector<std::string>{"first"});
  CHECK(reader.Unread() > 0);
  reader.Read(nullptr, 0, [&](ReadEvent& e) {
    seen.push_back(e.payload);
    return true;
  });
  CHECK(seen == std::vector<std::string>{"first", "second"});
  std::string last = Masked(kText, "thi");
  reader.Read(last.data() + last.size() - 1, 1, [&](ReadEvent& e) {
    seen.push_back(e.payload);
    return true;
  });
  CHECK(seen == std::vector<std::string>{"first", "second", "thi"});
  CHECK(reader.Unread() == 0);
}

TEST_CASE("a close frame gives its code and reason, and nothing after it is read", "[ws][reader]") {
  auto events = ReadAll(Masked(kClose, ClosePayload(1000, "bye")) + Masked(kText, "late"));
  REQUIRE(events.size() == 1);
  CHECK(events[0].kind == Kind::Close);
  CHECK(events[0].code == 1000);
  CHECK(events[0].reason == "bye");

  auto bare = ReadAll(Masked(kClose, ""));
  REQUIRE(bare.size() == 1);
  CHECK(bare[0].code == kCloseNoStatus);
  CHECK(ReadAll(Masked(kClose, ClosePayload(4000)))[0].code == 4000);
}

TEST_CASE("each protocol error ends reading with its close code", "[ws][reader]") {
  struct Case {
    const char* what;
    std::string wire;
    uint16_t code;
  };
  std::string unmasked;
  AppendFrame(unmasked, kText, "hi");
  const std::vector<Case> cases = {
      {"an unmasked frame", unmasked, kCloseProtocolError},
      {"a continuation with no message", Masked(kContinuation, "x"), kCloseProtocolError},
      {"a new message inside a fragmented one", Masked(kText, "a", false) + Masked(kText, "b"), kCloseProtocolError},
      {"a one-byte close", Masked(kClose, "x"), kCloseProtocolError},
      {"close code 1005", Masked(kClose, ClosePayload(1005)), kCloseProtocolError},
      {"close code 999", Masked(kClose, ClosePayload(999)), kCloseProtocolError},
      {"a close reason that is not UTF-8", Masked(kClose, ClosePayload(1000, "\xc3\x28")), kCloseBadData},
      {"text that is not UTF-8", Masked(kText, "\xc3\x28"), kCloseBadData},
      {"fragmented text that is not UTF-8", Masked(kText, "ok", false) + Masked(kContinuation, "\xff"), kCloseBadData},
      {"one frame over the limit", Masked(kBinary, std::string(kMax + 1, 'x')), kCloseTooBig},
      {"fragments over the limit", Masked(kText, std::string(kMax, 'x'), false) + Masked(kContinuation, "y"), kCloseTooBig},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    MessageReader reader(kMax);
    auto events = ReadAll(reader, c.wire + Masked(kText, "after"), 7);
    REQUIRE(events.size() == 1);
    CHECK(events[0].kind == Kind::Fail);
    CHECK(events[0].code == c.code);
    CHECK_FALSE(events[0].reason.empty());
    CHECK(reader.Stopped());
  }
}

TEST_CASE("text split inside a character is whole once joined, and a message at the limit passes", "[ws][reader]") {
  const std::string euro = "\xe2\x82\xac";  // one character, three bytes
  auto events = ReadAll(Masked(kText, euro.substr(0, 1), false) + Masked(kContinuation, euro.substr(1)));
  REQUIRE(events.size() == 1);
  CHECK(events[0].payload == euro);
  auto at_limit = ReadAll(Masked(kText, std::string(kMax - 4, 'x'), false) + Masked(kContinuation, "yyyy"));
  REQUIRE(at_limit.size() == 1);
  CHECK(at_limit[0].kind == Kind::Text);
  CHECK(at_limit[0].payload.size() == kMax);
}
