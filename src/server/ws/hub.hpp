// The realtime hub behind /api/ws: signs connections in with their hello, routes each frame to
// the shard of its conversation (server/ws/shard.hpp), and keeps presence (registry.hpp).
// Plain C++: the WebSocket itself lives in server/http/websocket_session.cpp.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/api_error.hpp"
#include "core/chat.hpp"
#include "core/domain.hpp"
#include "server/app/rate_limiter.hpp"
#include "server/store/store.hpp"
#include "server/ws/connection.hpp"
#include "server/ws/registry.hpp"
#include "server/ws/shard.hpp"

namespace salik::ws {

// The user a session token belongs to (401 unauthorized, 403 for a suspended account).
using Authenticator = std::function<Expected<Profile>(const std::string& token)>;

class Hub {
 public:
  // `message_limiter` counts chat messages per user and is shared with the REST API.
  Hub(Store& store, KeyedRateLimiter& message_limiter, Authenticator authenticate, int shards);
  // Stores and acknowledges what is queued, then stops the shard threads.
  ~Hub();
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  // A new WebSocket: the transport feeds its frames to the handler answered here.
  std::shared_ptr<ConnectionHandler> Open(std::shared_ptr<Connection> connection);
  // A message stored through the REST API: fan it out like one sent here. Thread-safe, quick.
  void Publish(const Conversation& conversation, const Message& message);

 private:
  friend class ClientSession;
  Shard& ShardOf(const std::string& conversation_id);

  Store& store_;
  KeyedRateLimiter& message_limiter_;
  Authenticator authenticate_;
  Registry registry_;                          // before the shards, which use it
  std::vector<std::unique_ptr<Shard>> shards_;  // destroyed first: they drain and join
};

}  // namespace salik::ws
