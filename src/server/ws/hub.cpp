#include "server/ws/hub.hpp"

#include <atomic>
#include <chrono>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/rate_window.hpp"
#include "core/realtime_protocol.hpp"
#include "server/util/clock.hpp"
#include "server/ws/cluster_events.hpp"
#include "server/util/ids.hpp"

namespace salik::ws {
namespace {

constexpr size_t kCloseReasonMax = 120;  // WebSocket close reasons must fit in 123 bytes
constexpr int kTypingPerSecond = 5;      // per connection; the excess is dropped

ApiError HelloFirst() { return BadRequest("hello_required", "The first frame must be a hello with your session token."); }
ApiError HelloTimeout() { return BadRequest("hello_timeout", "No hello arrived within 10 seconds."); }
ApiError BinaryFrame() { return BadRequest("invalid_frame", "Frames must be JSON text, not binary."); }
ApiError SecondHello() { return BadRequest("already_signed_in", "This connection has already said hello."); }
ApiError AdminsDoNotPost() { return Forbidden("Admins do not post in conversations."); }
ApiError ForgedSender() {
  return BadRequest("invalid_sender", "sender_id is set by the server: you can only send as yourself.");
}
ApiError NotInConversation() { return NotFound("There is no such conversation, or you are not in it."); }
ApiError StoreDown() { return {500, "internal_error", "Something went wrong on our side. Please reconnect.", {}}; }

Task MakeTask(Task::Kind kind, std::shared_ptr<Client> client, std::string conversation_id) {
  Task t;
  t.kind = kind;
  t.client = std::move(client);
  t.conversation_id = std::move(conversation_id);
  return t;
}

std::string Shorten(const std::string& s) { return s.size() > 64 ? s.substr(0, 64) + "…" : s; }

// The parser ignores sender_id (the server always sends as the signed-in user), but a frame
// that claims someone else is refused, so a forgery or a client bug shows instead of passing.
bool ClaimsAnotherSender(const std::string& text, const std::string& user_id) {
  if (text.find("sender_id") == std::string::npos) return false;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return false;
  auto it = j.find("sender_id");
  if (it == j.end() || it->is_null()) return false;
  return !(it->is_string() && it->get<std::string>() == user_id);
}

}  // namespace

// One connection's side of the protocol: the hello, then frames routed to shards.
class ClientSession final : public ConnectionHandler {
 public:
  ClientSession(Hub& hub, std::shared_ptr<Connection> conn) : hub_(hub), conn_(std::move(conn)) {}

  bool OnFirstFrame(const std::string& text, bool binary) override {
    try {
      return Hello(text, binary);
    } catch (const std::exception& e) {
      std::cerr << "hub: hello failed: " << e.what() << std::endl;
      return Refuse(StoreDown());
    }
  }

  void OnFrame(const std::string& text, bool binary) override {
    if (!client_) return;  // refused: the close is on its way
    if (binary) return Error(BinaryFrame());
    auto parsed = realtime::ParseClientFrame(text);
    if (auto* e = std::get_if<realtime::FrameError>(&parsed)) {
      Error(e->error, e->client_id);
      if (e->close) conn_->Close(e->error.message.substr(0, kCloseReasonMax));
      return;
    }
    auto& frame = std::get<realtime::ClientFrame>(parsed);
    if (auto* send = std::get_if<realtime::Send>(&frame)) return Send(*send, text);
    if (auto* typing = std::get_if<realtime::Typing>(&frame)) {
      if (!TypingAllowed()) return;  // over the limit: dropped silently (docs/api.md, Realtime)
      if (!LooksLikeUuid(typing->conversation_id)) return Error(NotInConversation());
      Task t = MakeTask(Task::Kind::Typing, client_, typing->conversation_id);
      t.state = typing->state;
      return hub_.ShardOf(t.conversation_id).Post(std::move(t));
    }
    if (auto* read = std::get_if<realtime::Read>(&frame)) {
      if (!LooksLikeUuid(read->conversation_id)) return Error(NotInConversation());
      Task t = MakeTask(Task::Kind::Read, client_, read->conversation_id);
      t.seq = read->seq;
      return hub_.ShardOf(t.conversation_id).Post(std::move(t));
    }
    if (std::holds_alternative<realtime::Ping>(frame)) return conn_->Send(realtime::PongFrame());
    Error(SecondHello());
  }

  void OnHelloTimeout() override { Refuse(HelloTimeout()); }

  void OnClosed() override {
    if (!client_ || closed_.exchange(true)) return;
    client_->closed = true;
    if (!hub_.link_) {
      hub_.registry_.Leave(*client_);
      return;
    }
    // Offline only when this was the user's last connection on every instance: the link knows.
    auto last_here = hub_.registry_.Leave(*client_, false);
    if (!last_here) return;
    Hub& hub = hub_;
    const std::string& user = client_->user_id;
    hub_.link_->UserLeft(user, NowUtc(), [&hub, user] { return hub.registry_.IsHere(user); },
                         [&hub, user, counterparts = *last_here](std::string last_seen) {
                           if (hub.registry_.AnnounceOffline(user, counterparts, last_seen))
                             hub.Broadcast(events::Presence(user, false, last_seen, counterparts));
                         });
  }

 private:
  // Presence of the counterparts (and the user) on other instances; none when alone or unreachable.
  std::map<std::string, ClusterLink::Seen> Elsewhere() {
    if (!hub_.link_) return {};
    std::vector<std::string> users = counterparts_;
    users.push_back(client_->user_id);
    try {
      return hub_.link_->PresenceOf(users);
    } catch (const std::exception& e) {
      return {};  // the link logs it; presence is this instance's only
    }
  }

  bool Refuse(const ApiError& e) {
    conn_->Send(realtime::ErrorFrame(e));
    conn_->Close(e.message.substr(0, kCloseReasonMax));
    return false;
  }
  void Error(const ApiError& e, const std::string& client_id = {}) { conn_->Send(realtime::ErrorFrame(e, client_id)); }

  // A typing indicator needs a frame every few seconds; more than a few a second is a client
  // bug or abuse, and each one costs the other party a frame.
  bool TypingAllowed() {
    auto now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch());
    return typing_window_.TryAcquire(now.count(), kTypingPerSecond, 1000).allowed;
  }

  bool Hello(const std::string& text, bool binary) {
    if (binary) return Refuse(HelloFirst());
    auto parsed = realtime::ParseClientFrame(text);
    if (auto* e = std::get_if<realtime::FrameError>(&parsed)) return Refuse(e->error);
    auto* hello = std::get_if<realtime::Hello>(&std::get<realtime::ClientFrame>(parsed));
    if (!hello) return Refuse(HelloFirst());
    auto user = hub_.sessions_.authenticate(hello->token);
    if (!user) return Refuse(user.error());

    // What the client may resume: its own conversations, up to what they hold.
    std::vector<Conversation> mine = hub_.store_.ListConversations(user->id);
    std::map<std::string, const Conversation*> by_id;
    std::set<std::string> counterparts;
    for (const auto& c : mine) {
      by_id[c.id] = &c;
      counterparts.insert(OtherParticipant(c, user->id));
    }
    std::map<std::string, int64_t> resume;
    std::vector<ApiError> problems;
    for (const auto& [id, seq] : hello->resume) {
      auto it = by_id.find(id);
      if (it == by_id.end()) {
        problems.push_back(NotFound("You cannot resume conversation " + Shorten(id) + ": there is no such conversation, or you are not in it."));
      } else if (seq > it->second->last_seq) {
        problems.push_back(BadRequest("invalid_resume", "You asked for messages after seq " + std::to_string(seq) +
                                                            " in conversation " + id + ", which has only " +
                                                            std::to_string(it->second->last_seq) + "."));
      } else {
        resume[id] = seq;
      }
    }

    client_ = std::make_shared<Client>(conn_, user->id, user->role, hub_.sessions_.hash(hello->token), std::move(resume));
    std::vector<std::string> greeting{realtime::WelcomeFrame(user->id, NowUtc())};  // the first frame
    for (const auto& p : problems) greeting.push_back(realtime::ErrorFrame(p));
    counterparts_.assign(counterparts.begin(), counterparts.end());
    auto elsewhere = Elsewhere();
    bool first_here = hub_.registry_.Join(client_, counterparts_, greeting, elsewhere);
    if (first_here && hub_.link_) {
      Hub& hub = hub_;
      hub_.link_->UserArrived(client_->user_id, [&hub, user = client_->user_id] { return hub.registry_.IsHere(user); });
      auto self = elsewhere.find(client_->user_id);
      if (self == elsewhere.end() || !self->second.online)
        hub_.Broadcast(events::Presence(client_->user_id, true, "", counterparts_));
    }
    // Replay runs on each conversation's shard, in line with its live messages.
    for (const auto& [id, seq] : client_->resume)
      hub_.ShardOf(id).Post(MakeTask(Task::Kind::Resume, client_, id));
    return true;
  }

  void Send(realtime::Send& send, const std::string& text) {
    if (ClaimsAnotherSender(text, client_->user_id)) return Error(ForgedSender(), send.client_id);
    if (client_->role == Role::Admin) return Error(AdminsDoNotPost(), send.client_id);
    if (!LooksLikeUuid(send.conversation_id)) return Error(NotInConversation(), send.client_id);
    Task t = MakeTask(Task::Kind::Send, client_, std::move(send.conversation_id));
    t.client_id = std::move(send.client_id);
    t.content = std::move(send.content);
    t.media_id = std::move(send.media_id);
    hub_.ShardOf(t.conversation_id).Post(std::move(t));
  }

  Hub& hub_;
  std::shared_ptr<Connection> conn_;
  std::shared_ptr<Client> client_;  // set by a successful hello, before any OnFrame
  std::vector<std::string> counterparts_;  // set by the hello
  std::atomic<bool> closed_{false};
  RateWindow typing_window_;  // I/O thread only: frames of one connection arrive one at a time
};

Hub::Hub(Store& store, KeyedRateLimiter& message_limiter, SessionChecks sessions, int shards, ClusterLink* link,
         std::shared_ptr<const MediaService> media)
    : store_(store), message_limiter_(message_limiter), sessions_(std::move(sessions)), link_(link) {
  for (int i = 0; i < std::max(1, shards); ++i)
    shards_.push_back(std::make_unique<Shard>(store_, registry_, message_limiter_, link_, media));
  watch_ = std::make_unique<SessionWatch>(registry_, sessions_.ended, sessions_.recheck_every);
}

Hub::~Hub() {
  watch_.reset();
  shards_.clear();
}

void Hub::EndSessions(const std::string& user_id, const std::string& token_hash, const std::string& reason) {
  EndLocalSessions(user_id, token_hash, reason);
  Broadcast(events::SessionEnded(user_id, token_hash, reason));
}

void Hub::EndLocalSessions(const std::string& user_id, const std::string& token_hash, const std::string& reason) {
  for (const auto& client : registry_.ConnectionsOf(user_id))
    if (token_hash.empty() || client->token_hash == token_hash) EndConnection(*client, reason);
}

void Hub::Broadcast(nlohmann::json event) {
  if (link_) link_->Broadcast(std::move(event));
}

void Hub::OnClusterEvent(const nlohmann::json& e) {
  auto str = [&e](const char* key) { return e.at(key).get<std::string>(); };
  const std::string kind = e.value("kind", "");
  if (kind == "message") return PostPublish(e.at("conversation").get<Conversation>(), e.at("message").get<Message>());
  if (kind == "edit") return PostEdit(e.at("conversation").get<Conversation>(), e.at("message").get<Message>());
  if (kind == "conversation") return PostConversation(e.at("conversation").get<Conversation>());
  if (kind == "typing")
    return registry_.SendToUsers({str("to")},
                                 realtime::TypingFrame(str("conversation_id"), str("user_id"), e.at("state").get<bool>()));
  if (kind == "read")
    return registry_.SendToUsers(e.at("to").get<std::vector<std::string>>(),
                                 realtime::ReadFrame(str("conversation_id"), str("user_id"), e.at("seq").get<int64_t>()));
  if (kind == "presence") {
    auto to = e.at("to").get<std::vector<std::string>>();
    const std::string user = str("user_id");
    if (e.at("online").get<bool>()) return registry_.SendToUsers(to, realtime::PresenceFrame(user, true, ""));
    registry_.AnnounceOffline(user, to, str("last_seen"));
    return;
  }
  if (kind == "session_ended") return EndLocalSessions(str("user_id"), str("token_hash"), str("reason"));
  if (kind == "resync") return CatchUpAll();
  if (kind == "presence_sync") return RefreshPresence();
  if (kind == "presence_lost") return RewritePresence();
}

void Hub::CatchUpAll() {
  RewritePresence();
  auto clients = registry_.AllConnections();
  std::map<std::string, std::vector<Conversation>> by_user;  // a user's tabs share one query
  for (const auto& client : clients) {
    auto [mine, fresh] = by_user.try_emplace(client->user_id);
    if (fresh) mine->second = store_.ListConversations(client->user_id);
    for (const auto& c : mine->second) ShardOf(c.id).Post(MakeTask(Task::Kind::CatchUp, client, c.id));
  }
}

void Hub::RewritePresence() {
  if (!link_) return;
  link_->UsersHere([this] {
    std::set<std::string> users;
    for (const auto& client : registry_.AllConnections()) users.insert(client->user_id);
    return std::vector<std::string>(users.begin(), users.end());
  });
}

void Hub::RefreshPresence() {
  if (!link_) return;
  std::map<std::string, ClusterLink::Seen> elsewhere;
  try {
    elsewhere = link_->PresenceOf(registry_.AllCounterparts());
  } catch (const std::exception&) {
    return;  // Redis away again (the link logs it): its return brings another catch-up
  }
  registry_.SendPresenceToAll(elsewhere);
}

std::shared_ptr<ConnectionHandler> Hub::Open(std::shared_ptr<Connection> connection) {
  return std::make_shared<ClientSession>(*this, std::move(connection));
}

void Hub::Publish(const Conversation& conversation, const Message& message) {
  PostPublish(conversation, message);
  Broadcast(events::MessageStored(conversation, message));
}

void Hub::PublishEdit(const Conversation& conversation, const Message& message) {
  PostEdit(conversation, message);
  Broadcast(events::MessageEdited(conversation, message));
}

void Hub::PublishConversation(const Conversation& conversation) {
  PostConversation(conversation);
  Broadcast(events::ConversationChanged(conversation));
}

void Hub::PostPublish(const Conversation& conversation, const Message& message) {
  Task t = MakeTask(Task::Kind::Publish, nullptr, conversation.id);
  t.message = message;
  t.conversation = conversation;
  ShardOf(conversation.id).Post(std::move(t));
}

void Hub::PostEdit(const Conversation& conversation, const Message& message) {
  Task t = MakeTask(Task::Kind::Edited, nullptr, conversation.id);
  t.message = message;
  t.conversation = conversation;
  ShardOf(conversation.id).Post(std::move(t));
}

void Hub::PostConversation(const Conversation& conversation) {
  Task t = MakeTask(Task::Kind::ConversationChanged, nullptr, conversation.id);
  t.conversation = conversation;
  ShardOf(conversation.id).Post(std::move(t));
}

Shard& Hub::ShardOf(const std::string& conversation_id) {
  return *shards_[std::hash<std::string>{}(conversation_id) % shards_.size()];
}

}  // namespace salik::ws
