// The hook through which a message posted over REST reaches the realtime hub (src/server/ws/),
// so people connected by WebSocket see it at once. The server sets AppContext::on_message once
// at start, before it serves; REST handlers then call it from worker threads, concurrently, so
// the function must be thread-safe and quick (queue the fan-out, do not send inline).
#pragma once

#include <functional>

#include "core/chat.hpp"

namespace salik {

// Called after a new message is stored (never for an idempotent resend). `conversation` is the
// state right after the append (last_seq is the message's seq); `message` is raw, unmasked: the
// receiver masks per recipient with ForViewer.
using MessageSink = std::function<void(const Conversation& conversation, const Message& message)>;

}  // namespace salik
