// The hand-written message text must be exactly what nlohmann prints, for every kind of content:
// clients parse either, and frames built both ways go down the same socket.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/message_json.hpp"
#include "core/realtime_protocol.hpp"
#include "sample_message.hpp"

using namespace salik;
using salik::testing::SampleMessage;
using nlohmann::json;

namespace {

std::string Reference(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

TEST_CASE("message text matches nlohmann's dump for plain, escaped and non-ASCII content", "[chat][json]") {
  std::string controls;
  for (char c = 1; c < 0x20; ++c) controls += c;
  for (const std::string& content :
       {std::string("The idle is rough at 800 rpm"), std::string("quote \" backslash \\ slash / tab\tnew\nline\r"),
        controls, std::string("\x7F delete"), std::string("مرحبا – 你好 – 🚗💨"), std::string()}) {
    Message m = SampleMessage(content);
    CHECK(MessageJson(m) == Reference(json(m)));
    CHECK(realtime::MessageFrame(m) == Reference(json{{"type", "message"}, {"message", m}}));
    CHECK(realtime::AckFrame(m.client_id, m) == Reference(json{{"type", "ack"}, {"client_id", m.client_id}, {"message", m}}));
  }
}

TEST_CASE("message text matches for edited messages, no client id, media and invalid UTF-8", "[chat][json]") {
  Message edited = SampleMessage("fixed typo");
  edited.edited_at = "2026-11-21T16:05:00.000Z";
  edited.client_id.clear();
  CHECK(MessageJson(edited) == Reference(json(edited)));

  Message with_media = SampleMessage("");
  with_media.message_type = "audio";
  Media media;
  media.id = "5f1c2d8e-1111-4222-8333-944455556666";
  media.media_type = MediaType::Audio;
  media.label = "engine \"idle\".webm";
  media.duration_seconds = 3.02;
  with_media.media = media;
  CHECK(MessageJson(with_media) == Reference(json(with_media)));

  Message broken = SampleMessage(std::string("bad \xC3\x28 byte and cut \xE2\x82"));
  CHECK(MessageJson(broken) == Reference(json(broken)));
  CHECK(json::parse(MessageJson(broken))["content"].get<std::string>().find("\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("UTF-8 check refuses overlong forms, surrogates, stray and missing continuation bytes", "[chat][json]") {
  CHECK(IsValidUtf8("plain"));
  CHECK(IsValidUtf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x9A\x97"));  // é € 🚗
  CHECK_FALSE(IsValidUtf8("\xC0\xAF"));           // overlong '/'
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));       // a surrogate
  CHECK_FALSE(IsValidUtf8("\x80"));               // continuation without a lead
  CHECK_FALSE(IsValidUtf8("\xE2\x82"));           // cut short
  CHECK_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));   // past U+10FFFF
}
