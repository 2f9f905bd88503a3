// src/core/chat.cpp: contact masking before engagement, what each viewer sees, unread counts,
// and the checks on message text and client ids.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/chat.hpp"

using namespace salik;

namespace {

bool Masked(const std::string& text) { return MaskContactDetails(text) != text; }

Conversation Between(const std::string& customer, const std::string& mechanic) {
  Conversation c;
  c.id = "conv";
  c.customer_id = customer;
  c.mechanic_id = mechanic;
  return c;
}

Message From(const std::string& sender, const std::string& content) {
  Message m;
  m.id = "m1";
  m.conversation_id = "conv";
  m.seq = 1;
  m.sender_id = sender;
  m.client_id = "c1";
  m.content = content;
  m.created_at = "2026-01-01T00:00:00.000Z";
  return m;
}

}  // namespace

// --- masking: what must go

TEST_CASE("e-mail addresses are masked, also inside a sentence and before a full stop", "[chat][mask]") {
  CHECK(MaskContactDetails("mail me: rashid.ali@gmail.com") == "mail me: [email hidden]");
  CHECK(MaskContactDetails("Rashid_Ali+cars@garage-dubai.ae thanks") == "[email hidden] thanks");
  CHECK(MaskContactDetails("write to a@b.co, or b@c.org") == "write to [email hidden], or [email hidden]");
  CHECK(MaskContactDetails("My email is sara@example.com.") == "My email is [email hidden].");
  CHECK(MaskContactDetails("(sara@example.com)") == "([email hidden])");
}

TEST_CASE("UAE phone numbers in their usual spellings are masked", "[chat][mask]") {
  CHECK(MaskContactDetails("call +971 50 123 4567 today") == "call [phone hidden] today");
  CHECK(MaskContactDetails("050-1234567") == "[phone hidden]");
  CHECK(MaskContactDetails("(04) 123 4567") == "[phone hidden]");
  CHECK(MaskContactDetails("+971501234567") == "[phone hidden]");
  CHECK(MaskContactDetails("00971 4 123 4567") == "[phone hidden]");
  CHECK(MaskContactDetails("0501234567, or 04 123 4567") == "[phone hidden], or [phone hidden]");
  CHECK(MaskContactDetails("whatsapp 050.123.4567") == "whatsapp [phone hidden]");
  // Shaped almost like dates, but too many digits for one.
  CHECK(MaskContactDetails("050-123-4567") == "[phone hidden]");
  CHECK(MaskContactDetails("04-123-4567") == "[phone hidden]");
  CHECK(MaskContactDetails("12.05.20245") == "[phone hidden]");
  CHECK(MaskContactDetails("12.05.2024 0501234567").find("050") == std::string::npos);
}

TEST_CASE("links are masked: http, https, www and bare .com/.ae domains with their paths", "[chat][mask]") {
  CHECK(MaskContactDetails("see https://garage.example/book?id=3 now") == "see [link hidden] now");
  CHECK(MaskContactDetails("http://x.y") == "[link hidden]");
  CHECK(MaskContactDetails("HTTPS://SHOUTING.COM") == "[link hidden]");
  CHECK(MaskContactDetails("visit www.mygarage.net") == "visit [link hidden]");
  CHECK(MaskContactDetails("book at alnoor-garage.ae/slots") == "book at [link hidden]");
  CHECK(MaskContactDetails("instagram.com/fixit and fixit.com") == "[link hidden] and [link hidden]");
  CHECK(MaskContactDetails("site: Garage.AE.") == "site: [link hidden]");
}

TEST_CASE("several kinds of contact detail in one message are all masked", "[chat][mask]") {
  std::string out = MaskContactDetails("Call 050 123 4567 or mail me@fix.ae, site www.fix.ae");
  CHECK(out == "Call [phone hidden] or mail [email hidden], site [link hidden]");
  CHECK(out.find("fix") == std::string::npos);
}

// --- masking: what must stay

TEST_CASE("prices, years, mileage and times are not contact details", "[chat][mask]") {
  for (const char* text : {"AED 1,250", "The fix costs AED 1,250 including parts", "AED 12,500.50",
                           "It is a 2019 Patrol", "2019", "85,000 km on the clock", "120,000km",
                           "Come at 14:30", "between 09:00 and 17:30", "3 to 5 days", "Brake pads AED 450 x 2",
                           "Toyota Camry 2.5L", "e.g. the A.C. fan", "OK.", "10W-40 oil",
                           "last service 12.05.2024", "on 12-05-2024 at 14:30", "since 2024-05-12", "1.5.24"}) {
    INFO(text);
    CHECK_FALSE(Masked(text));
  }
}

TEST_CASE("text without contact details, Arabic included, passes through byte for byte", "[chat][mask]") {
  const std::string arabic = "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 2019";
  CHECK(MaskContactDetails(arabic) == arabic);
  CHECK(MaskContactDetails("") == "");
  CHECK(MaskContactDetails("@ alone, and a@ b, and @b.com") == "@ alone, and a@ b, and @[link hidden]");
}

// --- who sees what

TEST_CASE("before engagement the other party sees contact details masked; the sender never does", "[chat][viewer]") {
  Conversation c = Between("owner", "mech");
  Message m = From("mech", "Call me on 050 123 4567");
  CHECK(ForViewer(m, c, "mech").content == "Call me on 050 123 4567");
  CHECK(ForViewer(m, c, "owner").content == "Call me on [phone hidden]");
  CHECK(ForViewer(m, c, "someone-else").content == "Call me on [phone hidden]");
  Message reply = From("owner", "mine is owner@mail.com");
  CHECK(ForViewer(reply, c, "owner").content == "mine is owner@mail.com");
  CHECK(ForViewer(reply, c, "mech").content == "mine is [email hidden]");
  // Everything but the text stays.
  Message seen = ForViewer(m, c, "owner");
  CHECK(seen.id == m.id);
  CHECK(seen.seq == m.seq);
  CHECK(seen.sender_id == m.sender_id);
  CHECK(seen.client_id == m.client_id);
  CHECK(seen.created_at == m.created_at);
}

TEST_CASE("once the car owner has engaged, both sides see the text as written", "[chat][viewer]") {
  Conversation c = Between("owner", "mech");
  c.engaged_at = "2026-01-01T10:00:00.000Z";
  Message m = From("mech", "Call me on 050 123 4567");
  CHECK(ForViewer(m, c, "owner").content == m.content);
  CHECK(ForViewer(m, c, "mech").content == m.content);
}

TEST_CASE("participants and the other party", "[chat]") {
  Conversation c = Between("owner", "mech");
  CHECK(IsParticipant(c, "owner"));
  CHECK(IsParticipant(c, "mech"));
  CHECK_FALSE(IsParticipant(c, "admin"));
  CHECK_FALSE(IsParticipant(c, ""));
  CHECK_FALSE(IsParticipant(Conversation{}, ""));
  CHECK(OtherParticipant(c, "owner") == "mech");
  CHECK(OtherParticipant(c, "mech") == "owner");
  CHECK(OtherParticipant(c, "admin").empty());
}

TEST_CASE("unread counts what came after the reader's own mark", "[chat]") {
  Conversation c = Between("owner", "mech");
  CHECK(UnreadFor(c, "owner") == 0);
  c.last_seq = 10;
  c.customer_read_seq = 4;
  c.mechanic_read_seq = 10;
  CHECK(UnreadFor(c, "owner") == 6);
  CHECK(UnreadFor(c, "mech") == 0);
  CHECK(UnreadFor(c, "stranger") == 0);
  c.customer_read_seq = 12;  // a mark ahead of last_seq never counts negative
  CHECK(UnreadFor(c, "owner") == 0);
}

// --- checks on input

TEST_CASE("message text must be non-blank, at most 4000 characters, and valid UTF-8", "[chat][validation]") {
  CHECK_FALSE(CheckMessageContent("Hello"));
  CHECK_FALSE(CheckMessageContent("  padded  "));
  CHECK_FALSE(CheckMessageContent("line one\nline two\ttab"));

  auto empty = CheckMessageContent("");
  REQUIRE(empty);
  CHECK(empty->code == "missing_field");
  CHECK(empty->field == "content");
  CHECK(empty->status == 400);
  CHECK(CheckMessageContent(" \n\t ")->code == "missing_field");

  CHECK_FALSE(CheckMessageContent(std::string(4000, 'a')));
  auto long_one = CheckMessageContent(std::string(4001, 'a'));
  REQUIRE(long_one);
  CHECK(long_one->code == "invalid_field");
  CHECK(long_one->field == "content");

  // Characters, not bytes: 4000 Arabic letters (8000 bytes) pass, 4001 do not.
  std::string arabic_4000;
  for (int i = 0; i < 4000; ++i) arabic_4000 += "\xD8\xB3";
  CHECK_FALSE(CheckMessageContent(arabic_4000));
  CHECK(CheckMessageContent(arabic_4000 + "\xD8\xB3"));
  CHECK_FALSE(CheckMessageContent("emoji \xF0\x9F\x9A\x97 ok"));
}

TEST_CASE("text that is not valid UTF-8 is refused", "[chat][validation]") {
  for (const std::string& bad : {std::string("\xFF"), std::string("abc\x80"), std::string("\xC3"),  // stray, cut
                                std::string("\xE2\x82"), std::string("\xF0\x9F\x9A"),               // cut short
                                std::string("\xC3\x28"),                                         // bad continuation
                                std::string("\xC0\xAF"), std::string("\xE0\x80\xAF"),            // overlong
                                std::string("\xED\xA0\x80"),                                     // surrogate
                                std::string("\xF4\x90\x80\x80"), std::string("\xF5\x80\x80\x80"),  // past U+10FFFF
                                std::string("a\0b", 3)}) {                                        // NUL
    INFO("bytes: " << bad.size());
    auto e = CheckMessageContent(bad);
    REQUIRE(e);
    CHECK(e->code == "invalid_field");
    CHECK(e->field == "content");
  }
  // The largest and the edge code points are fine.
  CHECK_FALSE(CheckMessageContent("\xF4\x8F\xBF\xBF"));
  CHECK_FALSE(CheckMessageContent("\xEF\xBF\xBD"));
  CHECK_FALSE(CheckMessageContent("\xC2\x80"));
}

TEST_CASE("client ids are 1 to 64 characters of letters, digits and - _ . :", "[chat][validation]") {
  CHECK_FALSE(CheckClientId("a"));
  CHECK_FALSE(CheckClientId("tab-3:msg_17.retry"));
  CHECK_FALSE(CheckClientId("5f0c2a4e-8b1d-4c1e-9a57-2b6d0c1e9f3a"));
  CHECK_FALSE(CheckClientId(std::string(64, 'x')));

  auto missing = CheckClientId("");
  REQUIRE(missing);
  CHECK(missing->code == "missing_field");
  CHECK(missing->field == "client_id");
  auto too_long = CheckClientId(std::string(65, 'x'));
  REQUIRE(too_long);
  CHECK(too_long->code == "invalid_field");
  for (const char* bad : {"has space", "quote\"", "slash/", "semi;colon", "\xD8\xB3", "new\nline"}) {
    INFO(bad);
    auto e = CheckClientId(bad);
    REQUIRE(e);
    CHECK(e->code == "invalid_field");
    CHECK(e->field == "client_id");
  }
}

// --- JSON

TEST_CASE("conversations and messages round-trip through JSON, empty times as null", "[chat][json]") {
  Conversation c = Between("owner", "mech");
  c.issue_id = "issue";
  c.issue_title = "Noise";
  c.customer_name = "Layla";
  c.mechanic_name = "Rashid";
  c.last_seq = 7;
  c.last_message = "see you";
  c.last_message_at = "2026-01-01T10:00:00.000Z";
  c.customer_read_seq = 5;
  c.mechanic_read_seq = 7;
  c.created_at = "2026-01-01T09:00:00.000Z";
  nlohmann::json j = c;
  CHECK(j["engaged_at"].is_null());
  Conversation back = j.get<Conversation>();
  CHECK(back.id == c.id);
  CHECK(back.issue_title == "Noise");
  CHECK(back.last_seq == 7);
  CHECK(back.customer_read_seq == 5);
  CHECK(back.mechanic_read_seq == 7);
  CHECK(back.last_message_at == c.last_message_at);
  CHECK(back.engaged_at.empty());
  CHECK(back.status == "active");

  Message m = From("mech", "hi");
  nlohmann::json mj = m;
  CHECK(mj["edited_at"].is_null());
  Message mb = mj.get<Message>();
  CHECK(mb.seq == 1);
  CHECK(mb.client_id == "c1");
  CHECK(mb.message_type == "text");
  CHECK(mb.edited_at.empty());
  CHECK(nlohmann::json::object().get<Message>().message_type == "text");
}

TEST_CASE("a conversation preview names an attachment sent without a caption", "[chat]") {
  CHECK(MessagePreview("Idle is rough", "text") == "Idle is rough");
  CHECK(MessagePreview("", "image") == "Photo");
  CHECK(MessagePreview("", "video") == "Video");
  CHECK(MessagePreview("", "audio") == "Engine recording");
  CHECK(MessagePreview("Listen at 0:02", "audio") == "Listen at 0:02");  // a caption wins
}
