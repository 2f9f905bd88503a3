// What every handler needs: the store, the settings, the shared rate limiters and the hook that
// hands REST-posted chat messages to the realtime hub.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "server/app/config.hpp"
#include "server/app/rate_limiter.hpp"
#include "server/conversations/message_events.hpp"
#include "server/store/store.hpp"

namespace salik {

class MediaService;  // server/media/media_service.hpp

struct AppContext {
  AppContext(Store& s, const ServerConfig& c)
      : store(s),
        config(c),
        database_kind(DatabaseKind(c.database_url)),
        api_limiter(c.api_rate_per_minute, std::chrono::minutes(1)),
        issue_limiter(c.issue_rate_per_hour, std::chrono::hours(1)),
        message_limiter(c.message_rate_per_minute, std::chrono::minutes(1)) {}

  Store& store;
  const ServerConfig& config;
  const std::string database_kind;  // "sqlite" or "postgresql", for /api/health
  KeyedRateLimiter api_limiter;     // per client IP
  KeyedRateLimiter issue_limiter;   // per customer: new issues
  KeyedRateLimiter message_limiter; // per user: chat messages, REST and WebSocket together
  MessageSink on_message;           // set once at start by the realtime hub; empty = nobody listens
  std::shared_ptr<MediaService> media;  // set once at start (main.cpp): files, link signer, upload limit
  SessionEndSink on_session_end;    // likewise: closes the sockets of a session that ended
  MessageEditSink on_message_edited;  // likewise: message_edited frames
  ConversationSink on_conversation;   // likewise: conversation frames (opened, engaged)
  std::function<bool()> reaches_redis;  // likewise, with SALIK_REDIS_URL: for /api/health
};

}  // namespace salik
