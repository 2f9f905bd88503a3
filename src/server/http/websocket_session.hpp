// Internal to server/http: listener.cpp hands an accepted WebSocket upgrade here. Asio only: the
// WebSocket protocol itself is ours (server/ws/frame_codec, server/ws/message_reader), so that
// every write to the socket goes through one lock and any thread can write a frame at once.
#pragma once

#include <utility>  // g++ 12 needs std::exchange declared before Asio's headers

#include <memory>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>

#include "server/http/listener.hpp"

namespace salik {

// Runs the connection until it closes: writes `switching_protocols` (the 101 response), then
// reads frames, starting with `already_read` (bytes the HTTP parser read past the request). The
// first frame goes to the route's handler on `workers` (it may block on the store); later frames
// on the I/O thread. The socket's executor must be a strand.
void StartWebSocket(boost::asio::ip::tcp::socket socket, std::string switching_protocols, std::string already_read,
                    boost::asio::thread_pool& workers, std::shared_ptr<const WebSocketRoute> route);

}  // namespace salik
