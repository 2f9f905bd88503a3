// The hooks through which REST handlers reach the realtime hub (src/server/ws/): a message
// posted over REST, so people connected by WebSocket see it at once, and a session that ended,
// so its sockets close. The server sets them in AppContext once at start, before it serves; REST
// handlers then call them from worker threads, concurrently, so each must be thread-safe and
// quick (queue the work, do not send inline).
#pragma once

#include <exception>
#include <functional>
#include <iostream>
#include <string>

#include "core/chat.hpp"

namespace salik {

// Called after a new message is stored (never for an idempotent resend). `conversation` is the
// state right after the append (last_seq is the message's seq); `message` is raw, unmasked: the
// receiver masks per recipient with ForViewer.
using MessageSink = std::function<void(const Conversation& conversation, const Message& message)>;

// Called after PATCH /api/messages/{id} stored an edit: `message` as stored now (raw), with
// its conversation; the hub sends message_edited to both participants, masked per viewer.
using MessageEditSink = std::function<void(const Conversation& conversation, const Message& message)>;

// Called after a conversation is created or changes (engagement): the hub sends each
// participant the conversation as GET /api/conversations lists it for them.
using ConversationSink = std::function<void(const Conversation& conversation)>;

// Called after a session ends (logout): the user's sockets of that session close with `reason`.
// An empty token_hash means all of the user's sessions (e.g. a suspended account).
using SessionEndSink =
    std::function<void(const std::string& user_id, const std::string& token_hash, const std::string& reason)>;

// Calls a hook when it is set. The REST change is already stored: a failing hub is logged and
// never turns the answer into a 500 (the client would retry something that succeeded).
template <typename Sink, typename... Args>
void NotifyHub(const Sink& sink, const char* what, Args&&... args) {
  if (!sink) return;
  try {
    sink(std::forward<Args>(args)...);
  } catch (const std::exception& e) {
    std::cerr << "error: " << what << " stored but not broadcast: " << e.what() << std::endl;
  }
}

}  // namespace salik
