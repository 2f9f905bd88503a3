// One signed-in WebSocket connection, as the hub keeps it.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/domain.hpp"
#include "server/ws/connection.hpp"

namespace salik::ws {

struct Client {
  Client(std::shared_ptr<Connection> c, std::string user, Role r, std::string token, std::map<std::string, int64_t> resumed)
      : conn(std::move(c)), user_id(std::move(user)), role(r), token_hash(std::move(token)), resume(std::move(resumed)) {}

  const std::shared_ptr<Connection> conn;
  const std::string user_id;
  const Role role;
  // The SHA-256 of the session token the hello presented: logging out that session, or the
  // periodic re-check finding it gone, closes this connection.
  const std::string token_hash;
  // Conversation → the last seq the client said it has (its hello's resume, checked). Fixed
  // before the client is visible to other threads.
  const std::map<std::string, int64_t> resume;
  std::atomic<bool> closed{false};

  // Which messages this connection has been sent, per conversation: every seq in [floor, top].
  // floor 0 means "and everything before": the client resumed from top, or has been sent all
  // of it. A conversation the client did not resume starts at its first live message. Each
  // conversation's entry is touched only by that conversation's shard; `mu` guards the map.
  // While `replaying`, a resume is being sent page by page from the store: live messages of that
  // conversation are not sent on their own, the replay reaches them in order.
  struct Sent {
    int64_t floor = 0;
    int64_t top = 0;
    bool replaying = false;
  };
  std::mutex mu;
  std::unordered_map<std::string, Sent> sent;
};

}  // namespace salik::ws
