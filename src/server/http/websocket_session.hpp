// Internal to server/http: listener.cpp hands an upgrade request for the WebSocket route here.
// Only listener.cpp and websocket_session.cpp include this (it brings Beast in).
#pragma once

#include <utility>  // g++ 12 needs std::exchange declared before Asio's headers

#include <memory>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "server/http/listener.hpp"

namespace salik {

using UpgradeRequest = boost::beast::http::request<boost::beast::http::string_body>;

// An HTTP request that asks to become a WebSocket.
bool IsWebSocketUpgrade(const UpgradeRequest& req);

// Starts a coroutine that accepts the upgrade and runs the connection until it closes. The
// first frame goes to the route's handler on `workers` (it may block on the store); later frames
// on the I/O thread. The stream's executor must be a strand: a reader and a writer share the socket.
void StartWebSocket(boost::beast::tcp_stream stream, UpgradeRequest req, boost::asio::thread_pool& workers,
                    std::shared_ptr<const WebSocketRoute> route);

}  // namespace salik
