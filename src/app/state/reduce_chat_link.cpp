// The realtime link: connecting and greeting, server frames, reconnecting with backoff, the
// heartbeat, the network going and coming back, and the outbox that rides on it.
//
// Guarantees, and where they come from:
// - nothing lost: every sent message stays in the outbox (and localStorage) until its ack, and is
//   resent after each welcome; hello's resume asks for every message after the last seq seen;
//   a hole in the open conversation's seqs is filled from the REST history (FillGap).
// - nothing twice: a resend keeps its client_id (the server stores it once); messages are kept by
//   seq, so a replay, an ack and a broadcast of the same message merge into one.
// - in order: the outbox goes out in the order Send was pressed, an attachment still uploading
//   included (its entry waits in place, and so does what was sent after it).
#include <nlohmann/json.hpp>

#include <set>
#include <string_view>

#include "core/realtime_protocol.hpp"
#include "state/chat_model.hpp"
#include "state/reduce.hpp"
#include "state/reduce_chat_internal.hpp"

namespace salik::app {
namespace chat_detail {

int NextToken(ChatState& c) { return ++c.next_token; }

Commands Connect(ChatState& c) {
  c.link.generation++;
  c.link.awaiting_pong = false;
  if (!c.link.browser_online) {
    c.link.phase = LinkPhase::Offline;
    return {};
  }
  c.link.phase = LinkPhase::Connecting;
  return {SocketConnect{c.link.generation}};
}

void SendFrame(const ChatState& c, std::string text, Commands& out) {
  if (c.link.phase == LinkPhase::Ready) out.push_back(SocketSend{c.link.generation, std::move(text)});
}

StoreOutbox Persist(ChatState& c) {
  StoreOutbox out{c.user_id, chat::OutboxToJson(c.outbox), {}, c.outbox_stored};
  if (out.json == "[]") out.json.clear();  // nothing stored (or only entries waiting for their upload)
  std::map<std::string, std::string> now;
  for (const auto& e : c.outbox)
    if (e.upload_id == 0) now.emplace(e.client_id, chat::OutboxEntryJson(e));
  for (const auto& [id, entry] : c.outbox_stored)
    if (!now.count(id)) out.dropped.push_back(id);
  c.outbox_stored = std::move(now);
  return out;
}

void FlushOutbox(ChatState& c, Commands& out) {
  if (!chat::IsReady(c)) return;
  std::set<std::string_view> behind_upload;  // conversations whose next message is still uploading
  for (auto& e : c.outbox) {
    if (e.upload_id != 0) behind_upload.insert(e.conversation_id);
    if (e.upload_id != 0 || behind_upload.count(e.conversation_id)) continue;
    if (e.held || !e.error.empty() || e.sent_on == c.link.generation) continue;
    e.sent_on = c.link.generation;
    SendFrame(c, realtime::SendFrame({e.conversation_id, e.client_id, e.content, e.media_id}), out);
  }
}

void FillGap(AppState& s, Commands& out) {
  auto& o = s.chat.open;
  if (!o.loaded || o.gap_loading || !s.session) return;
  auto gap = chat::NewestGap(o.messages);
  if (!gap) return;
  o.gap_loading = true;
  out.push_back(HttpCommand{Request::Messages, "GET",
                            "/api/conversations/" + o.id + "/messages?before=" + std::to_string(gap->before) +
                                "&limit=" + std::to_string(gap->count),
                            "", s.session->token, o.id + "|gap"});
}

void ApplyMessage(AppState& s, const Message& m, Commands& out, bool fill_gaps) {
  auto& c = s.chat;
  if (m.conversation_id.empty() || m.seq <= 0) return;
  int64_t& seen = c.seen_seq[m.conversation_id];
  seen = std::max(seen, m.seq);
  c.revision++;

  if (m.sender_id == c.user_id && !m.client_id.empty()) {
    auto& box = c.outbox;
    auto before = box.size();
    box.erase(std::remove_if(box.begin(), box.end(), [&](const OutboxEntry& e) { return e.client_id == m.client_id; }),
              box.end());
    if (box.size() != before) out.push_back(Persist(c));
  }
  if (m.sender_id != c.user_id) c.peer_typing.erase(m.conversation_id);  // their message ends their typing

  if (Conversation* conv = chat::Find(c, m.conversation_id)) {
    if (m.seq >= conv->last_seq) {
      conv->last_seq = m.seq;
      conv->last_message = MessagePreview(m.content, m.message_type);
      conv->last_message_at = m.created_at;
      chat::SortByActivity(c.conversations);
      conv = chat::Find(c, m.conversation_id);
    }
    // The server moves a sender's own read mark as it stores their message.
    if (m.sender_id == c.user_id) chat::RaiseReadMark(*conv, c.user_id, m.seq);
  } else if (s.session && std::find(c.fetching.begin(), c.fetching.end(), m.conversation_id) == c.fetching.end()) {
    // A conversation the list does not have yet (the other party just opened it).
    c.fetching.push_back(m.conversation_id);
    out.push_back(HttpCommand{Request::Conversation, "GET", "/api/conversations/" + m.conversation_id, "",
                              s.session->token, m.conversation_id});
  }

  auto& o = c.open;
  if (o.id == m.conversation_id && chat::MergeMessage(o.messages, m)) {
    o.version++;
    if (fill_gaps) FillGap(s, out);
  }
}

void ApplyEdit(AppState& s, const Message& m) {
  auto& c = s.chat;
  if (m.conversation_id.empty() || m.seq <= 0) return;
  if (Conversation* conv = chat::Find(c, m.conversation_id); conv && conv->last_seq == m.seq) {
    conv->last_message = MessagePreview(m.content, m.message_type);
    c.revision++;
  }
  auto& o = c.open;
  if (o.id != m.conversation_id) return;
  bool shown = std::any_of(o.messages.begin(), o.messages.end(), [&](const Message& x) { return x.seq == m.seq; });
  if (shown && chat::MergeMessage(o.messages, m)) {
    o.version++;
    c.revision++;
  }
}

void ApplyConversation(AppState& s, const Conversation& conv, Commands& out) {
  auto& c = s.chat;
  if (conv.id.empty()) return;
  const Conversation* before = chat::Find(c, conv.id);
  bool unmasked_now = (!before || before->engaged_at.empty()) && !conv.engaged_at.empty();
  chat::Upsert(c, conv);
  c.revision++;
  // Engagement unmasks contact details in messages already on screen: load them again.
  auto& o = c.open;
  if (unmasked_now && o.id == conv.id && o.loaded && s.session) {
    o.messages.clear();
    o.loaded = false;
    o.loading = true;
    o.has_more = false;
    o.version++;
    out.push_back(HttpCommand{Request::Messages, "GET",
                              "/api/conversations/" + o.id + "/messages?limit=" + std::to_string(chat::kPageSize), "",
                              s.session->token, o.id + "|newest"});
  }
}

}  // namespace chat_detail

namespace {

using namespace chat_detail;

void ScheduleReconnect(ChatState& c, double jitter, Commands& out) {
  bool was_ready = c.link.phase == LinkPhase::Ready;
  c.open.typing_sent = false;  // the server forgot it with the connection
  c.peer_typing.clear();
  if (!c.link.browser_online) {
    c.link.phase = LinkPhase::Offline;
  } else {
    c.link.failures++;
    c.link.retry_ms = chat::BackoffMs(c.link.failures, jitter);
    c.link.phase = LinkPhase::Waiting;
    c.reconnect_token = NextToken(c);
    out.push_back(StartTimer{ChatTimer::Reconnect, c.reconnect_token, c.link.retry_ms});
  }
  if (was_ready) c.revision++;
}

Commands OnWelcome(AppState& s) {
  auto& c = s.chat;
  Commands out;
  c.link.phase = LinkPhase::Ready;
  c.link.failures = 0;
  c.error.reset();
  c.revision++;
  FlushOutbox(c, out);
  for (const auto& [id, seq] : c.unsent_reads) SendFrame(c, realtime::ReadClientFrame({id, seq}), out);
  c.unsent_reads.clear();
  if (c.open.typing_sent) SendFrame(c, realtime::TypingClientFrame({c.open.id, true}), out);
  c.heartbeat_token = NextToken(c);
  out.push_back(StartTimer{ChatTimer::Heartbeat, c.heartbeat_token, chat::kHeartbeatMs});
  if (!c.list_loaded && !c.list_loading && s.session) {
    c.list_loading = true;
    out.push_back(HttpCommand{Request::Conversations, "GET", "/api/conversations", "", s.session->token, ""});
  }
  return out;
}

Commands OnFrame(AppState& s, const realtime::ServerFrame& f) {
  auto& c = s.chat;
  Commands out;
  if (f.type == "welcome") return OnWelcome(s);
  if (f.type == "ack" || f.type == "message") {
    Message m = f.message;
    if (f.type == "ack" && m.client_id.empty()) m.client_id = f.client_id;
    ApplyMessage(s, m, out);
  } else if (f.type == "message_edited") {
    ApplyEdit(s, f.message);
  } else if (f.type == "conversation") {
    ApplyConversation(s, f.conversation, out);
  } else if (f.type == "typing") {
    if (f.user_id == c.user_id || f.conversation_id.empty()) return {};
    if (f.state) {
      int token = NextToken(c);
      c.peer_typing[f.conversation_id] = token;
      out.push_back(StartTimer{ChatTimer::PeerTyping, token, chat::kPeerTypingMs});
    } else {
      c.peer_typing.erase(f.conversation_id);
    }
    c.revision++;
  } else if (f.type == "read") {
    if (Conversation* conv = chat::Find(c, f.conversation_id))
      if (chat::RaiseReadMark(*conv, f.user_id, f.seq)) c.revision++;
  } else if (f.type == "presence") {
    if (f.user_id.empty()) return {};
    Presence& p = c.presence[f.user_id];
    // An offline frame that does not know when (a server that just lost touch with the others)
    // keeps the last_seen we had; one that gives a time replaces it.
    std::string last_seen = f.online || !f.last_seen.empty() ? f.last_seen : p.last_seen;
    p = Presence{f.online, std::move(last_seen)};
    c.revision++;
  } else if (f.type == "error") {
    c.revision++;
    OutboxEntry* entry = nullptr;
    for (auto& e : c.outbox)
      if (!f.client_id.empty() && e.client_id == f.client_id) entry = &e;
    bool passing = f.error.code == "rate_limited" || f.error.code == "internal_error";
    if (entry && passing) {
      entry->sent_on = 0;  // sent again by the Resend timer, same client_id
      c.resend_token = NextToken(c);
      out.push_back(StartTimer{ChatTimer::Resend, c.resend_token, chat::kResendMs});
    } else if (entry) {
      entry->error = f.error.message.empty() ? "Not sent." : f.error.message;
      out.push_back(Persist(c));
    }
    c.error = f.error;
    // A refused token: ask the REST API, whose 401 signs the user out like anywhere else.
    if (f.error.code == "unauthorized" && s.session)
      out.push_back(HttpCommand{Request::Me, "GET", "/api/auth/me", "", s.session->token, ""});
  }
  return out;
}

}  // namespace

Commands ReduceChatLink(AppState& s, const Action& action) {
  auto& c = s.chat;
  if (auto* net = std::get_if<NetworkChanged>(&action)) {
    if (c.link.browser_online == net->online) return {};
    c.link.browser_online = net->online;
    if (c.user_id.empty()) return {};
    c.revision++;
    auto phase = c.link.phase;
    if (!net->online) {
      // Sockets outlive a lost network for a long while; drop ours now so sends go to the outbox.
      if (phase == LinkPhase::Connecting || phase == LinkPhase::Greeting || phase == LinkPhase::Ready) {
        c.link.generation++;
        c.link.phase = LinkPhase::Offline;
        c.open.typing_sent = false;
        c.peer_typing.clear();
        return {SocketClose{}};
      }
      if (phase == LinkPhase::Waiting) c.link.phase = LinkPhase::Offline;
      return {};
    }
    if (phase == LinkPhase::Offline || phase == LinkPhase::Waiting) {
      c.link.failures = 0;
      return Connect(c);
    }
    return {};
  }
  if (c.user_id.empty()) return {};
  if (auto* opened = std::get_if<SocketOpened>(&action)) {
    if (opened->generation != c.link.generation || c.link.phase != LinkPhase::Connecting || !s.session) return {};
    c.link.phase = LinkPhase::Greeting;
    realtime::Hello hello{s.session->token, c.seen_seq};
    hello.batch = true;  // a burst then comes as one batch frame, unpacked below
    return {SocketSend{c.link.generation, realtime::HelloFrame(hello)}};
  }
  if (auto* text = std::get_if<SocketText>(&action)) {
    if (text->generation != c.link.generation) return {};
    c.link.awaiting_pong = false;
    Commands out;
    for (const std::string& one : realtime::UnpackFrames(text->text)) {
      auto frame = realtime::ParseServerFrame(one);
      if (!frame) continue;
      for (Command& command : OnFrame(s, *frame)) out.push_back(std::move(command));
    }
    return out;
  }
  if (auto* closed = std::get_if<SocketClosed>(&action)) {
    if (closed->generation != c.link.generation) return {};
    Commands out;
    ScheduleReconnect(c, closed->jitter, out);
    return out;
  }
  if (auto* taken = std::get_if<OutboxTakenElsewhere>(&action)) {
    if (taken->user_id != c.user_id) return {};
    std::set<std::string> ids(taken->client_ids.begin(), taken->client_ids.end());
    auto before = c.outbox.size();
    std::erase_if(c.outbox, [&](const OutboxEntry& e) {
      return (e.held || !e.error.empty()) && e.upload_id == 0 && ids.count(e.client_id);
    });
    for (const std::string& id : ids) c.outbox_stored.erase(id);
    if (c.outbox.size() != before) c.revision++;
    return {};
  }
  if (auto* changed = std::get_if<OutboxChangedElsewhere>(&action)) {
    if (changed->user_id != c.user_id) return {};
    for (const OutboxEntry& stored : changed->entries) {
      for (auto& e : c.outbox) {
        if (e.upload_id != 0 || e.client_id != stored.client_id) continue;
        int sent_on = e.sent_on;  // this tab's own: not in storage
        e = stored;
        e.sent_on = sent_on;
        c.outbox_stored[e.client_id] = chat::OutboxEntryJson(e);
        c.revision++;
      }
    }
    Commands out;
    FlushOutbox(c, out);  // sent now, if the other tab closes before its ack it still goes
    return out;
  }
  if (auto* loaded = std::get_if<OutboxLoaded>(&action)) {
    if (loaded->user_id != c.user_id) return {};
    std::vector<OutboxEntry> merged = chat::OutboxFromJson(loaded->json);
    c.outbox_stored.clear();
    for (const auto& e : merged) c.outbox_stored.emplace(e.client_id, chat::OutboxEntryJson(e));
    for (auto& e : c.outbox) {
      if (e.upload_id != 0) {  // not stored, and without a client_id yet: always this tab's own
        merged.push_back(e);
        continue;
      }
      bool known = false;
      for (const auto& m : merged) known |= m.client_id == e.client_id;
      if (!known) merged.push_back(e);
    }
    bool changed = merged.size() != c.outbox.size();
    c.outbox = std::move(merged);
    Commands out;
    if (changed) {
      c.revision++;
      out.push_back(Persist(c));
    }
    FlushOutbox(c, out);
    if (c.link.phase == LinkPhase::Off && !c.list_loading && s.session) {
      c.list_loading = true;
      out.push_back(HttpCommand{Request::Conversations, "GET", "/api/conversations", "", s.session->token, "start"});
    }
    return out;
  }
  auto* timer = std::get_if<TimerFired>(&action);
  if (!timer) return {};
  Commands out;
  switch (timer->timer) {
    case ChatTimer::Reconnect:
      if (timer->token == c.reconnect_token && c.link.phase == LinkPhase::Waiting) return Connect(c);
      break;
    case ChatTimer::Heartbeat:
      if (timer->token != c.heartbeat_token || c.link.phase != LinkPhase::Ready) break;
      if (c.link.awaiting_pong) {
        // Nothing came back for a whole period: the connection is dead without having closed.
        c.link.generation++;
        out.push_back(SocketClose{});
        ScheduleReconnect(c, 0.5, out);
        break;
      }
      // (core/realtime_protocol has no builder for the client's ping; it is this literal.)
      SendFrame(c, realtime::PingClientFrame(), out);
      c.link.awaiting_pong = true;
      c.heartbeat_token = NextToken(c);
      out.push_back(StartTimer{ChatTimer::Heartbeat, c.heartbeat_token, chat::kHeartbeatMs});
      break;
    case ChatTimer::TypingIdle:
      if (timer->token == c.typing_token && c.open.typing_sent) {
        c.open.typing_sent = false;
        SendFrame(c, realtime::TypingClientFrame({c.open.id, false}), out);
      }
      break;
    case ChatTimer::PeerTyping:
      for (auto it = c.peer_typing.begin(); it != c.peer_typing.end(); ++it)
        if (it->second == timer->token) {
          c.peer_typing.erase(it);
          c.revision++;
          break;
        }
      break;
    case ChatTimer::Resend:
      if (timer->token == c.resend_token) FlushOutbox(c, out);
      break;
  }
  return out;
}

}  // namespace salik::app
