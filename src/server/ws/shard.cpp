#include "server/ws/shard.hpp"

#include <algorithm>
#include <iostream>
#include <limits>
#include <map>

#include "core/realtime_protocol.hpp"
#include "server/conversations/chat_media.hpp"
#include "server/conversations/conversation_view.hpp"
#include "server/media/media_service.hpp"
#include "server/ws/cluster_events.hpp"
#include "server/util/clock.hpp"
#include "server/util/ids.hpp"

namespace salik::ws {
namespace {

using std::chrono::steady_clock;

// Participants never change; engaged_at (which decides masking) is only ever set, and every
// change reaches the shard as a ConversationChanged (a resync after Redis was away re-reads
// too). So the re-read is a safety net: a stale entry only keeps masking a little longer. At 1 s
// it was ~500 store reads a second at 500 busy conversations, ~5% of the write lock's time.
constexpr auto kCacheFresh = std::chrono::seconds(30);
constexpr size_t kCacheSweepAbove = 20'000;
constexpr size_t kMaxCommit = 1000;  // messages per transaction
constexpr int kReplayPage = 500;
// A resume replay sends its next page only once the connection's queue is below this, so a
// client far behind (or slow to read) never has more than about this much waiting for it.
constexpr size_t kReplayDrained = 256 * 1024;
constexpr auto kReplayWait = std::chrono::milliseconds(5);
constexpr size_t kKeepBatchCapacity = 256;

ApiError NotInConversation() { return NotFound("There is no such conversation, or you are not in it."); }
ApiError NotSaved() {
  return {500, "internal_error", "Your message was not saved. Please send it again.", {}};
}
ApiError RateLimited(int64_t retry_after) {
  return {429, "rate_limited",
          "You are sending messages too fast. Please wait " + std::to_string(retry_after) + " seconds.", {}};
}
ApiError Failed() { return {500, "internal_error", "Something went wrong on our side. Please try again.", {}}; }

}  // namespace

Shard::Shard(Store& store, Registry& registry, KeyedRateLimiter& limiter, ClusterLink* link,
             std::shared_ptr<const MediaService> media)
    : store_(store),
      registry_(registry),
      limiter_(limiter),
      link_(link),
      media_(std::move(media)),
      thread_([this] { Run(); }) {}

Shard::~Shard() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void Shard::Post(Task task) {
  {
    std::lock_guard lock(mu_);
    pending_.push_back(std::move(task));
  }
  cv_.notify_one();
}

void Shard::Run() {
  std::vector<Task> batch;
  for (;;) {
    if (batch.capacity() > kKeepBatchCapacity) batch = {};  // after a burst, give the memory back
    batch.clear();
    {
      std::unique_lock lock(mu_);
      auto woken = [this] { return stopping_ || !pending_.empty(); };
      if (deferred_.empty()) {
        cv_.wait(lock, woken);
      } else {
        auto first = std::min_element(deferred_.begin(), deferred_.end(),
                                      [](const auto& a, const auto& b) { return a.first < b.first; });
        cv_.wait_until(lock, first->first, woken);
      }
      if (stopping_ && pending_.empty()) return;  // nothing left to do (unfinished replays are dropped)
      batch.swap(pending_);
    }
    auto now = steady_clock::now();
    for (auto it = deferred_.begin(); it != deferred_.end();) {
      if (it->first > now) {
        ++it;
        continue;
      }
      batch.push_back(std::move(it->second));
      it = deferred_.erase(it);
    }
    try {
      Process(batch);
    } catch (const std::exception& e) {
      std::cerr << "hub: a batch failed: " << e.what() << std::endl;
    } catch (...) {
      std::cerr << "hub: a batch failed" << std::endl;
    }
  }
}

void Shard::Process(std::vector<Task>& batch) {
  if (cache_.size() > kCacheSweepAbove) {
    auto now = steady_clock::now();
    std::erase_if(cache_, [&](const auto& kv) { return now - kv.second.loaded >= kCacheFresh; });
  }
  auto guarded = [](Task& t, auto&& step) {
    try {
      step(t);
    } catch (const std::exception& e) {
      std::cerr << "hub: " << e.what() << std::endl;
      if (t.client) t.client->conn->Send(realtime::ErrorFrame(Failed(), t.client_id));
    }
  };
  // REST changes were committed before anything in this batch: deliver them first, in order.
  for (auto& t : batch) {
    switch (t.kind) {
      case Task::Kind::Publish: guarded(t, [this](Task& x) { Publish(x); }); break;
      case Task::Kind::Edited: guarded(t, [this](Task& x) { Edited(x); }); break;
      case Task::Kind::ConversationChanged: guarded(t, [this](Task& x) { ConversationChanged(x); }); break;
      default: break;
    }
  }

  std::vector<Task*> sends;
  for (auto& t : batch)
    if (t.kind == Task::Kind::Send) sends.push_back(&t);
  for (size_t i = 0; i < sends.size(); i += kMaxCommit) {
    std::vector<Task*> chunk(sends.begin() + i, sends.begin() + std::min(sends.size(), i + kMaxCommit));
    CommitSends(chunk);
  }

  for (auto& t : batch) {
    switch (t.kind) {
      case Task::Kind::Typing: guarded(t, [this](Task& x) { Typing(x); }); break;
      case Task::Kind::Read: guarded(t, [this](Task& x) { Read(x); }); break;
      case Task::Kind::Resume: guarded(t, [this](Task& x) { Resume(x); }); break;
      case Task::Kind::CatchUp: guarded(t, [this](Task& x) { CatchUp(x); }); break;
      default: break;
    }
  }
}

void Shard::CommitSends(std::vector<Task*>& sends) {
  // Every other check first, so that refusals do not use up the allowance; then the limit for
  // all of them in one go (one round trip when the counts live in Redis).
  struct Checked {
    Task* task;
    std::string conversation_id;
    std::string message_type;
  };
  std::vector<Checked> checked;
  for (Task* t : sends) {
    const Conversation* c = nullptr;
    try {
      c = LookupFor(*t);
    } catch (const std::exception& e) {
      std::cerr << "hub: " << e.what() << std::endl;
      t->client->conn->Send(realtime::ErrorFrame(NotSaved(), t->client_id));
      continue;
    }
    if (!c) continue;
    std::string message_type = "text";
    if (!t->media_id.empty()) {
      // Checked here, on the conversation's thread, so a refused attachment stores nothing.
      auto type = MessageTypeForMedia(store_, c->id, t->client->user_id, t->media_id);
      if (!type) {
        t->client->conn->Send(realtime::ErrorFrame(type.error(), t->client_id));
        continue;
      }
      message_type = type.value();
    }
    checked.push_back({t, c->id, std::move(message_type)});
  }
  std::vector<std::string> senders;
  for (const Checked& one : checked) senders.push_back(one.task->client->user_id);
  std::vector<std::optional<int64_t>> limited = limiter_.TryAcquireEach(senders);

  std::vector<Message> messages;
  std::vector<Task*> owners;
  for (size_t i = 0; i < checked.size(); ++i) {
    Task* t = checked[i].task;
    if (limited[i]) {
      t->client->conn->Send(realtime::ErrorFrame(RateLimited(*limited[i]), t->client_id));
      continue;
    }
    Message m;
    m.id = NewTimeOrderedUuid();
    m.conversation_id = std::move(checked[i].conversation_id);
    m.sender_id = t->client->user_id;  // always the signed-in user, whatever the frame said
    m.client_id = t->client_id;
    m.content = std::move(t->content);
    m.message_type = std::move(checked[i].message_type);
    m.media_id = std::move(t->media_id);
    m.created_at = NowUtc();
    messages.push_back(std::move(m));
    owners.push_back(t);
  }
  if (messages.empty()) return;

  std::vector<std::optional<AppendResult>> results(messages.size());
  try {
    auto stored = store_.AppendMessages(messages);
    for (size_t i = 0; i < stored.size() && i < results.size(); ++i) results[i] = std::move(stored[i]);
  } catch (const std::exception& e) {
    // The whole transaction rolled back. Retry one by one so one bad message (say, its
    // conversation was just deleted) does not cost the others.
    std::cerr << "hub: group commit of " << messages.size() << " failed (" << e.what() << "); one by one" << std::endl;
    for (size_t i = 0; i < messages.size(); ++i) {
      try {
        auto one = store_.AppendMessages({messages[i]});
        if (!one.empty()) results[i] = std::move(one.front());
      } catch (const std::exception& e2) {
        std::cerr << "hub: message not stored: " << e2.what() << std::endl;
      }
    }
  }

  // Committed: acknowledge, then fan out what is new, per conversation in seq order. Each
  // connection's frames leave together when this ends (an ack and its echo in one write).
  SendBatch one_write_per_connection;
  std::map<std::string, std::vector<Message>> fresh;
  for (size_t i = 0; i < results.size(); ++i) {
    Task& t = *owners[i];
    if (!results[i]) {
      t.client->conn->Send(realtime::ErrorFrame(NotSaved(), t.client_id));
      continue;
    }
    if (results[i]->media_missing) {
      t.client->conn->Send(realtime::ErrorFrame(AttachmentRemoved(), t.client_id));
      continue;
    }
    AttachMedia(store_, media_.get(), results[i]->message);
    t.client->conn->Send(realtime::AckFrame(t.client_id, results[i]->message));
    if (results[i]->created) fresh[results[i]->message.conversation_id].push_back(results[i]->message);
  }
  for (auto& [id, list] : fresh) {
    std::sort(list.begin(), list.end(), [](const Message& a, const Message& b) { return a.seq < b.seq; });
    const Conversation* c = Lookup(id);
    if (!c) continue;
    FanOut(*c, list);
    if (link_)
      for (const Message& m : list) link_->Broadcast(events::MessageStored(*c, m));
  }
}

void Shard::Typing(const Task& t) {
  const Conversation* c = LookupFor(t);
  if (!c) return;
  std::string frame = realtime::TypingFrame(c->id, t.client->user_id, t.state);
  std::string other_user = OtherParticipant(*c, t.client->user_id);
  for (const auto& other : registry_.ConnectionsOf(other_user)) other->conn->Send(frame);
  if (link_) link_->Broadcast(events::Typing(c->id, t.client->user_id, other_user, t.state));
}

void Shard::Read(const Task& t) {
  const Conversation* c = LookupFor(t);
  if (!c) return;
  store_.MarkRead(c->id, t.client->user_id, t.seq);
  // Relay the mark as stored: it never moves back and never passes the newest message.
  auto now = store_.FindConversation(c->id);
  if (!now) return;
  int64_t mark = t.client->user_id == now->customer_id ? now->customer_read_seq : now->mechanic_read_seq;
  std::string frame = realtime::ReadFrame(now->id, t.client->user_id, mark);
  for (const std::string& user : {now->customer_id, now->mechanic_id})
    for (const auto& client : registry_.ConnectionsOf(user)) client->conn->Send(frame);
  if (link_) link_->Broadcast(events::Read(now->id, t.client->user_id, mark, {now->customer_id, now->mechanic_id}));
  std::string id = now->id;
  cache_[id] = Cached{std::move(now), steady_clock::now()};
}

// One page of a resume replay per turn, and only while the connection's queue is below the mark;
// otherwise the turn waits a few ms. Live messages of that conversation wait for the replay.
void Shard::Resume(const Task& t) {
  const Conversation* c = Lookup(t.conversation_id);
  if (!c || t.client->closed) return;
  Client& client = *t.client;
  {
    std::lock_guard lock(client.mu);
    auto [it, inserted] = client.sent.try_emplace(c->id);
    if (inserted) {
      auto r = client.resume.find(c->id);
      it->second = Client::Sent{0, r == client.resume.end() ? 0 : r->second, true};
    }
    Client::Sent& sent = it->second;
    if (!sent.replaying) return;
    if (client.conn->QueuedBytes() >= kReplayDrained) return Defer(t, kReplayWait);
    auto page = store_.ListMessagesAfter(c->id, sent.top, kReplayPage);
    AttachMedia(store_, media_.get(), page);
    for (const Message& m : page) {
      client.conn->Send(realtime::MessageFrame(ForViewer(m, *c, client.user_id)));
      sent.top = m.seq;
    }
    if (static_cast<int>(page.size()) < kReplayPage) {
      sent.replaying = false;  // caught up: live messages flow again
      return;
    }
  }
  Post(t);  // the next page, behind whatever else is queued on this shard
}

void Shard::Defer(Task t, std::chrono::milliseconds delay) {
  deferred_.emplace_back(steady_clock::now() + delay, std::move(t));
}

void Shard::Publish(const Task& t) {
  cache_[t.conversation.id] = Cached{t.conversation, steady_clock::now()};
  FanOut(t.conversation, {t.message});
}

void Shard::Edited(const Task& t) {
  const Conversation& c = t.conversation;
  for (const std::string& user : {c.customer_id, c.mechanic_id}) {
    auto clients = registry_.ConnectionsOf(user);
    if (clients.empty()) continue;
    std::string frame = realtime::MessageEditedFrame(ForViewer(t.message, c, user));
    for (const auto& client : clients) client->conn->Send(frame);
  }
}

void Shard::ConversationChanged(const Task& t) {
  const Conversation& c = t.conversation;
  cache_[c.id] = Cached{c, steady_clock::now()};  // engaged_at decides masking from now on
  registry_.Link(c.customer_id, c.mechanic_id);
  for (const std::string& user : {c.customer_id, c.mechanic_id}) {
    auto clients = registry_.ConnectionsOf(user);
    if (clients.empty()) continue;
    std::string frame = realtime::ConversationFrame(ConversationView(store_, c, user));
    for (const auto& client : clients) client->conn->Send(frame);
  }
}

// The instances lost touch for a while (Redis away), so events from the others may be missing:
// the connection gets, from the store, the messages it lacks, the other side's read mark and the
// conversation as its list shows it. Nothing is sent twice: messages go by the `sent` record.
void Shard::CatchUp(const Task& t) {
  if (t.client->closed) return;
  auto stored = store_.FindConversation(t.conversation_id);
  if (!stored || !IsParticipant(*stored, t.client->user_id)) return;
  cache_[stored->id] = Cached{*stored, steady_clock::now()};
  const Conversation& c = *stored;
  registry_.Link(c.customer_id, c.mechanic_id);  // it may have been created during the outage
  Client& client = *t.client;
  {
    std::lock_guard lock(client.mu);
    auto it = client.sent.find(c.id);
    // A conversation it has not had live messages of fills in through its list; a replay in
    // progress reaches the newest messages by itself.
    if (it != client.sent.end() && !it->second.replaying && c.last_seq > it->second.top)
      it->second.top = SendStored(client, c, it->second.top, c.last_seq);
  }
  std::string other = OtherParticipant(c, client.user_id);
  client.conn->Send(realtime::ReadFrame(c.id, other, other == c.customer_id ? c.customer_read_seq : c.mechanic_read_seq));
  client.conn->Send(realtime::ConversationFrame(ConversationView(store_, c, client.user_id)));
}

const Conversation* Shard::Lookup(const std::string& id) {
  auto now = steady_clock::now();
  auto it = cache_.find(id);
  if (it != cache_.end() && now - it->second.loaded < kCacheFresh)
    return it->second.conversation ? &*it->second.conversation : nullptr;
  bool known = it != cache_.end() && it->second.conversation;
  Cached& slot = cache_[id];
  slot.conversation = store_.FindConversation(id);
  slot.loaded = now;
  if (!slot.conversation) return nullptr;
  // A conversation created after its people connected: they now hear of each other's presence.
  if (!known) registry_.Link(slot.conversation->customer_id, slot.conversation->mechanic_id);
  return &*slot.conversation;
}

const Conversation* Shard::LookupFor(const Task& t) {
  const Conversation* c = Lookup(t.conversation_id);
  if (c && IsParticipant(*c, t.client->user_id)) return c;
  t.client->conn->Send(realtime::ErrorFrame(NotInConversation(), t.client_id));
  return nullptr;
}

void Shard::FanOut(const Conversation& c, const std::vector<Message>& messages) {
  std::vector<std::string> plain(messages.size());  // each message unmasked, built on first use
  for (const std::string& user : {c.customer_id, c.mechanic_id}) {
    auto clients = registry_.ConnectionsOf(user);
    if (clients.empty()) continue;
    // Masked for this viewer once, whatever the number of their tabs; a message that masking
    // leaves alone (most) is serialised once for both viewers.
    std::vector<std::string> frames;
    frames.reserve(messages.size());
    for (size_t i = 0; i < messages.size(); ++i) {
      Message seen = ForViewer(messages[i], c, user);
      if (seen.content != messages[i].content) {
        frames.push_back(realtime::MessageFrame(seen));
        continue;
      }
      if (plain[i].empty()) plain[i] = realtime::MessageFrame(messages[i]);
      frames.push_back(plain[i]);
    }
    for (const auto& client : clients) Deliver(*client, c, messages, frames);
  }
}

void Shard::Deliver(Client& client, const Conversation& c, const std::vector<Message>& messages,
                    const std::vector<std::string>& frames) {
  if (client.closed) return;
  std::lock_guard lock(client.mu);
  Client::Sent* sent = nullptr;
  if (auto it = client.sent.find(c.id); it != client.sent.end()) {
    sent = &it->second;
  } else if (auto r = client.resume.find(c.id); r != client.resume.end()) {
    // Resumed, and its replay has not started yet: the replay will send these.
    sent = &client.sent.emplace(c.id, Client::Sent{0, r->second, true}).first->second;
  }
  if (sent && sent->replaying) return;  // the replay reaches these from the store, in order
  for (size_t i = 0; i < messages.size(); ++i) {
    int64_t seq = messages[i].seq;
    if (!sent) {  // not resumed: live from this message on
      client.conn->Send(frames[i]);
      sent = &client.sent.emplace(c.id, Client::Sent{seq, seq}).first->second;
    } else if (seq > sent->top) {
      if (seq > sent->top + 1) SendStored(client, c, sent->top, seq - 1);  // committed elsewhere, not yet seen
      client.conn->Send(frames[i]);
      sent->top = seq;
    } else if (seq < sent->floor) {  // an older message that arrived late (REST vs WebSocket race)
      client.conn->Send(frames[i]);
      SendStored(client, c, seq, sent->floor - 1);
      sent->floor = seq;
    }
    // otherwise it was sent already
  }
}

int64_t Shard::SendStored(Client& client, const Conversation& c, int64_t after, int64_t upto) {
  while (after < upto) {
    int limit = static_cast<int>(std::min<int64_t>(kReplayPage, upto - after));
    auto page = store_.ListMessagesAfter(c.id, after, limit);
    AttachMedia(store_, media_.get(), page);
    for (const Message& m : page) {
      if (m.seq > upto) return after;
      client.conn->Send(realtime::MessageFrame(ForViewer(m, c, client.user_id)));
      after = m.seq;
    }
    if (static_cast<int>(page.size()) < limit) break;
  }
  return after;
}

}  // namespace salik::ws
