// The realtime hub behind /api/ws: signs connections in with their hello, routes each frame to
// the shard of its conversation (server/ws/shard.hpp), and keeps presence (registry.hpp).
// Plain C++: the WebSocket itself lives in server/http/websocket_session.cpp.
#pragma once

#include <chrono>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/api_error.hpp"
#include "core/chat.hpp"
#include "core/domain.hpp"
#include "server/app/rate_limiter.hpp"
#include "server/store/store.hpp"
#include "server/ws/cluster_link.hpp"
#include "server/ws/connection.hpp"
#include "server/ws/registry.hpp"
#include "server/ws/session_watch.hpp"
#include "server/ws/shard.hpp"

namespace salik::ws {

// How the hub checks sessions, supplied by the server (server/auth) so the hub needs no HTTP.
struct SessionChecks {
  // The user a session token belongs to (401 unauthorized, 403 for a suspended account).
  std::function<Expected<Profile>(const std::string& token)> authenticate;
  // The stored form of a token (its SHA-256), by which logout names a session.
  std::function<std::string(const std::string& token)> hash;
  // Why a session may no longer hold sockets (logged out, expired, account suspended), or nullopt.
  SessionEnded ended;
  std::chrono::milliseconds recheck_every{30'000};
};

class Hub {
 public:
  // `message_limiter` counts chat messages per user and is shared with the REST API.
  // `link` (may be null: one instance) shares fan-out and presence with other instances; it must
  // stop calling OnClusterEvent and its callbacks before the hub is destroyed.
  // `media` (may be null) signs the links of chat attachments.
  Hub(Store& store, KeyedRateLimiter& message_limiter, SessionChecks sessions, int shards, ClusterLink* link = nullptr,
      std::shared_ptr<const MediaService> media = nullptr);
  // Stores and acknowledges what is queued, then stops the shard threads.
  ~Hub();
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  // A new WebSocket: the transport feeds its frames to the handler answered here.
  std::shared_ptr<ConnectionHandler> Open(std::shared_ptr<Connection> connection);
  // A message stored through the REST API: fan it out like one sent here. Thread-safe, quick.
  void Publish(const Conversation& conversation, const Message& message);
  // An edited message, and a new or changed conversation: queued on the conversation's shard,
  // so they reach clients in order with its messages. Thread-safe, quick.
  void PublishEdit(const Conversation& conversation, const Message& message);
  void PublishConversation(const Conversation& conversation);
  // Closes the user's sockets (1008 with `reason`, after an error frame "session_ended"): those
  // of the session with `token_hash`, or all of them when it is empty. Thread-safe, quick.
  void EndSessions(const std::string& user_id, const std::string& token_hash, const std::string& reason);
  // An event from another instance (server/ws/cluster_events.hpp): delivered to the connections
  // here, never sent on again. Thread-safe, quick, except a resync (events may have been lost
  // while the instances were out of touch), which reads each local user's conversations, and a
  // presence_sync, which asks the link where the counterparts are. The link also hands it a
  // presence_lost of its own (see cluster_events.hpp).
  void OnClusterEvent(const nlohmann::json& event);

 private:
  friend class ClientSession;
  Shard& ShardOf(const std::string& conversation_id);
  void Broadcast(nlohmann::json event);  // to the other instances, when there are any
  void PostPublish(const Conversation& conversation, const Message& message);
  void PostEdit(const Conversation& conversation, const Message& message);
  void PostConversation(const Conversation& conversation);
  void EndLocalSessions(const std::string& user_id, const std::string& token_hash, const std::string& reason);
  // Every connection here catches up from the store on each of its conversations, and on its
  // counterparts' presence once the link has rewritten this instance's part.
  void CatchUpAll();
  // This instance's part of the shared presence is written again from the connections here; then
  // every instance refreshes the presence its connections see (a presence_sync).
  void RewritePresence();
  // Every connection here gets its counterparts' presence as the link has it now. Only on the
  // thread that delivers cluster events, so it falls in order with their presence events.
  void RefreshPresence();

  Store& store_;
  KeyedRateLimiter& message_limiter_;
  SessionChecks sessions_;
  ClusterLink* link_;
  Registry registry_;                          // before the shards, which use it
  std::vector<std::unique_ptr<Shard>> shards_;  // destroyed before the registry: they drain and join
  std::unique_ptr<SessionWatch> watch_;         // destroyed first
};

}  // namespace salik::ws
