// Chat attachments in the app: the attach button's dialog, a file offered in an open conversation
// uploading to POST /api/conversations/{id}/media with progress, failure, Retry and Remove, the
// uploaded media waiting in the composer until Send gives it the draft as its caption, and then
// going out through the outbox as a message with media_id (persisted, resent after a reconnect,
// replaced by the stored message on ack). Reducers: reduce_media_upload*.cpp and
// reduce_chat*.cpp; the outbox's stored form: chat_model.cpp.
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

const std::string kConv = kConvA;
const std::string kMediaId = "e1e2e3e4-0000-4000-8000-00000000beef";

json MediaJson(const std::string& id = kMediaId, const std::string& type = "image") {
  return json{{"id", id}, {"media_type", type}, {"mime", type == "audio" ? "audio/webm" : "image/png"},
              {"url", "/api/media/" + id + "/content?expires=1800000000&sig=ab12"},
              {"duration_seconds", type == "audio" ? json(3.02) : json(nullptr)}, {"file_size", 48213},
              {"label", "dashboard.png"}, {"width", 640}, {"height", 480},
              {"created_at", "2026-03-12T10:06:00.000Z"}, {"owner_id", kOwner}};
}

// A car owner signed in with a ready link and the conversation open (no messages yet).
Chat InConversation(const std::string& stored_outbox = "") {
  Chat c;
  c.s = Restored(OwnerMe(), "tok-owner", "#/chats");
  REQUIRE(c.s.session);
  c.Do(OutboxLoaded{kOwner, stored_outbox});
  c.Do(HttpDone{Request::Conversations, 200, json{{"items", json::array({ConversationJson(kConv)})}}.dump(), "start"});
  c.Do(SocketOpened{c.generation()});
  c.Frame(realtime::WelcomeFrame(kOwner, "2026-03-12T10:00:00.000Z"));
  c.Do(Navigate{{Screen::Chat, kConv}});
  c.Do(HttpDone{Request::Messages, 200, json{{"items", json::array()}, {"has_more", false}}.dump(), kConv + "|newest"});
  REQUIRE(chat::IsReady(c.s.chat));
  return c;
}

ApiError AttachmentError() {
  return BadRequest("invalid_media", "This attachment was removed before it was sent. Attach the file again.", "media_id");
}

FileOffered Png(int handle, const std::string& name = "dashboard.png", double bytes = 48'213) {
  return FileOffered{handle, name, "image/png", bytes, 0, false};
}

const Attachment* ChatUpload(const AppState& s) {
  for (const auto& a : s.media_upload.uploads)
    if (a.target == UploadTarget::Conversation) return &a;
  return nullptr;
}

}  // namespace

TEST_CASE("the chat's attach button opens one dialog for photos, videos and sound", "[app][chat][media]") {
  Chat c = InConversation();
  auto dialogs = Of<OpenFileDialog>(c.Do(PickFiles{MediaType::Image, /*chat=*/true}));
  REQUIRE(dialogs.size() == 1);
  CHECK(dialogs[0].accept.find("image/png") != std::string::npos);
  CHECK(dialogs[0].accept.find("video/mp4") != std::string::npos);
  CHECK(dialogs[0].accept.find("audio/") != std::string::npos);
}

TEST_CASE("a photo offered in a conversation uploads at once, waits for Send, then goes out with its caption",
          "[app][chat][media]") {
  Chat c = InConversation();
  auto uploads = Of<UploadBlob>(c.Do(Png(7)));
  REQUIRE(uploads.size() == 1);
  CHECK(uploads[0].handle == 7);
  CHECK(uploads[0].path == "/api/conversations/" + kConv + "/media?label=dashboard.png");
  CHECK(uploads[0].token == "tok-owner");
  const Attachment* a = ChatUpload(c.s);
  REQUIRE(a);
  CHECK(a->phase == UploadPhase::Uploading);
  CHECK(c.s.media_upload.draft.empty());  // not the wizard's
  CHECK(c.s.chat.outbox.empty());         // nothing to send before the server has the file

  c.Do(UploadProgress{uploads[0].id, 20'000});
  CHECK(ChatUpload(c.s)->sent == 20'000);

  Commands done = c.Do(UploadFinished{uploads[0].id, 201, MediaJson().dump()});
  CHECK(ChatUpload(c.s) == nullptr);  // its upload row goes: it waits in the composer now
  REQUIRE(Of<ReleaseBlob>(done).size() == 1);
  CHECK(Of<ReleaseBlob>(done)[0].handle == 7);
  REQUIRE(c.s.chat.outbox.size() == 1);
  const OutboxEntry& e = c.s.chat.outbox[0];
  CHECK(e.held);
  CHECK(e.conversation_id == kConv);
  CHECK(e.media_id == kMediaId);
  REQUIRE(e.media);
  CHECK(e.media->label == "dashboard.png");
  CHECK(SentOfType(done, "send").empty());  // not before Send
  CHECK(chat::PendingFor(c.s.chat, kConv).empty());  // no bubble yet
  CHECK(chat::HeldFor(c.s.chat, kConv).size() == 1);
  auto stored = Of<StoreOutbox>(done);
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].json.find(kMediaId) != std::string::npos);  // a reload keeps it

  // Send: the draft is its caption, one message.
  c.s.chat.open.draft = "  The belt after 2 km  ";
  Commands sent = c.Do(SendChatMessage{"c-caption"});
  CHECK_FALSE(e.held);
  CHECK(e.content == "The belt after 2 km");
  CHECK(c.s.chat.outbox.size() == 1);  // no separate text message
  CHECK(c.s.chat.open.draft.empty());
  auto sends = SentOfType(sent, "send");
  REQUIRE(sends.size() == 1);
  CHECK(sends[0]["media_id"] == kMediaId);
  CHECK(sends[0]["content"] == "The belt after 2 km");
  CHECK(sends[0]["conversation_id"] == kConv);
  CHECK(sends[0]["client_id"] == e.client_id);
  CHECK(chat::PendingFor(c.s.chat, kConv).size() == 1);

  // The ack brings the stored message with its media: the outbox empties, the message shows it.
  Message m;
  m.id = "m1";
  m.conversation_id = kConv;
  m.seq = 1;
  m.sender_id = kOwner;
  m.client_id = e.client_id;
  m.message_type = "image";
  m.created_at = "2026-03-12T10:06:01.000Z";
  m.media = MediaJson().get<Media>();
  c.Frame(realtime::AckFrame(m.client_id, m));
  CHECK(c.s.chat.outbox.empty());
  REQUIRE(c.s.chat.open.messages.size() == 1);
  REQUIRE(c.s.chat.open.messages[0].media);
  CHECK(c.s.chat.open.messages[0].media->id == kMediaId);
  CHECK(chat::Find(c.s.chat, kConv)->last_message == "Photo");  // the list says what was sent
}

TEST_CASE("a refused chat upload says why, and can be retried or removed; nothing is sent", "[app][chat][media]") {
  Chat c = InConversation();
  int id = Of<UploadBlob>(c.Do(Png(9)))[0].id;
  c.Do(UploadFinished{id, 413, ErrorJson("too_large", "Photos may be at most 5 MB.")});
  const Attachment* a = ChatUpload(c.s);
  REQUIRE(a);
  CHECK(a->phase == UploadPhase::Failed);
  CHECK(a->error == "Photos may be at most 5 MB.");
  CHECK(c.s.chat.outbox.empty());

  auto again = Of<UploadBlob>(c.Do(RetryUpload{id}));
  REQUIRE(again.size() == 1);
  CHECK(again[0].handle == 9);
  CHECK(ChatUpload(c.s)->phase == UploadPhase::Uploading);
  c.Do(UploadFinished{id, 0, ""});  // the network failed this time
  CHECK(ChatUpload(c.s)->phase == UploadPhase::Failed);

  auto released = Of<ReleaseBlob>(c.Do(RemoveAttachment{id}));
  REQUIRE(released.size() == 1);
  CHECK(released[0].handle == 9);
  CHECK(ChatUpload(c.s) == nullptr);
  CHECK(c.s.chat.outbox.empty());
}

TEST_CASE("a file the server does not take is refused before uploading", "[app][chat][media]") {
  Chat c = InConversation();
  Commands cmds = c.Do(FileOffered{4, "invoice.pdf", "application/pdf", 20'000, 0, false});
  CHECK(Of<UploadBlob>(cmds).empty());
  REQUIRE(Of<ReleaseBlob>(cmds).size() == 1);
  CHECK(ChatUpload(c.s) == nullptr);
  CHECK(c.s.media_upload.refusal.find("invoice.pdf") != std::string::npos);

  // Too big for a photo: refused here too, with the limit.
  cmds = c.Do(Png(5, "huge.png", 6.0 * 1024 * 1024));
  CHECK(Of<UploadBlob>(cmds).empty());
  CHECK(ChatUpload(c.s) == nullptr);
  CHECK_FALSE(c.s.media_upload.refusal.empty());
}

TEST_CASE("a file offered outside a conversation does not upload to a chat", "[app][chat][media]") {
  Chat c = InConversation();
  c.Do(Navigate{{Screen::Conversations, {}}});
  Commands cmds = c.Do(Png(6));
  CHECK(Of<UploadBlob>(cmds).empty());
  CHECK(Of<ReleaseBlob>(cmds).size() == 1);
  CHECK(ChatUpload(c.s) == nullptr);
}

TEST_CASE("an unsent attachment message survives a reload and is resent with its media_id", "[app][chat][media]") {
  Chat c = InConversation();
  int id = Of<UploadBlob>(c.Do(Png(3)))[0].id;
  c.Do(SendChatMessage{"c-1"});  // while it uploads: it goes out as soon as it is uploaded
  REQUIRE(ChatUpload(c.s));
  CHECK(ChatUpload(c.s)->send_when_uploaded);
  Commands done = c.Do(UploadFinished{id, 201, MediaJson(kMediaId, "audio").dump()});
  CHECK(SentOfType(done, "send").size() == 1);
  std::string stored = Of<StoreOutbox>(done).at(0).json;

  auto restored = chat::OutboxFromJson(stored);
  REQUIRE(restored.size() == 1);
  CHECK(restored[0].media_id == kMediaId);
  REQUIRE(restored[0].media);
  CHECK(restored[0].media->media_type == MediaType::Audio);
  REQUIRE(restored[0].media->duration_seconds);
  CHECK(*restored[0].media->duration_seconds == Approx(3.02));

  // A new tab with that outbox: once the link is ready the entry goes out again, same client_id.
  Chat reloaded = InConversation(stored);
  REQUIRE(reloaded.s.chat.outbox.size() == 1);
  CHECK(reloaded.s.chat.outbox[0].client_id == c.s.chat.outbox[0].client_id);
  // It went out on the welcome; a reconnect sends it again, still with its media.
  reloaded.Do(SocketClosed{reloaded.generation(), 1006, 0.5});
  reloaded.Do(TimerFired{ChatTimer::Reconnect, reloaded.s.chat.reconnect_token});
  reloaded.Do(SocketOpened{reloaded.generation()});
  auto sends = SentOfType(reloaded.Frame(realtime::WelcomeFrame(kOwner, "2026-03-12T10:10:00.000Z")), "send");
  REQUIRE(sends.size() == 1);
  CHECK(sends[0]["media_id"] == kMediaId);
}

// A tab whose uploaded photo waits for Send; its outbox written to `storage` when given.
Chat TabHoldingPhoto(std::string* storage = nullptr) {
  Chat tab = InConversation();
  int id = Of<UploadBlob>(tab.Do(Png(4)))[0].id;
  Commands done = tab.Do(UploadFinished{id, 201, MediaJson().dump()});
  if (storage) ApplyStores(*storage, done);
  return tab;
}

TEST_CASE("a message refused as invalid_media keeps its attachment for Retry", "[app][chat][media]") {
  Chat c = TabHoldingPhoto();
  c.Do(SendChatMessage{"c-1"});
  std::string client_id = c.s.chat.outbox.at(0).client_id;
  c.Frame(realtime::ErrorFrame(BadRequest("invalid_media", "That attachment is not in this conversation."), client_id));
  REQUIRE(c.s.chat.outbox.size() == 1);
  CHECK_FALSE(c.s.chat.outbox[0].error.empty());
  auto sends = SentOfType(c.Do(RetryChatMessage{client_id}), "send");
  REQUIRE(sends.size() == 1);
  CHECK(sends[0]["media_id"] == kMediaId);

  // Outbox entries without text or media are not well-formed: dropped when read back.
  CHECK(chat::OutboxFromJson(R"([{"client_id":"x","conversation_id":"c","content":""}])").empty());
}

TEST_CASE("a refused message can be deleted: it leaves the outbox, and its upload the server", "[app][chat][media]") {
  Chat c = TabHoldingPhoto();
  c.Do(SendChatMessage{"c-1"});
  std::string with_photo = c.s.chat.outbox.at(0).client_id;
  c.s.chat.open.draft = "And a text";
  c.Do(SendChatMessage{"c-2"});
  std::string text = c.s.chat.outbox.at(1).client_id;
  // Still waiting for the server: nothing to delete.
  CHECK(c.Do(DiscardChatMessage{with_photo}).empty());
  CHECK(c.s.chat.outbox.size() == 2);

  c.Frame(realtime::ErrorFrame(AttachmentError(), with_photo));
  c.Frame(realtime::ErrorFrame(BadRequest("content_too_long", "That message is too long."), text));
  Commands gone = c.Do(DiscardChatMessage{with_photo});
  REQUIRE(c.s.chat.outbox.size() == 1);
  CHECK(c.s.chat.outbox[0].client_id == text);
  REQUIRE(Of<StoreOutbox>(gone).size() == 1);
  CHECK(chat::OutboxFromJson(Of<StoreOutbox>(gone)[0].json).size() == 1);
  auto forget = Of<HttpCommand>(gone);
  REQUIRE(forget.size() == 1);
  CHECK(forget[0].method == "DELETE");
  CHECK(forget[0].path == "/api/media/" + kMediaId);
  CHECK(SentOfType(gone, "send").empty());

  Commands text_gone = c.Do(DiscardChatMessage{text});  // a text asks the server for nothing
  CHECK(c.s.chat.outbox.empty());
  CHECK(Of<HttpCommand>(text_gone).empty());
  CHECK(Of<StoreOutbox>(text_gone).at(0).json.empty());
  CHECK(c.Do(DiscardChatMessage{text}).empty());  // once
}

TEST_CASE("an attachment waiting for Send survives a reload held, and can be removed", "[app][chat][media]") {
  Chat c = InConversation();
  int id = Of<UploadBlob>(c.Do(Png(4)))[0].id;
  Commands done = c.Do(UploadFinished{id, 201, MediaJson().dump()});
  std::string stored = Of<StoreOutbox>(done).at(0).json;

  // A new tab: still waiting in the composer, and the welcome sends nothing.
  Chat reloaded = InConversation(stored);
  REQUIRE(reloaded.s.chat.outbox.size() == 1);
  CHECK(reloaded.s.chat.outbox[0].held);
  reloaded.Do(SocketClosed{reloaded.generation(), 1006, 0.5});
  reloaded.Do(TimerFired{ChatTimer::Reconnect, reloaded.s.chat.reconnect_token});
  reloaded.Do(SocketOpened{reloaded.generation()});
  CHECK(SentOfType(reloaded.Frame(realtime::WelcomeFrame(kOwner, "2026-03-12T10:10:00.000Z")), "send").empty());

  // Removed: gone from the outbox and from what is stored, and the server forgets the upload.
  Commands removed = reloaded.Do(RemoveHeldAttachment{reloaded.s.chat.outbox[0].client_id});
  CHECK(reloaded.s.chat.outbox.empty());
  REQUIRE(Of<StoreOutbox>(removed).size() == 1);
  CHECK(Of<StoreOutbox>(removed)[0].json.empty());
  auto forget = Of<HttpCommand>(removed);
  REQUIRE(forget.size() == 1);
  CHECK(forget[0].method == "DELETE");
  CHECK(forget[0].path == "/api/media/" + kMediaId);
  CHECK(forget[0].token == "tok-owner");
  CHECK(reloaded.Do(RemoveHeldAttachment{"media-" + kMediaId}).empty());  // once
}

TEST_CASE("Send gives the caption to the first of several attachments; text alone still goes as before",
          "[app][chat][media]") {
  Chat c = InConversation();
  int first = Of<UploadBlob>(c.Do(Png(5, "front.png")))[0].id;
  c.Do(Png(6, "rear.png"));  // waits behind the first upload
  c.Do(UploadFinished{first, 201, MediaJson(kMediaId).dump()});
  REQUIRE(chat::HeldFor(c.s.chat, kConv).size() == 1);

  c.s.chat.open.draft = "Both sides";
  Commands sent = c.Do(SendChatMessage{"c-2"});
  auto sends = SentOfType(sent, "send");
  REQUIRE(sends.size() == 1);  // the uploaded one, with the caption
  CHECK(sends[0]["content"] == "Both sides");
  const Attachment* rear = ChatUpload(c.s);
  REQUIRE(rear);
  CHECK(rear->send_when_uploaded);  // goes out once uploaded, without a caption
  REQUIRE(c.s.chat.outbox.size() == 2);
  CHECK(c.s.chat.outbox[1].upload_id == rear->id);
  CHECK(c.s.chat.outbox[1].content.empty());

  // The rear one uploads: it goes out, and then nothing waits.
  int rear_id = rear->id;
  auto rear_sends = SentOfType(c.Do(UploadFinished{rear_id, 201, MediaJson("f1f2f3f4-0000-4000-8000-00000000cafe").dump()}), "send");
  REQUIRE(rear_sends.size() == 1);
  CHECK(rear_sends[0]["content"] == "");

  // Nothing waiting: the draft is a text message, as before.
  c.s.chat.open.draft = "Any news?";
  auto text = SentOfType(c.Do(SendChatMessage{"c-3"}), "send");
  REQUIRE(text.size() == 1);
  CHECK(text[0]["content"] == "Any news?");
  CHECK(text[0].find("media_id") == text[0].end());

  // Nothing to send at all: nothing happens.
  CHECK(c.Do(SendChatMessage{"c-4"}).empty());
}

TEST_CASE("a caption given while its attachment uploads goes out with it; if the upload fails it comes back",
          "[app][chat][media]") {
  Chat c = InConversation();
  int id = Of<UploadBlob>(c.Do(Png(8)))[0].id;
  c.s.chat.open.draft = "Oil on the block";
  CHECK(c.Do(SendChatMessage{"c-5"}).size() > 0);
  CHECK(c.s.chat.open.draft.empty());
  // Nothing to send before the server has the file: its place in the outbox waits, neither drawn
  // nor stored.
  REQUIRE(c.s.chat.outbox.size() == 1);
  CHECK(chat::PendingFor(c.s.chat, kConv).empty());
  CHECK(chat::OutboxToJson(c.s.chat.outbox) == "[]");
  CHECK(chat::CaptionWaitingFor(c.s.chat, id) == "Oil on the block");  // the upload row shows it
  auto sends = SentOfType(c.Do(UploadFinished{id, 201, MediaJson().dump()}), "send");
  CHECK(chat::CaptionWaitingFor(c.s.chat, id).empty());
  REQUIRE(sends.size() == 1);
  CHECK(sends[0]["media_id"] == kMediaId);
  CHECK(sends[0]["content"] == "Oil on the block");

  // Another one, marked to go with a caption, fails: it waits for the user again, the caption is
  // back in the composer, and a Retry that succeeds holds it for Send rather than sending it.
  int second = Of<UploadBlob>(c.Do(Png(9, "under.png")))[0].id;
  c.s.chat.open.draft = "And underneath";
  c.Do(SendChatMessage{"c-6"});
  c.Do(UploadFinished{second, 0, ""});  // the network failed
  CHECK(chat::CaptionWaitingFor(c.s.chat, second).empty());
  const Attachment* failed = ChatUpload(c.s);
  REQUIRE(failed);
  CHECK(failed->phase == UploadPhase::Failed);
  CHECK_FALSE(failed->send_when_uploaded);
  CHECK(c.s.chat.open.draft == "And underneath");
  c.Do(RetryUpload{second});
  Commands done = c.Do(UploadFinished{second, 201, MediaJson("f1f2f3f4-0000-4000-8000-00000000cafe").dump()});
  CHECK(SentOfType(done, "send").empty());
  CHECK(chat::HeldFor(c.s.chat, kConv).size() == 1);
}

TEST_CASE("what is sent after an attachment that still uploads waits for it, so the order holds",
          "[app][chat][media]") {
  Chat c = InConversation();
  int photo = Of<UploadBlob>(c.Do(Png(10, "bay.png")))[0].id;
  c.s.chat.open.draft = "The bay";
  c.Do(SendChatMessage{"c-7"});  // marked to go with its caption

  // Two texts while it uploads: drawn as pending, not sent yet.
  c.s.chat.open.draft = "Is that oil?";
  CHECK(SentOfType(c.Do(SendChatMessage{"c-8"}), "send").empty());
  c.s.chat.open.draft = "It drips when warm";
  CHECK(SentOfType(c.Do(SendChatMessage{"c-9"}), "send").empty());
  CHECK(chat::PendingFor(c.s.chat, kConv).size() == 2);

  // The texts are stored for a reload; the waiting photo is not (its upload would not survive).
  auto stored = chat::OutboxFromJson(chat::OutboxToJson(c.s.chat.outbox));
  REQUIRE(stored.size() == 2);
  CHECK(stored[0].client_id == "c-8");

  // Uploaded: the photo with its caption, then the texts, in the order Send was pressed.
  auto sends = SentOfType(c.Do(UploadFinished{photo, 201, MediaJson().dump()}), "send");
  REQUIRE(sends.size() == 3);
  CHECK(sends[0]["media_id"] == kMediaId);
  CHECK(sends[0]["content"] == "The bay");
  CHECK(sends[1]["client_id"] == "c-8");
  CHECK(sends[2]["client_id"] == "c-9");

  // Another conversation's outbox does not wait for this one's upload.
  int second = Of<UploadBlob>(c.Do(Png(11, "hose.png")))[0].id;
  c.Do(SendChatMessage{"c-10"});
  OutboxEntry elsewhere;
  elsewhere.client_id = "c-11";
  elsewhere.conversation_id = "another-conversation";
  elsewhere.content = "Hello";
  c.s.chat.outbox.push_back(elsewhere);
  c.s.chat.open.draft = "After the hose";
  auto now = SentOfType(c.Do(SendChatMessage{"c-12"}), "send");
  REQUIRE(now.size() == 1);
  CHECK(now[0]["client_id"] == "c-11");

  // The upload fails: the text behind it is no longer held up.
  auto released = SentOfType(c.Do(UploadFinished{second, 0, ""}), "send");
  REQUIRE(released.size() == 1);
  CHECK(released[0]["client_id"] == "c-12");
  // Nothing is acked in this test: the photo, the two texts, the other conversation's and the last.
  CHECK(c.s.chat.outbox.size() == 5);
}

TEST_CASE("an upload answered with an unreadable body holds nothing up: later texts go, the caption comes back",
          "[app][chat][media]") {
  Chat c = InConversation();
  int photo = Of<UploadBlob>(c.Do(Png(12, "belt.png")))[0].id;
  c.s.chat.open.draft = "The belt";
  c.Do(SendChatMessage{"c-13"});
  c.s.chat.open.draft = "Squeals when cold";
  CHECK(SentOfType(c.Do(SendChatMessage{"c-14"}), "send").empty());

  c.s.chat.open.draft.clear();
  auto sends = SentOfType(c.Do(UploadFinished{photo, 201, "not json"}), "send");
  REQUIRE(sends.size() == 1);
  CHECK(sends[0]["client_id"] == "c-14");
  CHECK(c.s.chat.open.draft == "The belt");
  REQUIRE(c.s.chat.outbox.size() == 1);  // only the text, waiting for its ack
  CHECK(c.s.chat.outbox[0].upload_id == 0);
}

TEST_CASE("removing a waiting attachment whose stored id is not an id asks the server for nothing", "[app][chat][media]") {
  // localStorage is the user's to edit: a media id that would change the request's path is not sent.
  std::string tampered = R"([{"client_id":"media-x","conversation_id":")" + kConv +
                         R"(","content":"","media_id":"../issues/1","held":true}])";
  Chat c = InConversation(tampered);
  REQUIRE(chat::HeldFor(c.s.chat, kConv).size() == 1);
  Commands removed = c.Do(RemoveHeldAttachment{"media-x"});
  CHECK(c.s.chat.outbox.empty());
  CHECK(Of<HttpCommand>(removed).empty());
}

TEST_CASE("an attachment held in two tabs and removed in one does not come back with the other's next write",
          "[app][chat][media]") {
  std::string storage;
  Chat first = TabHoldingPhoto(&storage);
  const std::string removed_id = first.s.chat.outbox.at(0).client_id;
  Chat second = InConversation(storage);  // opened meanwhile: it holds the same attachment
  REQUIRE(chat::HeldFor(second.s.chat, kConv).size() == 1);

  CHECK(ApplyStores(storage, first.Do(RemoveHeldAttachment{removed_id})).empty());
  CHECK(storage.empty());

  // The second tab writes next (another photo uploaded there): the removed attachment stays out
  // of storage, and the tab, told so, drops its copy from the composer.
  int other = Of<UploadBlob>(second.Do(Png(5, "belt.png")))[0].id;
  const std::string kept_media = "f1f2f3f4-0000-4000-8000-00000000beef";
  auto taken = ApplyStores(storage, second.Do(UploadFinished{other, 201, MediaJson(kept_media).dump()}));
  CHECK(taken == std::vector<std::string>{removed_id});
  auto stored = chat::OutboxFromJson(storage);
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].media_id == kept_media);
  second.Do(OutboxTakenElsewhere{kOwner, taken});
  auto held = chat::HeldFor(second.s.chat, kConv);
  REQUIRE(held.size() == 1);
  CHECK(held[0]->media_id == kept_media);
  // Another user's notice changes nothing.
  second.Do(OutboxTakenElsewhere{"someone-else", {held[0]->client_id}});
  CHECK(chat::HeldFor(second.s.chat, kConv).size() == 1);
}

TEST_CASE("a photo captioned and sent in one tab takes that form in the other tab at its next write",
          "[app][chat][media]") {
  std::string storage;
  Chat first = TabHoldingPhoto(&storage);
  const std::string photo_id = first.s.chat.outbox.at(0).client_id;
  Chat second = InConversation(storage);  // holds the same photo
  REQUIRE(chat::HeldFor(second.s.chat, kConv).size() == 1);

  // The first tab, offline, gives it a caption and sends it: stored with the caption.
  first.Do(NetworkChanged{false});
  first.s.chat.open.draft = "Under the car";
  ApplyStores(storage, first.Do(SendChatMessage{"c-1"}));
  REQUIRE(chat::OutboxFromJson(storage).at(0).content == "Under the car");

  // The second tab writes for another reason (another photo): its stale copy does not undo the
  // caption, and the tab, told so, takes the stored form: no longer waiting in its composer.
  int other = Of<UploadBlob>(second.Do(Png(5, "belt.png")))[0].id;
  std::vector<OutboxEntry> changed;
  CHECK(ApplyStores(storage, second.Do(UploadFinished{other, 201, MediaJson("f1f2f3f4-0000-4000-8000-00000000beef").dump()}),
                    &changed).empty());
  auto stored = chat::OutboxFromJson(storage);
  REQUIRE(stored.size() == 2);
  CHECK(stored[0].content == "Under the car");
  CHECK_FALSE(stored[0].held);
  REQUIRE(changed.size() == 1);
  CHECK(changed[0].client_id == photo_id);
  Commands sent = second.Do(OutboxChangedElsewhere{kOwner, changed});
  auto held = chat::HeldFor(second.s.chat, kConv);
  REQUIRE(held.size() == 1);  // the other photo only
  CHECK(held[0]->client_id != photo_id);
  auto pending = chat::PendingFor(second.s.chat, kConv);
  REQUIRE(pending.size() == 1);
  CHECK(pending[0]->content == "Under the car");
  // Online, this tab sends it too: the same client_id, so the server stores it once.
  auto frames = SentOfType(sent, "send");
  REQUIRE(frames.size() == 1);
  CHECK(frames[0]["client_id"] == photo_id);
  // Its next write keeps that form.
  CHECK(ApplyStores(storage, second.Do(ComposerEdited{})).empty());
}

TEST_CASE("a caption sent in one tab with an attachment another tab removed is kept, and the server decides",
          "[app][chat][media]") {
  std::string storage;
  Chat first = TabHoldingPhoto(&storage);
  const std::string client_id = first.s.chat.outbox.at(0).client_id;
  Chat second = InConversation(storage);
  ApplyStores(storage, first.Do(RemoveHeldAttachment{client_id}));

  // The second tab, offline, sends it with a caption before it hears of the removal: the typed
  // caption must not vanish with the stale attachment, so it is stored, not reported as taken.
  second.Do(NetworkChanged{false});
  second.s.chat.open.draft = "Is it the belt?";
  CHECK(ApplyStores(storage, second.Do(SendChatMessage{"c-9"})).empty());
  CHECK(chat::OutboxFromJson(storage).size() == 1);
  second.Do(OutboxTakenElsewhere{kOwner, {client_id}});  // even told so, a sent entry stays
  REQUIRE(second.s.chat.outbox.size() == 1);
  CHECK(second.s.chat.outbox[0].content == "Is it the belt?");
  CHECK_FALSE(second.s.chat.outbox[0].held);

  // Back online it goes out; the server refuses the removed attachment and the message says why,
  // with the caption still there to copy.
  second.Do(NetworkChanged{true});
  second.Do(SocketOpened{second.generation()});
  auto sends = SentOfType(second.Welcome(), "send");
  REQUIRE(sends.size() == 1);
  CHECK(sends[0]["client_id"] == client_id);
  ApplyStores(storage, second.Frame(realtime::ErrorFrame(
                           {400, "invalid_media", "This attachment is no longer available. Attach the file again.", "media_id"}, client_id)));
  REQUIRE(second.s.chat.outbox.size() == 1);
  CHECK(second.s.chat.outbox[0].error == "This attachment is no longer available. Attach the file again.");
  CHECK(chat::OutboxFromJson(storage).size() == 1);  // written back: a reload keeps it
}
