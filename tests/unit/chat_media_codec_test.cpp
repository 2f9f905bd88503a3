// Chat attachments in src/core: a Message carries "media" (object or null) on the wire, never
// media_id; the send frame takes an optional media_id, with which the text may be empty.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/chat.hpp"
#include "core/realtime_protocol.hpp"

using namespace salik;
using namespace salik::realtime;
using nlohmann::json;

namespace {

Media SampleMedia() {
  Media media;
  media.id = "5a1d7c2e-0f3b-4b8a-9c1d-2e3f4a5b6c7d";
  media.media_type = MediaType::Audio;
  media.mime = "audio/webm";
  media.url = "/api/media/5a1d7c2e-0f3b-4b8a-9c1d-2e3f4a5b6c7d/content?expires=1&sig=ab";
  media.duration_seconds = 3.02;
  media.file_size = 12345;
  media.label = "engine.webm";
  media.created_at = "2026-11-21T10:00:00Z";
  media.owner_id = "u1";
  return media;
}

std::variant<ClientFrame, FrameError> Parse(const json& frame) { return ParseClientFrame(frame.dump()); }

}  // namespace

TEST_CASE("a message without media writes media null and no media_id") {
  Message m;
  m.id = "m1";
  m.content = "hello";
  json j = m;
  REQUIRE(j.contains("media"));
  CHECK(j["media"].is_null());
  CHECK_FALSE(j.contains("media_id"));
  Message back = j.get<Message>();
  CHECK_FALSE(back.media.has_value());
  CHECK(back.media_id.empty());
}

TEST_CASE("a message with media writes the media object and reads it back") {
  Message m;
  m.id = "m1";
  m.message_type = "audio";
  m.media_id = SampleMedia().id;
  m.media = SampleMedia();
  json j = m;
  CHECK_FALSE(j.contains("media_id"));
  CHECK(j["message_type"] == "audio");
  CHECK(j["media"]["id"] == SampleMedia().id);
  CHECK(j["media"]["media_type"] == "audio");
  CHECK(j["media"]["url"] == SampleMedia().url);
  Message back = j.get<Message>();
  REQUIRE(back.media.has_value());
  CHECK(back.media->label == "engine.webm");
  CHECK(back.media->duration_seconds == Approx(3.02));
  CHECK(back.media_id == SampleMedia().id);
  CHECK(back.message_type == "audio");
}

TEST_CASE("masking a message for the other party leaves its media alone") {
  Conversation c;
  c.customer_id = "u1";
  c.mechanic_id = "u2";
  Message m;
  m.sender_id = "u1";
  m.content = "call 050 123 4567";
  m.media = SampleMedia();
  m.media->label = "050 123 4567.webm";
  Message seen = ForViewer(m, c, "u2");
  CHECK(seen.content != m.content);
  REQUIRE(seen.media.has_value());
  CHECK(seen.media->label == "050 123 4567.webm");
  CHECK(seen.media->url == m.media->url);
}

TEST_CASE("a caption may be empty only when there is media") {
  CHECK(CheckMessageContent("", true) == std::nullopt);
  CHECK(CheckMessageContent("   ", true) == std::nullopt);
  CHECK(CheckMessageContent("listen to this", true) == std::nullopt);
  CHECK(CheckMessageContent("", false).has_value());
  CHECK(CheckMessageContent(std::string(4001, 'a'), true).has_value());
  CHECK(CheckMessageContent("\xC0\x80", true).has_value());
}

TEST_CASE("a send frame with media_id parses, with or without a caption") {
  auto with_caption = Parse({{"type", "send"}, {"conversation_id", "c1"}, {"client_id", "k1"}, {"content", "hear"},
                             {"media_id", SampleMedia().id}});
  auto* frame = std::get_if<ClientFrame>(&with_caption);
  REQUIRE(frame);
  REQUIRE(std::get_if<Send>(frame));
  CHECK(std::get<Send>(*frame).media_id == SampleMedia().id);
  CHECK(std::get<Send>(*frame).content == "hear");

  auto without = Parse({{"type", "send"}, {"conversation_id", "c1"}, {"client_id", "k2"}, {"media_id", SampleMedia().id}});
  frame = std::get_if<ClientFrame>(&without);
  REQUIRE(frame);
  CHECK(std::get<Send>(*frame).content.empty());

  auto empty = Parse({{"type", "send"}, {"conversation_id", "c1"}, {"client_id", "k3"}, {"content", ""},
                      {"media_id", SampleMedia().id}});
  CHECK(std::get_if<ClientFrame>(&empty));
}

TEST_CASE("a send frame refuses a mistyped media_id and empty text without media") {
  auto number = Parse({{"type", "send"}, {"conversation_id", "c1"}, {"client_id", "k1"}, {"content", "x"}, {"media_id", 7}});
  auto* error = std::get_if<FrameError>(&number);
  REQUIRE(error);
  CHECK(error->error.code == "invalid_media");
  CHECK(error->client_id == "k1");
  CHECK_FALSE(error->close);

  auto blank = Parse({{"type", "send"}, {"conversation_id", "c1"}, {"client_id", "k1"}, {"content", ""}, {"media_id", ""}});
  REQUIRE(std::get_if<FrameError>(&blank));

  auto no_content = Parse({{"type", "send"}, {"conversation_id", "c1"}, {"client_id", "k1"}});
  error = std::get_if<FrameError>(&no_content);
  REQUIRE(error);
  CHECK(error->error.code == "missing_field");
}

TEST_CASE("SendFrame writes media_id only when there is one, and it parses back") {
  Send s{"c1", "k1", "", SampleMedia().id};
  json j = json::parse(SendFrame(s));
  CHECK(j["media_id"] == SampleMedia().id);
  auto parsed = ParseClientFrame(SendFrame(s));
  REQUIRE(std::get_if<ClientFrame>(&parsed));
  CHECK(std::get<Send>(std::get<ClientFrame>(parsed)).media_id == SampleMedia().id);

  json plain = json::parse(SendFrame(Send{"c1", "k2", "hi", ""}));
  CHECK_FALSE(plain.contains("media_id"));
}

TEST_CASE("ack and message frames carry the media to the app's reader") {
  Message m;
  m.id = "m1";
  m.conversation_id = "c1";
  m.seq = 3;
  m.message_type = "audio";
  m.media = SampleMedia();
  for (const std::string& text : {AckFrame("k1", m), MessageFrame(m), MessageEditedFrame(m)}) {
    auto f = ParseServerFrame(text);
    REQUIRE(f);
    REQUIRE(f->message.media.has_value());
    CHECK(f->message.media->url == SampleMedia().url);
    CHECK(f->message.message_type == "audio");
  }
}
