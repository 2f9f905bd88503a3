// Chat: starting with the session, entering the chat screens, what the user does in a
// conversation, and the REST answers (conversation list, history pages, opening a conversation).
// The WebSocket side is in reduce_chat_link.cpp.
#include <algorithm>
#include <iterator>

#include <nlohmann/json.hpp>

#include "core/json_codecs.hpp"
#include "core/realtime_protocol.hpp"
#include "core/uuid_text.hpp"
#include "core/validation.hpp"
#include "state/chat_model.hpp"
#include "state/reduce.hpp"
#include "state/reduce_chat_internal.hpp"

namespace salik::app {
namespace {

using nlohmann::json;
using namespace chat_detail;

std::string Token(const AppState& s) { return s.session ? s.session->token : ""; }

HttpCommand MessagesPage(const AppState& s, const std::string& id, int64_t before, const char* kind) {
  // A screenful first; then bigger pages, as someone scrolling back is reading a lot.
  int limit = before > 0 ? chat::kOlderPageSize : chat::kPageSize;
  std::string path = "/api/conversations/" + id + "/messages?limit=" + std::to_string(limit);
  if (before > 0) path += "&before=" + std::to_string(before);
  return HttpCommand{Request::Messages, "GET", std::move(path), "", Token(s), id + "|" + kind};
}

void StopTyping(ChatState& c, Commands& out) {
  if (!c.open.typing_sent) return;
  c.open.typing_sent = false;
  SendFrame(c, realtime::TypingClientFrame({c.open.id, false}), out);
}

Commands OnMessagesPage(AppState& s, const HttpDone& done) {
  auto& o = s.chat.open;
  auto bar = done.context.find('|');
  std::string id = done.context.substr(0, bar);
  std::string kind = bar == std::string::npos ? "" : done.context.substr(bar + 1);
  if (id != o.id) return {};  // the user has moved to another conversation
  bool& busy = kind == "older" ? o.older_loading : kind == "gap" ? o.gap_loading : o.loading;
  busy = false;
  Commands out;
  if (done.status != 200) {
    o.error = ErrorFromBody(done.status, done.body);
    return out;
  }
  auto j = json::parse(done.body, nullptr, false);
  if (!j.is_object()) return out;
  o.error.reset();
  if (kind != "gap") {
    if (kind == "newest") o.loaded = true;
    auto more = j.find("has_more");
    o.has_more = more != j.end() && more->is_boolean() && more->get<bool>();
  }
  if (auto items = j.find("items"); items != j.end() && items->is_array())
    for (const auto& item : *items) ApplyMessage(s, item.get<Message>(), out, /*fill_gaps=*/false);
  if (!o.messages.empty() && o.messages.front().seq <= 1) o.has_more = false;
  o.version++;
  FillGap(s, out);
  return out;
}

}  // namespace

Commands SyncChatWithSession(AppState& s) {
  bool chats = s.session && (s.session->user.role == Role::Customer || s.session->user.role == Role::Mechanic);
  std::string user = chats ? s.session->user.id : "";
  auto& c = s.chat;
  if (user == c.user_id) return {};
  Commands out;
  if (!c.user_id.empty()) {
    out.push_back(SocketClose{});
    bool online = c.link.browser_online;
    int tokens = c.next_token;
    c = ChatState{};
    c.link.browser_online = online;
    c.next_token = tokens;  // timers of the last chat may still fire
  }
  c.user_id = user;
  if (user.empty()) return out;
  // Then, on OutboxLoaded, the list; the socket opens once the list is here, so hello's resume
  // covers every conversation in it.
  out.push_back(LoadOutbox{user});
  return out;
}

Commands EnterChatRoute(AppState& s, const Route& to) {
  auto& c = s.chat;
  Commands out;
  if (s.route.screen == Screen::Chat && !(to.screen == Screen::Chat && to.id == c.open.id)) StopTyping(c, out);
  if (to.screen == Screen::Conversations) {
    if (!c.list_loading && !s.booting) {
      c.list_loading = true;
      out.push_back(HttpCommand{Request::Conversations, "GET", "/api/conversations", "", Token(s), ""});
    }
  } else if (to.screen == Screen::Chat) {
    if (c.open.id != to.id) {
      c.open = OpenConversation{};
      c.open.id = to.id;
    }
    c.open.loading = true;
    c.open.error.reset();
    out.push_back(HttpCommand{Request::Conversation, "GET", "/api/conversations/" + to.id, "", Token(s), to.id});
    out.push_back(MessagesPage(s, to.id, 0, "newest"));
  }
  return out;
}

namespace {

// Uploaded: the attachment goes out in the place Send gave it while it uploaded, or waits in the
// composer for Send (held, persisted). Its client_id comes from the media id, so a replayed
// answer queues nothing twice. False when the answer placed nothing (unreadable, or already
// queued): the caller then treats it as failed, so no place in the outbox waits for it forever.
bool AttachmentUploaded(AppState& s, const Attachment& up, const std::string& body, Commands& out) {
  auto& c = s.chat;
  auto j = json::parse(body, nullptr, false);
  if (!j.is_object()) return false;
  Media media;
  try {
    media = j.get<Media>();
  } catch (const json::exception&) {
    return false;
  }
  if (media.id.empty()) return false;
  std::string client_id = "media-" + media.id;
  bool queued = std::any_of(c.outbox.begin(), c.outbox.end(), [&](const OutboxEntry& x) { return x.client_id == client_id; });
  if (queued) return false;
  auto waiting = std::find_if(c.outbox.begin(), c.outbox.end(), [&](const OutboxEntry& e) { return e.upload_id == up.id; });
  if (waiting == c.outbox.end()) {
    c.outbox.push_back(OutboxEntry{});
    waiting = std::prev(c.outbox.end());
    waiting->conversation_id = up.conversation_id;
    waiting->held = true;
  }
  waiting->client_id = std::move(client_id);
  waiting->media_id = media.id;
  waiting->media = std::move(media);
  waiting->upload_id = 0;
  c.revision++;
  out.push_back(Persist(c));
  FlushOutbox(c, out);
  return true;
}

// Failed: it will not go out by itself after all (a Retry brings it back to wait for Send). Its
// place in the outbox goes, so what was sent after it is no longer held up, and the caption it was
// to carry returns to the composer rather than being lost.
Commands AttachmentFailed(AppState& s, const Attachment& up) {
  auto& c = s.chat;
  auto waiting = std::find_if(c.outbox.begin(), c.outbox.end(), [&](const OutboxEntry& e) { return e.upload_id == up.id; });
  if (waiting == c.outbox.end()) return {};
  auto& open = c.open;
  if (!waiting->content.empty() && open.id == up.conversation_id && open.draft.empty()) open.draft = waiting->content;
  c.outbox.erase(waiting);
  c.revision++;
  Commands out;
  FlushOutbox(c, out);
  return out;
}

}  // namespace

Commands ReduceChat(AppState& s, const Action& action) {
  auto& c = s.chat;
  auto& o = c.open;
  if (std::holds_alternative<SocketOpened>(action) || std::holds_alternative<SocketText>(action) ||
      std::holds_alternative<SocketClosed>(action) || std::holds_alternative<NetworkChanged>(action) ||
      std::holds_alternative<TimerFired>(action) || std::holds_alternative<OutboxLoaded>(action) ||
      std::holds_alternative<OutboxTakenElsewhere>(action) || std::holds_alternative<OutboxChangedElsewhere>(action))
    return ReduceChatLink(s, action);
  if (c.user_id.empty()) return {};

  if (auto* start = std::get_if<OpenChatWith>(&action)) {
    if (!c.starting.empty()) return {};
    json body{{"issue_id", start->issue_id}};
    if (!start->mechanic_id.empty()) body["mechanic_id"] = start->mechanic_id;
    c.starting = start->issue_id + ":" + start->mechanic_id;
    c.start_error.reset();
    return {HttpCommand{Request::OpenConversation, "POST", "/api/conversations", body.dump(), Token(s), c.starting}};
  }
  if (std::holds_alternative<ComposerEdited>(action)) {
    Commands out;
    if (o.id.empty()) return out;
    o.composer_error.clear();
    if (Trim(o.draft).empty()) {
      StopTyping(c, out);
      return out;
    }
    if (!o.typing_sent && chat::IsReady(c)) {
      o.typing_sent = true;
      SendFrame(c, realtime::TypingClientFrame({o.id, true}), out);
    }
    c.typing_token = NextToken(c);
    out.push_back(StartTimer{ChatTimer::TypingIdle, c.typing_token, chat::kTypingIdleMs});
    return out;
  }
  // Send: the draft goes out as a message, or as the caption of the attachments waiting in the
  // composer (the first one carries it), or of the first still uploading.
  if (auto* send = std::get_if<SendChatMessage>(&action)) {
    Commands out;
    std::string content = Trim(o.draft);
    if (o.id.empty() || send->client_id.empty()) return out;
    std::vector<OutboxEntry*> held;
    for (auto& e : c.outbox)
      if (e.held && e.conversation_id == o.id) held.push_back(&e);
    std::vector<Attachment*> uploading;
    for (auto& a : s.media_upload.uploads)
      if (a.target == UploadTarget::Conversation && a.conversation_id == o.id && !a.send_when_uploaded &&
          (a.phase == UploadPhase::Waiting || a.phase == UploadPhase::Uploading))
        uploading.push_back(&a);
    if (content.empty() && held.empty() && uploading.empty()) return out;
    if (!content.empty())
      if (auto e = CheckMessageContent(content)) {
        o.composer_error = e->message;
        return out;
      }
    bool had_held = !held.empty();
    if (had_held) {
      held.front()->content = content;
      for (OutboxEntry* e : held) e->held = false;
    }
    held.clear();  // points into the outbox, which grows below
    // Each one still uploading takes its place in the outbox now (the first carries the caption
    // when nothing uploaded did), so what is sent after it waits for it.
    for (Attachment* a : uploading) {
      a->send_when_uploaded = true;
      OutboxEntry waiting;
      waiting.conversation_id = o.id;
      waiting.upload_id = a->id;
      if (!had_held && a == uploading.front()) waiting.content = content;
      c.outbox.push_back(std::move(waiting));
    }
    if (!had_held && uploading.empty()) {
      OutboxEntry entry;
      entry.client_id = send->client_id;
      entry.conversation_id = o.id;
      entry.content = content;
      c.outbox.push_back(std::move(entry));
    }
    o.draft.clear();
    o.composer_error.clear();
    c.revision++;
    out.push_back(Persist(c));
    StopTyping(c, out);
    FlushOutbox(c, out);
    return out;
  }
  // A chat attachment's upload ended (the upload queue updates its row after this).
  if (auto* finished = std::get_if<UploadFinished>(&action)) {
    const auto& uploads = s.media_upload.uploads;
    auto up = std::find_if(uploads.begin(), uploads.end(), [&](const Attachment& a) { return a.id == finished->id; });
    if (up == uploads.end() || up->target != UploadTarget::Conversation || up->phase != UploadPhase::Uploading)
      return {};
    Commands out;
    if (finished->status == 201 && AttachmentUploaded(s, *up, finished->body, out)) return out;
    return AttachmentFailed(s, *up);
  }
  // Removed from the composer: the server is asked to forget the upload too (no message refers
  // to it). If that request fails the file stays there, unused; the composer is clear either way.
  // A waiting attachment removed, or a refused message given up: it leaves the outbox, and the
  // server lets its upload go (a DELETE it answers 404 if the upload is gone already).
  auto forget = [&](auto matches) -> Commands {
    auto entry = std::find_if(c.outbox.begin(), c.outbox.end(), matches);
    if (entry == c.outbox.end()) return {};
    std::string media_id = entry->media_id;
    c.outbox.erase(entry);
    c.revision++;
    Commands out{Persist(c)};
    // The id was read back from localStorage: only an id's shape goes into the path.
    if (LooksLikeUuid(media_id))
      out.push_back(HttpCommand{Request::DeleteMedia, "DELETE", "/api/media/" + media_id, "", Token(s), ""});
    return out;
  };
  if (auto* remove = std::get_if<RemoveHeldAttachment>(&action))
    return forget([&](const OutboxEntry& e) { return e.held && e.client_id == remove->client_id; });
  if (auto* discard = std::get_if<DiscardChatMessage>(&action))
    return forget([&](const OutboxEntry& e) { return !e.error.empty() && e.client_id == discard->client_id; });
  if (auto* retry = std::get_if<RetryChatMessage>(&action)) {
    Commands out;
    for (auto& e : c.outbox)
      if (e.client_id == retry->client_id) {
        e.error.clear();
        e.sent_on = 0;
      }
    c.revision++;
    out.push_back(Persist(c));
    FlushOutbox(c, out);
    return out;
  }
  if (std::holds_alternative<LoadOlderMessages>(action)) {
    if (!o.loaded || !o.has_more || o.older_loading || o.messages.empty()) return {};
    o.older_loading = true;
    return {MessagesPage(s, o.id, o.messages.front().seq, "older")};
  }
  if (auto* saw = std::get_if<ChatSawNewest>(&action)) {
    Conversation* conv = chat::Find(c, o.id);
    if (!conv || !chat::RaiseReadMark(*conv, c.user_id, saw->seq)) return {};
    c.revision++;
    Commands out;
    if (chat::IsReady(c)) SendFrame(c, realtime::ReadClientFrame({o.id, saw->seq}), out);
    else c.unsent_reads[o.id] = saw->seq;
    return out;
  }
  if (auto* edit = std::get_if<StartEditingMessage>(&action)) {
    auto m = std::find_if(o.messages.begin(), o.messages.end(), [&](const Message& x) { return x.id == edit->message_id; });
    if (m == o.messages.end() || m->sender_id != c.user_id) return {};
    o.editing_id = m->id;
    o.edit_draft = m->content;
    o.edit_error.clear();
    o.edit_saving = false;
    c.revision++;
    return {};
  }
  if (std::holds_alternative<CancelEditingMessage>(action)) {
    if (o.editing_id.empty()) return {};
    o.editing_id.clear();
    o.edit_draft.clear();
    o.edit_error.clear();
    o.edit_saving = false;
    c.revision++;
    return {};
  }
  if (std::holds_alternative<SaveEditedMessage>(action)) {
    if (o.editing_id.empty() || o.edit_saving) return {};
    std::string content = Trim(o.edit_draft);
    if (auto e = CheckMessageContent(content)) {
      o.edit_error = e->message;
      c.revision++;
      return {};
    }
    o.edit_saving = true;
    o.edit_error.clear();
    c.revision++;
    return {HttpCommand{Request::EditMessage, "PATCH", "/api/messages/" + o.editing_id, json{{"content", content}}.dump(),
                        Token(s), o.editing_id}};
  }
  if (std::holds_alternative<ShareContactDetails>(action)) {
    if (o.id.empty()) return {};
    return {HttpCommand{Request::Engage, "POST", "/api/conversations/" + o.id + "/engage", "", Token(s), o.id}};
  }

  auto* done = std::get_if<HttpDone>(&action);
  if (!done) return {};
  switch (done->request) {
    case Request::Conversations: {
      c.list_loading = false;
      Commands out;
      if (done->status == 200) {
        auto j = json::parse(done->body, nullptr, false);
        if (j.is_object() && j.contains("items") && j["items"].is_array()) {
          // Upsert, not replace: a frame that came in while the request was out may be newer.
          for (const auto& item : j["items"]) chat::Upsert(c, item.get<Conversation>());
          c.list_loaded = true;
          c.list_error.reset();
        }
      } else {
        c.list_error = ErrorFromBody(done->status, done->body);
      }
      if (c.link.phase == LinkPhase::Off) {
        Commands connect = Connect(c);
        out.insert(out.end(), connect.begin(), connect.end());
      }
      return out;
    }
    case Request::Conversation: {
      std::erase(c.fetching, done->context);
      if (done->status == 200) chat::Upsert(c, json::parse(done->body, nullptr, false).get<Conversation>());
      else if (done->context == o.id) o.error = ErrorFromBody(done->status, done->body);
      return {};
    }
    case Request::Messages: return OnMessagesPage(s, *done);
    case Request::OpenConversation: {
      if (done->context != c.starting) return {};
      c.starting.clear();
      if (done->status != 200 && done->status != 201) {
        c.start_error = ErrorFromBody(done->status, done->body);
        return {};
      }
      auto conv = json::parse(done->body, nullptr, false).get<Conversation>();
      if (conv.id.empty()) return {};
      chat::Upsert(c, conv);
      return EnterRoute(s, {Screen::Chat, conv.id});
    }
    case Request::EditMessage: {
      Commands out;
      bool current = done->context == o.editing_id;
      if (current) o.edit_saving = false;
      if (done->status == 200) {
        ApplyMessage(s, json::parse(done->body, nullptr, false).get<Message>(), out, /*fill_gaps=*/false);
        if (current) {
          o.editing_id.clear();
          o.edit_draft.clear();
          o.edit_error.clear();
        }
      } else if (current) {
        o.edit_error = ErrorFromBody(done->status, done->body).message;
      }
      c.revision++;
      return out;
    }
    case Request::Engage:
      if (done->status == 200) chat::Upsert(c, json::parse(done->body, nullptr, false).get<Conversation>());
      else if (done->context == o.id) o.error = ErrorFromBody(done->status, done->body);
      return {};
    default: return {};
  }
}

}  // namespace salik::app
