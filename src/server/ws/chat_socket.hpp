// Wiring of the realtime hub into this server: the hub on the app's store, sessions and message
// limiter; REST-posted messages fanned out through it; and the /api/ws route with its Origin check.
#pragma once

#include <cstdint>
#include <memory>

#include "server/app/context.hpp"
#include "server/http/listener.hpp"
#include "server/ws/hub.hpp"

namespace salik::ws {

constexpr const char* kChatSocketPath = "/api/ws";

// Starts the hub and sets ctx.on_message to it. The hub must be destroyed before the listener
// (it holds connections) and after the last request handler has run.
// `link` (may be null) shares fan-out and presence with other instances (server/cluster).
std::unique_ptr<Hub> StartHub(AppContext& ctx, int shards, ClusterLink* link = nullptr);

// The /api/ws route: Origin checked against ctx.config.allowed_origins (403 otherwise), then
// each connection goes to the hub. `port` is the port the server listens on.
WebSocketRoute ChatSocketRoute(AppContext& ctx, Hub& hub, uint16_t port);

}  // namespace salik::ws
