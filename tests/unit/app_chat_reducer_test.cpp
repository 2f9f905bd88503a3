// The chat in the app's reducer (src/app/state/reduce_chat*.cpp, chat_model.cpp): the realtime
// link, merging frames, the outbox, reconnecting, unread counts, typing, receipts.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "app_chat_test_support.hpp"
#include "app_test_support.hpp"
#include "core/realtime_protocol.hpp"
#include "state/chat_model.hpp"
#include "state/reduce.hpp"

using namespace salik;
using namespace salik::app;
using nlohmann::json;

namespace {


Message Msg(const std::string& conv, int64_t seq, const std::string& sender, const std::string& content,
            const std::string& client_id = "", const std::string& at = "2026-03-12T10:05:00.000Z") {
  Message m;
  m.id = "m" + std::to_string(seq) + conv.substr(conv.size() - 1);
  m.conversation_id = conv;
  m.seq = seq;
  m.sender_id = sender;
  m.client_id = client_id;
  m.content = content;
  m.created_at = at;
  return m;
}

std::string MessageFrame(const Message& m) { return realtime::MessageFrame(m); }
std::string AckFrame(const Message& m) { return realtime::AckFrame(m.client_id, m); }

// A car owner signed in, chat started, list answered with `list`, the socket greeted: Ready.
Chat StartedChat(const std::vector<json>& list = {ConversationJson(kConvA, 3, 3, 3)}, bool welcome = true,
                 const std::string& hash = "#/chats") {
  Chat c;
  Commands boot;
  c.s = Restored(OwnerMe(), "tok-owner", hash, &boot);
  REQUIRE(c.s.session);
  c.Do(OutboxLoaded{kOwner, ""});
  json items = json::array();
  for (const auto& j : list) items.push_back(j);
  c.Do(HttpDone{Request::Conversations, 200, json{{"items", items}}.dump(), "start"});
  REQUIRE(Of<SocketConnect>(c.last).size() == 1);
  c.Do(SocketOpened{c.generation()});
  if (welcome) c.Welcome();
  return c;
}

// The open conversation, first page answered.
void OpenWithHistory(Chat& c, const std::string& id, const std::vector<Message>& newest_first, bool has_more = false) {
  c.Do(Navigate{{Screen::Chat, id}});
  json items = json::array();
  for (const auto& m : newest_first) items.push_back(m);
  c.Do(HttpDone{Request::Messages, 200, json{{"items", items}, {"has_more", has_more}}.dump(), id + "|newest"});
}

std::vector<int64_t> Seqs(const AppState& s) {
  std::vector<int64_t> out;
  for (const auto& m : s.chat.open.messages) out.push_back(m.seq);
  return out;
}

Commands Type(Chat& c, const std::string& text) {
  c.s.chat.open.draft = text;
  return c.Do(ComposerEdited{});
}

Commands SendText(Chat& c, const std::string& text, const std::string& client_id) {
  c.s.chat.open.draft = text;
  return c.Do(SendChatMessage{client_id});
}

}  // namespace

TEST_CASE("the chat starts with the session: the outbox is read and the list fetched before the socket opens") {
  Commands boot;
  AppState s = Restored(OwnerMe(), "tok-owner", "#/my-issues", &boot);
  auto loads = Of<LoadOutbox>(boot);
  REQUIRE(loads.size() == 1);
  CHECK(loads[0].user_id == kOwner);
  Commands loaded = Reduce(s, OutboxLoaded{kOwner, ""});
  auto http = Https(loaded);
  REQUIRE(http.size() == 1);
  CHECK(http[0].path == "/api/conversations");
  CHECK(http[0].context == "start");
  CHECK(Of<SocketConnect>(boot).empty());
  CHECK(Of<SocketConnect>(loaded).empty());
  CHECK(s.chat.link.phase == LinkPhase::Off);

  json items = json::array({ConversationJson(kConvA, 7, 5, 7), ConversationJson(kConvB, 0)});
  Commands cmds = Reduce(s, HttpDone{Request::Conversations, 200, json{{"items", items}}.dump(), "start"});
  REQUIRE(Of<SocketConnect>(cmds).size() == 1);
  CHECK(s.chat.link.phase == LinkPhase::Connecting);

  // hello carries the token and the last seq seen of every conversation in the list
  cmds = Reduce(s, SocketOpened{s.chat.link.generation});
  auto hello = SentOfType(cmds, "hello");
  REQUIRE(hello.size() == 1);
  CHECK(hello[0]["token"] == "tok-owner");
  CHECK(hello[0]["resume"] == json{{kConvA, 7}, {kConvB, 0}});
  CHECK(hello[0]["batch"] == true);  // the app reads batch frames
  CHECK(s.chat.link.phase == LinkPhase::Greeting);
  Reduce(s, SocketText{s.chat.link.generation, realtime::WelcomeFrame(kOwner, "2026-03-12T10:00:00.000Z")});
  CHECK(chat::IsReady(s.chat));
}

TEST_CASE("a batch frame is read as its frames, in order") {
  Chat c = StartedChat({ConversationJson(kConvA, 3, 3, 3)}, false);
  OpenWithHistory(c, kConvA, {Msg(kConvA, 3, kMechanic, "three")});
  SendText(c, "four", "cid-4");
  Message four = Msg(kConvA, 4, kOwner, "four", "cid-4");
  std::vector<std::string> frames{realtime::WelcomeFrame(kOwner, "2026-03-12T10:00:00.000Z"), AckFrame(four),
                                  MessageFrame(four), MessageFrame(Msg(kConvA, 5, kMechanic, "five"))};
  c.Frame(realtime::BatchFrame(frames.data(), frames.size()));
  CHECK(chat::IsReady(c.s.chat));  // the welcome inside it greeted the link
  CHECK(Seqs(c.s) == std::vector<int64_t>{3, 4, 5});
  CHECK(c.s.chat.outbox.empty());  // the ack inside it cleared the outbox
}

TEST_CASE("an admin gets no chat") {
  json me{{"id", "a1"}, {"role", "admin"}, {"email", "mariam.admin@salikchat.test"}, {"full_name", "Mariam"},
          {"city", "Dubai"}, {"country", "AE"}, {"is_active", true}};
  Commands boot;
  AppState s = Restored(me, "tok-admin", "#/admin/verification", &boot);
  CHECK(Of<LoadOutbox>(boot).empty());
  CHECK(s.chat.user_id.empty());
  Reduce(s, Navigate{{Screen::Chat, kConvA}});
  CHECK(s.route.screen == Screen::AdminVerification);
}

TEST_CASE("frames merge in seq order without duplicates: replay, ack and broadcast of one message are one") {
  Chat c = StartedChat();
  OpenWithHistory(c, kConvA, {Msg(kConvA, 3, kMechanic, "three"), Msg(kConvA, 2, kOwner, "two", "cid-2"),
                               Msg(kConvA, 1, kMechanic, "one")});
  CHECK(Seqs(c.s) == std::vector<int64_t>{1, 2, 3});

  SendText(c, "four", "cid-4");
  Message four = Msg(kConvA, 4, kOwner, "four", "cid-4");
  c.Frame(MessageFrame(four));  // the broadcast may overtake the ack
  c.Frame(AckFrame(four));
  c.Frame(MessageFrame(four));  // and a replay after a reconnect
  c.Frame(MessageFrame(Msg(kConvA, 3, kMechanic, "three")));
  CHECK(Seqs(c.s) == std::vector<int64_t>{1, 2, 3, 4});
  CHECK(c.s.chat.outbox.empty());

  // Out of order: 6 before 5 (a replay racing a live frame) still lands in seq order.
  c.Frame(MessageFrame(Msg(kConvA, 6, kMechanic, "six")));
  c.Frame(MessageFrame(Msg(kConvA, 5, kMechanic, "five")));
  CHECK(Seqs(c.s) == std::vector<int64_t>{1, 2, 3, 4, 5, 6});
  CHECK(c.s.chat.seen_seq[kConvA] == 6);
  const Conversation* conv = chat::Find(c.s.chat, kConvA);
  REQUIRE(conv);
  CHECK(conv->last_seq == 6);
  CHECK(conv->last_message == "six");
}

TEST_CASE("a hole in the seqs is filled from the history, and the page does not ask twice") {
  Chat c = StartedChat({ConversationJson(kConvA, 3, 3, 3)});
  OpenWithHistory(c, kConvA, {Msg(kConvA, 3, kMechanic, "3"), Msg(kConvA, 2, kMechanic, "2"), Msg(kConvA, 1, kOwner, "1")});
  Commands cmds = c.Frame(MessageFrame(Msg(kConvA, 6, kMechanic, "6")));
  auto http = Https(cmds);
  REQUIRE(http.size() == 1);
  CHECK(http[0].path == "/api/conversations/" + kConvA + "/messages?before=6&limit=2");
  CHECK(http[0].context == kConvA + "|gap");
  // Another frame while the gap page is out asks for nothing more.
  CHECK(Https(c.Frame(MessageFrame(Msg(kConvA, 7, kMechanic, "7")))).empty());

  json items = json::array({Msg(kConvA, 5, kMechanic, "5"), Msg(kConvA, 4, kMechanic, "4")});
  cmds = c.Do(HttpDone{Request::Messages, 200, json{{"items", items}, {"has_more", true}}.dump(), kConvA + "|gap"});
  CHECK(Https(cmds).empty());
  CHECK(Seqs(c.s) == std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7});
  CHECK_FALSE(c.s.chat.open.has_more);  // a gap page says nothing about older history
}

TEST_CASE("older history loads backwards, page by page, until seq 1") {
  Chat c = StartedChat({ConversationJson(kConvA, 120, 120, 120)});
  std::vector<Message> newest;
  for (int64_t seq = 120; seq > 70; --seq) newest.push_back(Msg(kConvA, seq, kMechanic, "m"));
  OpenWithHistory(c, kConvA, newest, true);
  CHECK(c.s.chat.open.has_more);
  Commands cmds = c.Do(LoadOlderMessages{});
  auto http = Https(cmds);
  REQUIRE(http.size() == 1);
  CHECK(http[0].path == "/api/conversations/" + kConvA + "/messages?limit=100&before=71");
  CHECK(c.Do(LoadOlderMessages{}).empty());  // one page at a time

  json items = json::array();
  for (int64_t seq = 70; seq > 20; --seq) items.push_back(Msg(kConvA, seq, kMechanic, "m"));
  c.Do(HttpDone{Request::Messages, 200, json{{"items", items}, {"has_more", true}}.dump(), kConvA + "|older"});
  CHECK(c.s.chat.open.messages.size() == 100);
  CHECK(c.s.chat.open.messages.front().seq == 21);
  http = Https(c.Do(LoadOlderMessages{}));
  REQUIRE(http.size() == 1);
  items = json::array();
  for (int64_t seq = 20; seq > 0; --seq) items.push_back(Msg(kConvA, seq, kMechanic, "m"));
  c.Do(HttpDone{Request::Messages, 200, json{{"items", items}, {"has_more", false}}.dump(), kConvA + "|older"});
  CHECK(c.s.chat.open.messages.size() == 120);
  CHECK_FALSE(c.s.chat.open.has_more);
  CHECK(c.Do(LoadOlderMessages{}).empty());
}

TEST_CASE("a page for a conversation the user has left is dropped") {
  Chat c = StartedChat({ConversationJson(kConvA, 1), ConversationJson(kConvB, 1)});
  c.Do(Navigate{{Screen::Chat, kConvA}});
  c.Do(Navigate{{Screen::Chat, kConvB}});
  json items = json::array({Msg(kConvA, 1, kMechanic, "for A")});
  c.Do(HttpDone{Request::Messages, 200, json{{"items", items}, {"has_more", false}}.dump(), kConvA + "|newest"});
  CHECK(c.s.chat.open.id == kConvB);
  CHECK(c.s.chat.open.messages.empty());
}

TEST_CASE("sending: into the outbox and localStorage first, on the socket when ready, out of the outbox on ack") {
  Chat c = StartedChat();
  OpenWithHistory(c, kConvA, {});
  Commands cmds = SendText(c, "  Is it the battery?  ", "cid-1");
  CHECK(c.s.chat.open.draft.empty());
  REQUIRE(c.s.chat.outbox.size() == 1);
  CHECK(c.s.chat.outbox[0].content == "Is it the battery?");
  auto stored = Of<StoreOutbox>(cmds);
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].user_id == kOwner);
  CHECK(json::parse(stored[0].json)[0]["client_id"] == "cid-1");
  auto sends = SentOfType(cmds, "send");
  REQUIRE(sends.size() == 1);
  CHECK(sends[0] == json{{"type", "send"}, {"conversation_id", kConvA}, {"client_id", "cid-1"}, {"content", "Is it the battery?"}});

  cmds = c.Frame(AckFrame(Msg(kConvA, 4, kOwner, "Is it the battery?", "cid-1")));
  CHECK(c.s.chat.outbox.empty());
  stored = Of<StoreOutbox>(cmds);
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].json.empty());  // nothing left of this tab's
  CHECK(stored[0].dropped == std::vector<std::string>{"cid-1"});  // and the acked one leaves storage

  // An empty or blank draft sends nothing.
  CHECK(SendText(c, "   ", "cid-2").empty());
  CHECK(c.s.chat.outbox.empty());
}

TEST_CASE("a message typed offline is sent once the link returns, and a reconnect resends the same client_id") {
  Chat c = StartedChat();
  OpenWithHistory(c, kConvA, {});
  Commands cmds = c.Do(NetworkChanged{false});
  CHECK(Of<SocketClose>(cmds).size() == 1);
  CHECK(c.s.chat.link.phase == LinkPhase::Offline);
  CHECK(Of<StartTimer>(cmds).empty());  // no reconnect attempts into a dead network

  CHECK(Of<SocketSend>(SendText(c, "first offline", "cid-a")).empty());
  CHECK(Of<SocketSend>(SendText(c, "second offline", "cid-b")).empty());
  CHECK(c.s.chat.outbox.size() == 2);

  cmds = c.Do(NetworkChanged{true});
  REQUIRE(Of<SocketConnect>(cmds).size() == 1);
  c.Do(SocketOpened{c.generation()});
  cmds = c.Welcome();
  auto sends = SentOfType(cmds, "send");
  REQUIRE(sends.size() == 2);
  CHECK(sends[0]["client_id"] == "cid-a");
  CHECK(sends[1]["client_id"] == "cid-b");

  // The connection drops before any ack: the next welcome sends both again, same ids, same order.
  c.Do(SocketClosed{c.generation(), 1006, 0.3});
  c.Do(TimerFired{ChatTimer::Reconnect, c.s.chat.reconnect_token});
  c.Do(SocketOpened{c.generation()});
  sends = SentOfType(c.Welcome(), "send");
  REQUIRE(sends.size() == 2);
  CHECK(sends[0]["client_id"] == "cid-a");
  CHECK(sends[1]["client_id"] == "cid-b");

  // One welcome sends each entry once: a flush on the same link does not repeat them.
  CHECK(SentOfType(c.Do(OutboxLoaded{kOwner, ""}), "send").empty());

  c.Frame(AckFrame(Msg(kConvA, 4, kOwner, "first offline", "cid-a")));
  c.Frame(AckFrame(Msg(kConvA, 5, kOwner, "second offline", "cid-b")));
  CHECK(c.s.chat.outbox.empty());
  CHECK(Seqs(c.s) == std::vector<int64_t>{4, 5});
}

TEST_CASE("the outbox survives a reload: stored, read back, sent with the same client_id") {
  std::string stored_json;
  {
    Chat c = StartedChat({ConversationJson(kConvA, 3, 3, 3)}, /*welcome=*/false);  // still greeting
    OpenWithHistory(c, kConvA, {});
    Commands cmds = SendText(c, "typed before the reload", "cid-reload");
    CHECK(Of<SocketSend>(cmds).empty());
    auto stored = Of<StoreOutbox>(cmds);
    REQUIRE(stored.size() == 1);
    stored_json = stored[0].json;
  }
  // A new page: a fresh state that reads localStorage back.
  Commands boot;
  AppState s = Restored(OwnerMe(), "tok-owner", "#/chats/" + kConvA, &boot);
  REQUIRE(Of<LoadOutbox>(boot).size() == 1);
  Reduce(s, OutboxLoaded{kOwner, stored_json});
  REQUIRE(s.chat.outbox.size() == 1);
  CHECK(s.chat.outbox[0].client_id == "cid-reload");
  json items = json::array({ConversationJson(kConvA, 3, 3, 3)});
  Reduce(s, HttpDone{Request::Conversations, 200, json{{"items", items}}.dump(), "start"});
  Reduce(s, SocketOpened{s.chat.link.generation});
  Commands cmds = Reduce(s, SocketText{s.chat.link.generation, realtime::WelcomeFrame(kOwner, "")});
  auto sends = SentOfType(cmds, "send");
  REQUIRE(sends.size() == 1);
  CHECK(sends[0]["client_id"] == "cid-reload");
  CHECK(sends[0]["content"] == "typed before the reload");

  // Another user's outbox is never read into this one.
  Reduce(s, OutboxLoaded{"someone-else", stored_json});
  CHECK(s.chat.outbox.size() == 1);
  // Garbage in localStorage is ignored.
  CHECK(chat::OutboxFromJson("{not json").empty());
  CHECK(chat::OutboxFromJson(R"([{"client_id":"x"}, 5, {"client_id":"y","conversation_id":"c","content":"hi"}])").size() == 1);
}


TEST_CASE("two tabs of one user share the stored outbox: neither erases the other's unsent messages") {
  std::string storage;
  Chat a = StartedChat();
  Chat b = StartedChat();
  OpenWithHistory(a, kConvA, {});
  OpenWithHistory(b, kConvA, {});
  a.Do(NetworkChanged{false});
  b.Do(NetworkChanged{false});

  ApplyStores(storage, SendText(a, "from the first tab", "cid-a"));
  ApplyStores(storage, SendText(b, "from the second tab", "cid-b"));
  auto stored = chat::OutboxFromJson(storage);
  REQUIRE(stored.size() == 2);  // the second tab's write kept the first tab's message
  CHECK(stored[0].client_id == "cid-a");
  CHECK(stored[1].client_id == "cid-b");

  // The first tab gets its ack: only its own entry leaves storage.
  a.Do(NetworkChanged{true});
  a.Do(SocketOpened{a.generation()});
  ApplyStores(storage, a.Welcome());
  ApplyStores(storage, a.Frame(AckFrame(Msg(kConvA, 4, kOwner, "from the first tab", "cid-a"))));
  CHECK(a.s.chat.outbox.empty());
  stored = chat::OutboxFromJson(storage);
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].client_id == "cid-b");

  // The second tab is closed before it is back online; the next tab sends its message.
  Chat next = StartedChat({ConversationJson(kConvA, 4, 4, 3)}, /*welcome=*/false);
  next.Do(OutboxLoaded{kOwner, storage});
  auto sends = SentOfType(next.Welcome(), "send");
  REQUIRE(sends.size() == 1);
  CHECK(sends[0]["client_id"] == "cid-b");
  CHECK(sends[0]["content"] == "from the second tab");
}

TEST_CASE("merging a tab's outbox into storage: its copies replace the stored ones in place, new ones go last") {
  auto entry = [](const std::string& id, const std::string& text) {
    OutboxEntry e;
    e.client_id = id;
    e.conversation_id = kConvA;
    e.content = text;
    return e;
  };
  std::string stored = chat::OutboxToJson({entry("x", "other tab"), entry("m", "mine"), entry("y", "other tab too")});
  OutboxEntry refused = entry("m", "mine");
  refused.error = "That message is too long.";
  std::string mine = chat::OutboxToJson({refused, entry("n", "mine, new")});

  auto merged = chat::OutboxFromJson(chat::MergeStoredOutbox(stored, mine, {"y"}, Synced({entry("m", "mine")})).json);
  REQUIRE(merged.size() == 3);
  CHECK(merged[0].client_id == "x");
  CHECK(merged[1].client_id == "m");
  CHECK(merged[1].error == "That message is too long.");
  CHECK(merged[2].client_id == "n");

  // Nothing left: empty, so the runtime removes the key. Garbage stored is replaced, not kept.
  CHECK(chat::MergeStoredOutbox(chat::OutboxToJson({entry("m", "mine")}), "", {"m"}, Synced({entry("m", "mine")})).json.empty());
  CHECK(chat::OutboxFromJson(chat::MergeStoredOutbox("{not json", mine, {}, {}).json).size() == 2);

  // A waiting attachment or a refused message this tab saw stored and storage lost since: another
  // tab sent, removed or deleted it. Not written back. A message on its way in the same place is
  // written back (a resend costs nothing; a write of this tab's that did not land must not lose it).
  OutboxEntry held = entry("h", "");
  held.media_id = "f1f2f3f4-0000-4000-8000-00000000beef";
  held.held = true;
  std::string with_held = chat::OutboxToJson({refused, held, entry("t", "on its way"), entry("n", "mine, new")});
  auto after = chat::MergeStoredOutbox(chat::OutboxToJson({entry("x", "other tab")}), with_held, {},
                                       Synced({refused, held, entry("t", "on its way"), entry("x", "other tab")}));
  CHECK(after.taken_elsewhere == std::vector<std::string>{"m", "h"});
  auto kept = chat::OutboxFromJson(after.json);
  REQUIRE(kept.size() == 3);
  CHECK(kept[0].client_id == "x");
  CHECK(kept[1].client_id == "t");
  CHECK(kept[2].client_id == "n");
  // Storage that cannot be read tells nothing about other tabs: everything of this tab is kept.
  auto unreadable = chat::MergeStoredOutbox("{not json", with_held, {}, Synced({refused, held, entry("t", "on its way")}));
  CHECK(unreadable.taken_elsewhere.empty());
  CHECK(chat::OutboxFromJson(unreadable.json).size() == 4);
}

TEST_CASE("merging a tab's outbox into storage: a copy this tab did not change does not undo another tab's change") {
  // A photo waiting in two tabs; the second tab gave it a caption and pressed Send.
  OutboxEntry waiting;
  waiting.client_id = "p";
  waiting.conversation_id = kConvA;
  waiting.media_id = "f1f2f3f4-0000-4000-8000-00000000cafe";
  waiting.held = true;
  OutboxEntry captioned = waiting;
  captioned.held = false;
  captioned.content = "Under the car";
  std::string stored = chat::OutboxToJson({captioned});

  // The first tab writes for another reason, its copy as it last saw it stored: the caption stays.
  OutboxEntry note;
  note.client_id = "n";
  note.conversation_id = kConvA;
  note.content = "And a note";
  auto merged = chat::MergeStoredOutbox(stored, chat::OutboxToJson({waiting, note}), {}, Synced({waiting}));
  CHECK(merged.taken_elsewhere.empty());
  auto kept = chat::OutboxFromJson(merged.json);
  REQUIRE(kept.size() == 2);
  CHECK(kept[0].content == "Under the car");
  CHECK_FALSE(kept[0].held);
  CHECK(kept[1].client_id == "n");

  // Changed in this tab too (its own caption): the later write wins, as before.
  OutboxEntry own_caption = captioned;
  own_caption.content = "Near the wheel";
  auto mine_wins = chat::OutboxFromJson(chat::MergeStoredOutbox(stored, chat::OutboxToJson({own_caption}), {}, Synced({waiting})).json);
  REQUIRE(mine_wins.size() == 1);
  CHECK(mine_wins[0].content == "Near the wheel");
  // Unreadable storage, or a tab that never saw it stored: its copy is written.
  auto unseen = chat::OutboxFromJson(chat::MergeStoredOutbox(stored, chat::OutboxToJson({waiting}), {}, {}).json);
  REQUIRE(unseen.size() == 1);
  CHECK(unseen[0].held);
}

TEST_CASE("history that holds an outbox message (its ack was lost) takes it out of the outbox") {
  Chat c = StartedChat();
  OpenWithHistory(c, kConvA, {});
  SendText(c, "hello", "cid-lost");
  json items = json::array({Msg(kConvA, 4, kOwner, "hello", "cid-lost")});
  c.Do(HttpDone{Request::Messages, 200, json{{"items", items}, {"has_more", false}}.dump(), kConvA + "|newest"});
  CHECK(c.s.chat.outbox.empty());
  CHECK(Seqs(c.s) == std::vector<int64_t>{4});
}

TEST_CASE("reconnect backoff doubles from one second, is capped at thirty, and jitter spreads the upper half") {
  CHECK(chat::BackoffMs(1, 0.0) == 500);
  CHECK(chat::BackoffMs(1, 0.999) == 999);
  CHECK(chat::BackoffMs(2, 0.0) == 1000);
  CHECK(chat::BackoffMs(3, 0.0) == 2000);
  CHECK(chat::BackoffMs(5, 0.0) == 8000);
  CHECK(chat::BackoffMs(6, 1.0) == 30000);
  CHECK(chat::BackoffMs(7, 0.0) == 15000);
  CHECK(chat::BackoffMs(50, 1.0) == 30000);
  CHECK(chat::BackoffMs(1000, 0.5) <= 30000);

  Chat c = StartedChat();
  std::vector<int> delays;
  for (int i = 0; i < 9; ++i) {
    Commands cmds = c.Do(SocketClosed{c.generation(), 1006, 1.0});
    auto timers = Of<StartTimer>(cmds);
    REQUIRE(timers.size() == 1);
    CHECK(timers[0].timer == ChatTimer::Reconnect);
    delays.push_back(timers[0].ms);
    CHECK(c.s.chat.link.phase == LinkPhase::Waiting);
    // A stale timer does nothing; the current one connects.
    CHECK(c.Do(TimerFired{ChatTimer::Reconnect, timers[0].token - 1}).empty());
    REQUIRE(Of<SocketConnect>(c.Do(TimerFired{ChatTimer::Reconnect, timers[0].token})).size() == 1);
  }
  CHECK(delays == std::vector<int>{1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000});

  // A welcome resets it.
  c.Do(SocketOpened{c.generation()});
  c.Welcome();
  auto timers = Of<StartTimer>(c.Do(SocketClosed{c.generation(), 1006, 1.0}));
  REQUIRE(timers.size() == 1);
  CHECK(timers[0].ms == 1000);
}

TEST_CASE("events of a replaced socket are ignored") {
  Chat c = StartedChat();
  int old = c.generation();
  c.Do(NetworkChanged{false});
  c.Do(NetworkChanged{true});
  CHECK(c.generation() > old);
  CHECK(c.Do(SocketClosed{old, 1006, 0.5}).empty());
  CHECK(c.s.chat.link.phase == LinkPhase::Connecting);
  CHECK(c.Do(SocketText{old, MessageFrame(Msg(kConvA, 4, kMechanic, "late"))}).empty());
  CHECK(chat::Find(c.s.chat, kConvA)->last_seq == 3);
}

TEST_CASE("unread counts per conversation and in total follow messages and read marks, live") {
  Chat c = StartedChat({ConversationJson(kConvA, 5, 3, 5), ConversationJson(kConvB, 2, 2, 2)});
  CHECK(UnreadFor(*chat::Find(c.s.chat, kConvA), kOwner) == 2);
  CHECK(chat::TotalUnread(c.s.chat) == 2);

  c.Frame(MessageFrame(Msg(kConvB, 3, kMechanic, "new in B", "", "2026-03-12T11:00:00.000Z")));
  CHECK(chat::TotalUnread(c.s.chat) == 3);
  CHECK(c.s.chat.conversations.front().id == kConvB);  // most recent activity first

  // Own messages never count (the server moves the sender's mark).
  c.Frame(MessageFrame(Msg(kConvA, 6, kOwner, "mine", "cid-x")));
  CHECK(UnreadFor(*chat::Find(c.s.chat, kConvA), kOwner) == 0);

  // Read in another tab of the same user: the read frame carries our own user id.
  c.Frame(realtime::ReadFrame(kConvB, kOwner, 3));
  CHECK(chat::TotalUnread(c.s.chat) == 0);
}

TEST_CASE("showing the newest message marks it read: a read frame now, or after the next welcome") {
  Chat c = StartedChat({ConversationJson(kConvA, 4, 2, 4)});
  OpenWithHistory(c, kConvA, {Msg(kConvA, 4, kMechanic, "4"), Msg(kConvA, 3, kMechanic, "3")});
  Commands cmds = c.Do(ChatSawNewest{4});
  auto reads = SentOfType(cmds, "read");
  REQUIRE(reads.size() == 1);
  CHECK(reads[0] == json{{"type", "read"}, {"conversation_id", kConvA}, {"seq", 4}});
  CHECK(chat::TotalUnread(c.s.chat) == 0);
  CHECK(c.Do(ChatSawNewest{4}).empty());  // once

  c.Do(NetworkChanged{false});
  c.s.chat.conversations[0].last_seq = 5;  // as if it had arrived just before the drop
  CHECK(SentOfType(c.Do(ChatSawNewest{5}), "read").empty());
  c.Do(NetworkChanged{true});
  c.Do(SocketOpened{c.generation()});
  reads = SentOfType(c.Welcome(), "read");
  REQUIRE(reads.size() == 1);
  CHECK(reads[0]["seq"] == 5);
}

TEST_CASE("typing: true once when typing starts, false after a pause, after sending, or when leaving") {
  Chat c = StartedChat();
  OpenWithHistory(c, kConvA, {});
  Commands cmds = Type(c, "H");
  auto typing = SentOfType(cmds, "typing");
  REQUIRE(typing.size() == 1);
  CHECK(typing[0] == json{{"type", "typing"}, {"conversation_id", kConvA}, {"state", true}});
  auto t1 = Of<StartTimer>(cmds);
  REQUIRE(t1.size() == 1);
  CHECK(t1[0].timer == ChatTimer::TypingIdle);
  CHECK(t1[0].ms == chat::kTypingIdleMs);

  cmds = Type(c, "He");
  CHECK(SentOfType(cmds, "typing").empty());  // debounced
  auto t2 = Of<StartTimer>(cmds);
  // The first pause timer is outdated by the second keystroke.
  CHECK(SentOfType(c.Do(TimerFired{ChatTimer::TypingIdle, t1[0].token}), "typing").empty());
  typing = SentOfType(c.Do(TimerFired{ChatTimer::TypingIdle, t2[0].token}), "typing");
  REQUIRE(typing.size() == 1);
  CHECK(typing[0]["state"] == false);

  Type(c, "Hello");
  typing = SentOfType(SendText(c, "Hello", "cid-h"), "typing");
  REQUIRE(typing.size() == 1);
  CHECK(typing[0]["state"] == false);

  Type(c, "Bye");
  typing = SentOfType(c.Do(Navigate{{Screen::Conversations, {}}}), "typing");
  REQUIRE(typing.size() == 1);
  CHECK(typing[0]["state"] == false);
}

TEST_CASE("the other party's typing shows until they stop, send, or a few quiet seconds pass") {
  Chat c = StartedChat();
  Commands cmds = c.Frame(realtime::TypingFrame(kConvA, kMechanic, true));
  CHECK(c.s.chat.peer_typing.count(kConvA) == 1);
  auto timers = Of<StartTimer>(cmds);
  REQUIRE(timers.size() == 1);
  CHECK(timers[0].timer == ChatTimer::PeerTyping);
  CHECK(timers[0].ms == chat::kPeerTypingMs);
  // Still typing: a new frame restarts the fade, so the first timer no longer clears it.
  auto again = Of<StartTimer>(c.Frame(realtime::TypingFrame(kConvA, kMechanic, true)));
  c.Do(TimerFired{ChatTimer::PeerTyping, timers[0].token});
  CHECK(c.s.chat.peer_typing.count(kConvA) == 1);
  c.Do(TimerFired{ChatTimer::PeerTyping, again[0].token});
  CHECK(c.s.chat.peer_typing.empty());

  c.Frame(realtime::TypingFrame(kConvA, kMechanic, true));
  c.Frame(realtime::TypingFrame(kConvA, kMechanic, false));
  CHECK(c.s.chat.peer_typing.empty());
  c.Frame(realtime::TypingFrame(kConvA, kMechanic, true));
  c.Frame(MessageFrame(Msg(kConvA, 4, kMechanic, "done typing")));
  CHECK(c.s.chat.peer_typing.empty());
  // Our own typing echoed from another tab is not "the other party typing".
  c.Frame(realtime::TypingFrame(kConvA, kOwner, true));
  CHECK(c.s.chat.peer_typing.empty());
}

TEST_CASE("ticks: a clock while unacknowledged, then sent, delivered, read") {
  Conversation conv = ConversationJson(kConvA, 4, 4, 2).get<Conversation>();
  Message mine = Msg(kConvA, 4, kOwner, "mine", "cid", "2026-03-12T10:05:00.000Z");
  Message unacked = mine;
  unacked.seq = 0;
  CHECK(chat::TickFor(unacked, conv, nullptr, kOwner) == chat::Tick::Pending);
  CHECK(chat::TickFor(mine, conv, nullptr, kOwner) == chat::Tick::Sent);
  Presence away{false, "2026-03-12T10:00:00.000Z"};  // gone before the message was stored
  CHECK(chat::TickFor(mine, conv, &away, kOwner) == chat::Tick::Sent);
  Presence back_later{false, "2026-03-12T10:30:00.000Z"};
  CHECK(chat::TickFor(mine, conv, &back_later, kOwner) == chat::Tick::Delivered);
  Presence online{true, ""};
  CHECK(chat::TickFor(mine, conv, &online, kOwner) == chat::Tick::Delivered);
  conv.mechanic_read_seq = 4;
  CHECK(chat::TickFor(mine, conv, &away, kOwner) == chat::Tick::Read);

  // Live: presence and read frames move the receipts.
  Chat c = StartedChat({ConversationJson(kConvA, 4, 4, 2)});
  c.Frame(realtime::PresenceFrame(kMechanic, true, ""));
  CHECK(c.s.chat.presence[kMechanic].online);
  c.Frame(realtime::ReadFrame(kConvA, kMechanic, 4));
  CHECK(chat::Find(c.s.chat, kConvA)->mechanic_read_seq == 4);
  c.Frame(realtime::ReadFrame(kConvA, kMechanic, 3));  // never backwards
  CHECK(chat::Find(c.s.chat, kConvA)->mechanic_read_seq == 4);
}

TEST_CASE("presence: offline without a time keeps the last_seen already known") {
  Chat c = StartedChat({ConversationJson(kConvA, 4, 4, 2)});
  c.Frame(realtime::PresenceFrame(kMechanic, false, "2026-03-12T10:30:00.000Z"));
  c.Frame(realtime::PresenceFrame(kMechanic, false, ""));
  CHECK_FALSE(c.s.chat.presence[kMechanic].online);
  CHECK(c.s.chat.presence[kMechanic].last_seen == "2026-03-12T10:30:00.000Z");
  c.Frame(realtime::PresenceFrame(kMechanic, false, "2026-03-12T11:00:00.000Z"));
  CHECK(c.s.chat.presence[kMechanic].last_seen == "2026-03-12T11:00:00.000Z");
  c.Frame(realtime::PresenceFrame(kMechanic, true, ""));
  CHECK(c.s.chat.presence[kMechanic].online);
  CHECK(c.s.chat.presence[kMechanic].last_seen.empty());
}

TEST_CASE("presence is not shown while this tab's link is down: what was last heard may no longer hold") {
  Chat c = StartedChat({ConversationJson(kConvA, 4, 4, 2)});
  c.Frame(realtime::PresenceFrame(kMechanic, true, ""));
  const Presence* shown = chat::CurrentPresence(c.s.chat, kMechanic);
  REQUIRE(shown);
  CHECK(shown->online);
  CHECK_FALSE(chat::CurrentPresence(c.s.chat, kOwner));  // nothing heard about this one

  c.Do(NetworkChanged{false});
  CHECK_FALSE(chat::CurrentPresence(c.s.chat, kMechanic));
  c.Do(NetworkChanged{true});
  c.Do(SocketOpened{c.generation()});
  CHECK_FALSE(chat::CurrentPresence(c.s.chat, kMechanic));  // connected, not yet welcomed
  c.Welcome();
  REQUIRE(chat::CurrentPresence(c.s.chat, kMechanic));
}

TEST_CASE("an edit replaces the message at its seq") {
  Chat c = StartedChat();
  OpenWithHistory(c, kConvA, {Msg(kConvA, 3, kMechanic, "AED 300")});
  Message edited = Msg(kConvA, 3, kMechanic, "AED 250");
  edited.edited_at = "2026-03-12T10:07:00.000Z";
  int version = c.s.chat.open.version;
  c.Frame(MessageFrame(edited));
  REQUIRE(c.s.chat.open.messages.size() == 1);
  CHECK(c.s.chat.open.messages[0].content == "AED 250");
  CHECK(c.s.chat.open.messages[0].edited_at == "2026-03-12T10:07:00.000Z");
  CHECK(c.s.chat.open.version > version);
}

TEST_CASE("refused messages: a rate limit resends later; anything else waits for the user to retry") {
  Chat c = StartedChat();
  OpenWithHistory(c, kConvA, {});
  SendText(c, "one", "cid-1");
  SendText(c, "two", "cid-2");
  Commands cmds = c.Frame(realtime::ErrorFrame({429, "rate_limited", "Slow down.", ""}, "cid-1"));
  auto timers = Of<StartTimer>(cmds);
  REQUIRE(timers.size() == 1);
  CHECK(timers[0].timer == ChatTimer::Resend);
  auto sends = SentOfType(c.Do(TimerFired{ChatTimer::Resend, timers[0].token}), "send");
  REQUIRE(sends.size() == 1);
  CHECK(sends[0]["client_id"] == "cid-1");

  cmds = c.Frame(realtime::ErrorFrame(BadRequest("invalid_field", "The message is not valid text."), "cid-2"));
  CHECK(c.s.chat.outbox[1].error == "The message is not valid text.");
  CHECK(Of<StoreOutbox>(cmds).size() == 1);
  // Not resent by a reconnect …
  c.Do(SocketClosed{c.generation(), 1006, 0});
  c.Do(TimerFired{ChatTimer::Reconnect, c.s.chat.reconnect_token});
  c.Do(SocketOpened{c.generation()});
  sends = SentOfType(c.Welcome(), "send");
  REQUIRE(sends.size() == 1);
  CHECK(sends[0]["client_id"] == "cid-1");
  // … only when the user asks.
  sends = SentOfType(c.Do(RetryChatMessage{"cid-2"}), "send");
  REQUIRE(sends.size() == 1);
  CHECK(sends[0]["client_id"] == "cid-2");
  CHECK(c.s.chat.outbox[1].error.empty());
}

TEST_CASE("a refused token checks the session over REST") {
  Chat c = StartedChat({}, /*welcome=*/false);
  auto http = Https(c.Frame(realtime::ErrorFrame(Unauthorized(), "")));
  REQUIRE(http.size() == 1);
  CHECK(http[0].path == "/api/auth/me");
  // Its 401 signs the user out and closes the socket.
  Commands cmds = c.Do(HttpDone{Request::Me, 401, ErrorJson("unauthorized", "Please sign in."), ""});
  CHECK_FALSE(c.s.session);
  CHECK(Of<SocketClose>(cmds).size() == 1);
}

TEST_CASE("a message in a conversation the list does not know fetches that conversation once") {
  Chat c = StartedChat({});
  auto http = Https(c.Frame(MessageFrame(Msg(kConvB, 1, kMechanic, "Hi, I saw your issue"))));
  REQUIRE(http.size() == 1);
  CHECK(http[0].path == "/api/conversations/" + kConvB);
  CHECK(Https(c.Frame(MessageFrame(Msg(kConvB, 2, kMechanic, "Are you there?")))).empty());
  c.Do(HttpDone{Request::Conversation, 200, ConversationJson(kConvB, 2, 0, 2).dump(), kConvB});
  CHECK(chat::TotalUnread(c.s.chat) == 2);
  CHECK(c.s.chat.seen_seq[kConvB] == 2);
}

TEST_CASE("a REST answer older than a live frame does not move seqs or read marks back") {
  Chat c = StartedChat({ConversationJson(kConvA, 3, 3, 3)});
  c.Frame(MessageFrame(Msg(kConvA, 4, kMechanic, "newer", "", "2026-03-12T12:00:00.000Z")));
  c.Do(HttpDone{Request::Conversations, 200, json{{"items", json::array({ConversationJson(kConvA, 3, 3, 3)})}}.dump(), ""});
  const Conversation* conv = chat::Find(c.s.chat, kConvA);
  CHECK(conv->last_seq == 4);
  CHECK(conv->last_message == "newer");
  CHECK(UnreadFor(*conv, kOwner) == 1);
}

TEST_CASE("heartbeat: a ping after a quiet period; no answer for a whole period reconnects") {
  Chat c = StartedChat();
  REQUIRE(c.s.chat.heartbeat_token != 0);
  Commands cmds = c.Do(TimerFired{ChatTimer::Heartbeat, c.s.chat.heartbeat_token});
  auto pings = SentOfType(cmds, "ping");
  CHECK(pings.size() == 1);
  c.Frame(realtime::PongFrame());
  cmds = c.Do(TimerFired{ChatTimer::Heartbeat, c.s.chat.heartbeat_token});
  CHECK(SentOfType(cmds, "ping").size() == 1);
  // Nothing back this time.
  cmds = c.Do(TimerFired{ChatTimer::Heartbeat, c.s.chat.heartbeat_token});
  CHECK(Of<SocketClose>(cmds).size() == 1);
  CHECK(c.s.chat.link.phase == LinkPhase::Waiting);
  CHECK(Of<StartTimer>(cmds).size() == 1);
}

TEST_CASE("signing out closes the socket; the next user starts a chat of their own") {
  Chat c = StartedChat();
  SendText(c, "x", "cid");
  Commands cmds = c.Do(SignOut{});
  CHECK(Of<SocketClose>(cmds).size() == 1);
  CHECK(c.s.chat.user_id.empty());
  CHECK(c.s.chat.outbox.empty());  // (still in localStorage, under the owner's key)
}

TEST_CASE("opening a chat from a response card creates or finds the conversation and enters it") {
  Chat c = StartedChat({}, true, "#/issues/" + kIssue);
  Commands cmds = c.Do(OpenChatWith{kIssue, kMechanic});
  auto http = Https(cmds);
  REQUIRE(http.size() == 1);
  CHECK(http[0].method == "POST");
  CHECK(http[0].path == "/api/conversations");
  CHECK(json::parse(http[0].body) == json{{"issue_id", kIssue}, {"mechanic_id", kMechanic}});
  CHECK(c.Do(OpenChatWith{kIssue, kMechanic}).empty());  // busy: one request
  cmds = c.Do(HttpDone{Request::OpenConversation, 201, ConversationJson(kConvA).dump(), http[0].context});
  CHECK(c.s.route == Route{Screen::Chat, kConvA});
  CHECK(Hashes(cmds) == std::vector<std::string>{"#/chats/" + kConvA});
  CHECK(chat::Find(c.s.chat, kConvA));
  CHECK(c.s.chat.starting.empty());

  // A mechanic's request names only the issue; a refusal is shown where they pressed.
  c.Do(Navigate{{Screen::IssueDetail, kIssue}});
  http = Https(c.Do(OpenChatWith{kIssue, ""}));
  CHECK(json::parse(http[0].body) == json{{"issue_id", kIssue}});
  c.Do(HttpDone{Request::OpenConversation, 403, ErrorJson("forbidden", "Respond to the issue first."), http[0].context});
  REQUIRE(c.s.chat.start_error);
  CHECK(c.s.chat.start_error->message == "Respond to the issue first.");
  CHECK(c.s.route.screen == Screen::IssueDetail);
}

TEST_CASE("chat routes: #/chats and #/chats/<id>") {
  CHECK(FromHash("#/chats") == Route{Screen::Conversations, {}});
  CHECK(FromHash("#/chats/" + kConvA) == Route{Screen::Chat, kConvA});
  CHECK(ToHash({Screen::Conversations, {}}) == "#/chats");
  CHECK(ToHash({Screen::Chat, kConvA}) == "#/chats/" + kConvA);
  CHECK(FromHash("#/chats/../admin").screen == Screen::Landing);
}

TEST_CASE("a reload on a chat lands on it, with its history asked for") {
  Commands boot;
  AppState s = Restored(OwnerMe(), "tok-owner", "#/chats/" + kConvA, &boot);
  CHECK(s.route == Route{Screen::Chat, kConvA});
  bool page = false;
  for (const auto& h : Https(boot)) page |= h.path == "/api/conversations/" + kConvA + "/messages?limit=50";
  CHECK(page);
  CHECK(s.chat.open.id == kConvA);
}

TEST_CASE("editing one's own message: a dialog with its text, a PATCH on save, the answer replaces it") {
  Chat c = StartedChat();
  Message mine = Msg(kConvA, 3, kOwner, "Clicking when I turn the key");
  OpenWithHistory(c, kConvA, {mine});
  c.Do(StartEditingMessage{mine.id});
  REQUIRE(c.s.chat.open.editing_id == mine.id);
  CHECK(c.s.chat.open.edit_draft == "Clicking when I turn the key");

  c.s.chat.open.edit_draft = "  Clicking, then nothing, when I turn the key ";
  auto cmds = c.Do(SaveEditedMessage{});
  auto http = Of<HttpCommand>(cmds);
  REQUIRE(http.size() == 1);
  CHECK(http[0].method == "PATCH");
  CHECK(http[0].path == "/api/messages/" + mine.id);
  CHECK(json::parse(http[0].body) == json{{"content", "Clicking, then nothing, when I turn the key"}});
  CHECK(c.s.chat.open.edit_saving);
  CHECK(Of<HttpCommand>(c.Do(SaveEditedMessage{})).empty());  // one save at a time

  Message edited = mine;
  edited.content = "Clicking, then nothing, when I turn the key";
  edited.edited_at = "2026-03-12T10:07:00.000Z";
  c.Do(HttpDone{Request::EditMessage, 200, json(edited).dump(), mine.id});
  CHECK(c.s.chat.open.editing_id.empty());
  CHECK_FALSE(c.s.chat.open.edit_saving);
  REQUIRE(c.s.chat.open.messages.size() == 1);
  CHECK(c.s.chat.open.messages[0].content == edited.content);
  CHECK(c.s.chat.open.messages[0].edited_at == edited.edited_at);

  // A copy from before the edit (a slow replay) does not undo it.
  c.Frame(MessageFrame(mine));
  CHECK(c.s.chat.open.messages[0].content == edited.content);
}

TEST_CASE("editing: only one's own messages; empty text and a closed window are explained, nothing else changes") {
  Chat c = StartedChat();
  Message theirs = Msg(kConvA, 2, kMechanic, "AED 300");
  Message mine = Msg(kConvA, 3, kOwner, "OK");
  OpenWithHistory(c, kConvA, {mine, theirs});
  c.Do(StartEditingMessage{theirs.id});
  CHECK(c.s.chat.open.editing_id.empty());

  c.Do(StartEditingMessage{mine.id});
  c.s.chat.open.edit_draft = "   ";
  CHECK(Of<HttpCommand>(c.Do(SaveEditedMessage{})).empty());
  CHECK_FALSE(c.s.chat.open.edit_error.empty());

  c.s.chat.open.edit_draft = "OK, see you at 5";
  c.Do(SaveEditedMessage{});
  json refused{{"error", {{"code", "edit_window_closed"}, {"message", "That time has passed."}}}};
  c.Do(HttpDone{Request::EditMessage, 409, refused.dump(), mine.id});
  CHECK(c.s.chat.open.edit_error == "That time has passed.");
  CHECK(c.s.chat.open.editing_id == mine.id);  // the dialog stays, with the reason
  CHECK(c.s.chat.open.messages.back().content == "OK");

  c.Do(CancelEditingMessage{});
  CHECK(c.s.chat.open.editing_id.empty());
  CHECK(c.s.chat.open.edit_error.empty());
}

TEST_CASE("the Edit link shows on one's own stored messages inside the edit window only") {
  Message m = Msg(kConvA, 3, kOwner, "OK", "", "2026-03-12T10:05:00.000Z");
  int64_t sent = 1773309900000;  // 2026-03-12T10:05:00Z
  CHECK(chat::CanEdit(m, kOwner, sent + 60'000));
  CHECK(chat::CanEdit(m, kOwner, sent + (ChatLimits::kEditWindowSeconds - chat::kEditMarginSeconds - 1) * 1000LL));
  CHECK_FALSE(chat::CanEdit(m, kOwner, sent + ChatLimits::kEditWindowSeconds * 1000LL));
  CHECK_FALSE(chat::CanEdit(m, kMechanic, sent + 60'000));
  m.id.clear();
  CHECK_FALSE(chat::CanEdit(m, kOwner, sent + 60'000));
}

TEST_CASE("a message_edited frame replaces the message and the list's preview, and never adds one") {
  Chat c = StartedChat();
  OpenWithHistory(c, kConvA, {Msg(kConvA, 3, kMechanic, "AED 300")});
  Message edited = Msg(kConvA, 3, kMechanic, "AED 250");
  edited.edited_at = "2026-03-12T10:07:00.000Z";
  c.Frame(realtime::MessageEditedFrame(edited));
  REQUIRE(c.s.chat.open.messages.size() == 1);
  CHECK(c.s.chat.open.messages[0].content == "AED 250");
  CHECK(chat::Find(c.s.chat, kConvA)->last_message == "AED 250");

  Message unknown = Msg(kConvA, 9, kMechanic, "not here");
  unknown.edited_at = "2026-03-12T10:08:00.000Z";
  c.Frame(realtime::MessageEditedFrame(unknown));
  CHECK(Seqs(c.s) == std::vector<int64_t>{3});
}

TEST_CASE("a conversation frame adds a new conversation live; engagement reloads the open one unmasked") {
  Chat c = StartedChat();
  c.Frame(realtime::ConversationFrame(ConversationJson(kConvB, 0)));
  CHECK(chat::Find(c.s.chat, kConvB) != nullptr);

  OpenWithHistory(c, kConvA, {Msg(kConvA, 3, kMechanic, "Call me on [phone hidden]")});
  json engaged = ConversationJson(kConvA, 3, 3, 3);
  engaged["engaged_at"] = "2026-03-12T10:09:00.000Z";
  auto cmds = c.Frame(realtime::ConversationFrame(engaged));
  CHECK(chat::Find(c.s.chat, kConvA)->engaged_at == "2026-03-12T10:09:00.000Z");
  auto http = Of<HttpCommand>(cmds);
  REQUIRE(http.size() == 1);
  CHECK(http[0].path.find("/api/conversations/" + kConvA + "/messages") == 0);
  c.Do(HttpDone{Request::Messages, 200,
                json{{"items", json::array({Msg(kConvA, 3, kMechanic, "Call me on 050 123 4567")})}, {"has_more", false}}.dump(),
                kConvA + "|newest"});
  REQUIRE(c.s.chat.open.messages.size() == 1);
  CHECK(c.s.chat.open.messages[0].content == "Call me on 050 123 4567");

  // The same frame again changes nothing more.
  CHECK(Of<HttpCommand>(c.Frame(realtime::ConversationFrame(engaged))).empty());
}
