// src/core/realtime_protocol.cpp: the live-update frames (message_edited, conversation) carry
// exactly what REST gives, and the app's reader gets every field back.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/realtime_protocol.hpp"

using namespace salik;
using namespace salik::realtime;
using nlohmann::json;

TEST_CASE("message_edited carries the message with edited_at and round-trips", "[realtime]") {
  Message m;
  m.id = "m1";
  m.conversation_id = "c1";
  m.seq = 7;
  m.sender_id = "u1";
  m.client_id = "tab:1";
  m.content = "Call me on ***";
  m.created_at = "2026-01-01T10:00:00.000Z";
  m.edited_at = "2026-01-01T10:05:00.000Z";
  std::string text = MessageEditedFrame(m);
  json j = json::parse(text);
  CHECK(j["type"] == "message_edited");
  CHECK(j["message"] == json(m));

  auto f = ParseServerFrame(text);
  REQUIRE(f);
  CHECK(f->type == "message_edited");
  CHECK(f->message.id == "m1");
  CHECK(f->message.seq == 7);
  CHECK(f->message.content == "Call me on ***");
  CHECK(f->message.edited_at == "2026-01-01T10:05:00.000Z");
}

TEST_CASE("conversation carries the list item as given and round-trips", "[realtime]") {
  Conversation c;
  c.id = "c1";
  c.issue_id = "i1";
  c.issue_title = "Grinding brakes";
  c.customer_id = "u1";
  c.customer_name = "Aisha";
  c.mechanic_id = "u2";
  c.mechanic_name = "Omar";
  c.last_seq = 12;
  c.last_message = "See you at 5";
  c.last_message_at = "2026-01-01T10:00:00.000Z";
  c.customer_read_seq = 12;
  c.mechanic_read_seq = 10;
  c.engaged_at = "2026-01-01T10:01:00.000Z";
  c.created_at = "2026-01-01T09:00:00.000Z";
  json item = c;
  item["unread"] = 2;  // the list item adds the viewer's unread count
  std::string text = ConversationFrame(item);
  json j = json::parse(text);
  CHECK(j["type"] == "conversation");
  CHECK(j["conversation"] == item);

  auto f = ParseServerFrame(text);
  REQUIRE(f);
  CHECK(f->type == "conversation");
  CHECK(f->conversation.id == "c1");
  CHECK(f->conversation.issue_title == "Grinding brakes");
  CHECK(f->conversation.mechanic_name == "Omar");
  CHECK(f->conversation.last_seq == 12);
  CHECK(f->conversation.mechanic_read_seq == 10);
  CHECK(f->conversation.engaged_at == "2026-01-01T10:01:00.000Z");
  CHECK(ParseServerFrame(R"({"type":"conversation","conversation":"nope"})")->conversation.id.empty());
}
