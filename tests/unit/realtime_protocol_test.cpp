// src/core/realtime_protocol.cpp: every client frame parses, every refusal is the right error
// (and closes the socket only when it must), and server frames round-trip through the app's reader.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/realtime_protocol.hpp"

using namespace salik;
using namespace salik::realtime;
using nlohmann::json;

namespace {

template <typename T>
T Parsed(const std::string& text) {
  auto result = ParseClientFrame(text);
  INFO(text);
  if (auto* error = std::get_if<FrameError>(&result)) FAIL("refused: " << error->error.code << " " << error->error.message);
  auto* frame = std::get_if<T>(&std::get<ClientFrame>(result));
  REQUIRE(frame);
  return *frame;
}

FrameError Refused(const std::string& text) {
  auto result = ParseClientFrame(text);
  INFO(text);
  auto* error = std::get_if<FrameError>(&result);
  REQUIRE(error);
  CHECK(error->error.status == 400);
  CHECK_FALSE(error->error.code.empty());
  CHECK_FALSE(error->error.message.empty());
  return *error;
}

Message SampleMessage() {
  Message m;
  m.id = "0b3f6f5e-6c4a-4f1e-9b8e-1d2c3b4a5f60";
  m.conversation_id = "c0ffee00-0000-4000-8000-000000000001";
  m.seq = 42;
  m.sender_id = "5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716";
  m.client_id = "tab1:17";
  m.content = "Price \"AED 1,250\"\n\xD8\xB4\xD9\x83\xD8\xB1\xD8\xA7\xD9\x8B \xF0\x9F\x9A\x97";
  m.created_at = "2026-01-01T10:00:00.000Z";
  m.edited_at = "2026-01-01T10:05:00.000Z";
  return m;
}

}  // namespace

// --- client frames that parse

TEST_CASE("hello parses with and without resume points", "[realtime]") {
  Hello h = Parsed<Hello>(R"({"type":"hello","token":"abc123","resume":{"conv-a":5,"conv-b":0}})");
  CHECK(h.token == "abc123");
  CHECK(h.resume == std::map<std::string, int64_t>{{"conv-a", 5}, {"conv-b", 0}});
  CHECK(Parsed<Hello>(R"({"type":"hello","token":"t"})").resume.empty());
  CHECK(Parsed<Hello>(R"({"type":"hello","token":"t","resume":null})").resume.empty());
  CHECK(Parsed<Hello>(R"({"type":"hello","token":"t","resume":{}})").resume.empty());
}

TEST_CASE("send, typing, read and ping parse; unknown extra fields are ignored", "[realtime]") {
  Send s = Parsed<Send>(R"({"type":"send","conversation_id":"c1","client_id":"k-1","content":"Hi there","extra":1})");
  CHECK(s.conversation_id == "c1");
  CHECK(s.client_id == "k-1");
  CHECK(s.content == "Hi there");

  Typing t = Parsed<Typing>(R"({"type":"typing","conversation_id":"c1","state":true})");
  CHECK(t.conversation_id == "c1");
  CHECK(t.state);
  CHECK_FALSE(Parsed<Typing>(R"({"type":"typing","conversation_id":"c1","state":false})").state);

  Read r = Parsed<Read>(R"({"type":"read","conversation_id":"c1","seq":12})");
  CHECK(r.conversation_id == "c1");
  CHECK(r.seq == 12);
  CHECK(Parsed<Read>(R"({"type":"read","conversation_id":"c1","seq":0})").seq == 0);

  Parsed<Ping>(R"({"type":"ping"})");
}

TEST_CASE("the app's own client frames parse back to what it meant", "[realtime]") {
  Hello h{"tok", {{"conv", 9}}};
  Hello hb = Parsed<Hello>(HelloFrame(h));
  CHECK(hb.token == "tok");
  CHECK(hb.resume == h.resume);
  CHECK(Parsed<Hello>(HelloFrame(Hello{"tok", {}})).resume.empty());

  Send s{"conv", "id.1", "Text with \"quotes\", \\ and \xD8\xB3\n"};
  Send sb = Parsed<Send>(SendFrame(s));
  CHECK(sb.conversation_id == s.conversation_id);
  CHECK(sb.client_id == s.client_id);
  CHECK(sb.content == s.content);

  CHECK(Parsed<Typing>(TypingClientFrame(Typing{"conv", true})).state);
  CHECK(Parsed<Read>(ReadClientFrame(Read{"conv", 77})).seq == 77);
}

// --- refusals

TEST_CASE("frames that are not JSON objects are refused without closing", "[realtime]") {
  for (const char* text : {"", "not json", "{\"type\":", "[1,2]", "\"hello\"", "42", "null"}) {
    FrameError e = Refused(text);
    CHECK((e.error.code == "invalid_json" || e.error.code == "invalid_frame"));
    CHECK_FALSE(e.close);
  }
  CHECK(Refused("not json").error.code == "invalid_json");
  CHECK(Refused(R"([{"type":"ping"}])").error.code == "invalid_frame");
}

TEST_CASE("a missing, mistyped or unknown type is refused", "[realtime]") {
  CHECK(Refused(R"({})").error.code == "missing_field");
  CHECK(Refused(R"({"type":7})").error.code == "missing_field");
  CHECK(Refused(R"({"type":null})").error.code == "missing_field");
  FrameError unknown = Refused(R"({"type":"shout"})");
  CHECK(unknown.error.code == "unknown_type");
  CHECK_FALSE(unknown.close);
  // The type is echoed cut short, never as a whole frame.
  FrameError long_type = Refused(R"({"type":")" + std::string(500, 'x') + R"("})");
  CHECK(long_type.error.message.size() < 100);
}

TEST_CASE("send frames with missing or mistyped fields are refused, echoing the client id", "[realtime]") {
  FrameError no_conv = Refused(R"({"type":"send","client_id":"k1","content":"hi"})");
  CHECK(no_conv.error.code == "missing_field");
  CHECK(no_conv.client_id == "k1");
  CHECK_FALSE(no_conv.close);
  CHECK(Refused(R"({"type":"send","conversation_id":"","client_id":"k1","content":"hi"})").client_id == "k1");
  CHECK(Refused(R"({"type":"send","conversation_id":5,"client_id":"k1","content":"hi"})").client_id == "k1");

  FrameError no_content = Refused(R"({"type":"send","conversation_id":"c","client_id":"k2"})");
  CHECK(no_content.error.code == "missing_field");
  CHECK(no_content.client_id == "k2");
  CHECK(Refused(R"({"type":"send","conversation_id":"c","client_id":"k2","content":["hi"]})").client_id == "k2");

  FrameError blank = Refused(R"({"type":"send","conversation_id":"c","client_id":"k3","content":"   "})");
  CHECK(blank.error.code == "missing_field");
  CHECK(blank.error.field == "content");
  CHECK(blank.client_id == "k3");

  json too_long{{"type", "send"}, {"conversation_id", "c"}, {"client_id", "k4"}, {"content", std::string(4001, 'a')}};
  FrameError long_content = Refused(too_long.dump());
  CHECK(long_content.error.code == "invalid_field");
  CHECK(long_content.client_id == "k4");
  CHECK_FALSE(long_content.close);
  json just_fits{{"type", "send"}, {"conversation_id", "c"}, {"client_id", "k5"}, {"content", std::string(4000, 'a')}};
  CHECK(Parsed<Send>(just_fits.dump()).content.size() == 4000);

  FrameError nul = Refused(R"({"type":"send","conversation_id":"c","client_id":"k6","content":"a\u0000b"})");
  CHECK(nul.error.code == "invalid_field");
  CHECK(nul.client_id == "k6");
}

TEST_CASE("a send without a usable client id is refused and echoes none", "[realtime]") {
  FrameError missing = Refused(R"({"type":"send","conversation_id":"c","content":"hi"})");
  CHECK(missing.error.code == "missing_field");
  CHECK(missing.error.field == "client_id");
  CHECK(missing.client_id.empty());
  FrameError bad = Refused(R"({"type":"send","conversation_id":"c","client_id":"has space","content":"hi"})");
  CHECK(bad.error.code == "invalid_field");
  CHECK(bad.client_id.empty());
  CHECK(Refused(R"({"type":"send","conversation_id":"c","client_id":12,"content":"hi"})").client_id.empty());
  CHECK(Refused(R"({"type":"send","conversation_id":"c","client_id":")" + std::string(65, 'k') + R"(","content":"hi"})")
            .client_id.empty());
}

TEST_CASE("typing and read frames with missing or mistyped fields are refused", "[realtime]") {
  for (const char* text : {R"({"type":"typing","state":true})", R"({"type":"typing","conversation_id":"c"})",
                           R"({"type":"typing","conversation_id":"c","state":"yes"})",
                           R"({"type":"typing","conversation_id":"c","state":1})",
                           R"({"type":"read","seq":3})", R"({"type":"read","conversation_id":"c"})",
                           R"({"type":"read","conversation_id":"c","seq":"3"})",
                           R"({"type":"read","conversation_id":"c","seq":1.5})",
                           R"({"type":"read","conversation_id":"c","seq":-1})",
                           R"({"type":"read","conversation_id":"c","seq":18446744073709551615})"}) {
    FrameError e = Refused(text);
    CHECK(e.error.code == "missing_field");
    CHECK_FALSE(e.close);
  }
}

TEST_CASE("an oversized frame is refused and closes the connection", "[realtime]") {
  json big{{"type", "send"}, {"conversation_id", "c"}, {"client_id", "k"}, {"content", std::string(17000, 'a')}};
  FrameError e = Refused(big.dump());
  CHECK(e.error.code == "frame_too_large");
  CHECK(e.close);
  std::string exactly(ChatLimits::kFrameMax, ' ');
  exactly.replace(0, 15, R"({"type":"ping"})");
  Parsed<Ping>(exactly);  // at the limit: fine
  CHECK(Refused(exactly + " ").close);
}

TEST_CASE("a hello without a token or with a bad resume map closes the connection", "[realtime]") {
  for (const char* text : {R"({"type":"hello"})", R"({"type":"hello","token":""})", R"({"type":"hello","token":5})"}) {
    FrameError e = Refused(text);
    CHECK(e.error.code == "unauthorized");
    CHECK(e.close);
  }
  for (const char* text : {R"({"type":"hello","token":"t","resume":[1]})", R"({"type":"hello","token":"t","resume":5})",
                           R"({"type":"hello","token":"t","resume":{"c":"5"}})",
                           R"({"type":"hello","token":"t","resume":{"c":-1}})",
                           R"({"type":"hello","token":"t","resume":{"c":1.5}})",
                           R"({"type":"hello","token":"t","resume":{"c":9223372036854775808}})"}) {
    FrameError e = Refused(text);
    CHECK(e.error.code == "invalid_field");
    CHECK(e.close);
  }
  json many{{"type", "hello"}, {"token", "t"}, {"resume", json::object()}};
  for (int i = 0; i < 1001; ++i) many["resume"][std::to_string(i)] = 1;
  CHECK(Refused(many.dump()).close);
}

// --- server frames through the app's reader

TEST_CASE("each server frame round-trips through ParseServerFrame", "[realtime]") {
  auto welcome = ParseServerFrame(WelcomeFrame("u1", "2026-01-01T00:00:00.000Z"));
  REQUIRE(welcome);
  CHECK(welcome->type == "welcome");
  CHECK(welcome->user_id == "u1");
  CHECK(welcome->server_time == "2026-01-01T00:00:00.000Z");

  Message m = SampleMessage();
  auto ack = ParseServerFrame(AckFrame("tab1:17", m));
  REQUIRE(ack);
  CHECK(ack->type == "ack");
  CHECK(ack->client_id == "tab1:17");
  CHECK(ack->message.id == m.id);
  CHECK(ack->message.conversation_id == m.conversation_id);
  CHECK(ack->message.seq == 42);
  CHECK(ack->message.sender_id == m.sender_id);
  CHECK(ack->message.client_id == m.client_id);
  CHECK(ack->message.content == m.content);
  CHECK(ack->message.message_type == "text");
  CHECK(ack->message.created_at == m.created_at);
  CHECK(ack->message.edited_at == m.edited_at);

  auto message = ParseServerFrame(MessageFrame(m));
  REQUIRE(message);
  CHECK(message->type == "message");
  CHECK(message->message.content == m.content);
  CHECK(message->message.seq == 42);

  auto typing = ParseServerFrame(TypingFrame("c1", "u2", true));
  REQUIRE(typing);
  CHECK(typing->type == "typing");
  CHECK(typing->conversation_id == "c1");
  CHECK(typing->user_id == "u2");
  CHECK(typing->state);
  CHECK_FALSE(ParseServerFrame(TypingFrame("c1", "u2", false))->state);

  auto read = ParseServerFrame(ReadFrame("c1", "u2", 9000000000LL));
  REQUIRE(read);
  CHECK(read->type == "read");
  CHECK(read->conversation_id == "c1");
  CHECK(read->user_id == "u2");
  CHECK(read->seq == 9000000000LL);

  auto online = ParseServerFrame(PresenceFrame("u3", true, ""));
  REQUIRE(online);
  CHECK(online->type == "presence");
  CHECK(online->user_id == "u3");
  CHECK(online->online);
  CHECK(online->last_seen.empty());
  auto offline = ParseServerFrame(PresenceFrame("u3", false, "2026-01-01T11:00:00.000Z"));
  CHECK_FALSE(offline->online);
  CHECK(offline->last_seen == "2026-01-01T11:00:00.000Z");

  auto error = ParseServerFrame(ErrorFrame(BadRequest("rate_limited", "Slow down."), "k9"));
  REQUIRE(error);
  CHECK(error->type == "error");
  CHECK(error->error.code == "rate_limited");
  CHECK(error->error.message == "Slow down.");
  CHECK(error->client_id == "k9");
  auto anonymous = ParseServerFrame(ErrorFrame(BadRequest("invalid_json", "Frames must be JSON objects.")));
  CHECK(anonymous->client_id.empty());
  CHECK_FALSE(json::parse(ErrorFrame(BadRequest("x", "y"))).contains("client_id"));

  auto pong = ParseServerFrame(PongFrame());
  REQUIRE(pong);
  CHECK(pong->type == "pong");
}

TEST_CASE("a refused frame's error becomes an error frame that carries its client id", "[realtime]") {
  FrameError e = Refused(R"({"type":"send","conversation_id":"c","client_id":"k7","content":""})");
  auto frame = ParseServerFrame(ErrorFrame(e.error, e.client_id));
  REQUIRE(frame);
  CHECK(frame->error.code == e.error.code);
  CHECK(frame->client_id == "k7");
}

TEST_CASE("server frames stay valid JSON even around text that is not valid UTF-8", "[realtime]") {
  Message m = SampleMessage();
  m.content = "bad \xFF byte";
  std::string frame = MessageFrame(m);
  CHECK_FALSE(json::parse(frame, nullptr, false).is_discarded());
  FrameError e = Refused(std::string(R"({"type":")") + "\xE2\x82" + R"("})");  // not UTF-8 itself
  CHECK_FALSE(json::parse(ErrorFrame(e.error), nullptr, false).is_discarded());
}

TEST_CASE("the app's reader refuses what is not a server frame", "[realtime]") {
  CHECK_FALSE(ParseServerFrame(""));
  CHECK_FALSE(ParseServerFrame("nonsense"));
  CHECK_FALSE(ParseServerFrame("[]"));
  CHECK_FALSE(ParseServerFrame(R"({"no":"type"})"));
  CHECK_FALSE(ParseServerFrame(R"({"type":3})"));
  // Mistyped fields read as empty rather than failing the frame.
  auto odd = ParseServerFrame(R"({"type":"read","seq":"7","user_id":5,"message":"x"})");
  REQUIRE(odd);
  CHECK(odd->seq == 0);
  CHECK(odd->user_id.empty());
}
