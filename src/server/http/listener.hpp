// The HTTP/1.1 server: accepts connections and turns each request into a plain HttpRequest
// for the handler, and hands WebSocket upgrades to a WebSocketRoute. Beast and Asio stay inside
// listener.cpp and websocket_session.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "server/http/http_types.hpp"
#include "server/ws/connection.hpp"

namespace salik {

using RequestHandler = std::function<HttpResponse(const HttpRequest&)>;

// The one path that upgrades to a WebSocket (server/http/websocket_session.cpp runs it).
struct WebSocketRoute {
  std::string path;  // "/api/ws"
  // Looks at the upgrade request on the I/O thread (must not block): nullopt lets it through,
  // otherwise the answer to refuse it with.
  std::function<std::optional<HttpResponse>(const HttpRequest&)> admit;
  // Called once per accepted WebSocket.
  std::function<std::shared_ptr<ws::ConnectionHandler>(std::shared_ptr<ws::Connection>)> open;
};

class HttpListener {
 public:
  // Binds at once (port 0 picks a free one); throws std::runtime_error when it cannot.
  // The handler runs on `worker_threads` threads of its own, never on the I/O threads.
  HttpListener(const std::string& host, uint16_t port, RequestHandler handler, int worker_threads);
  ~HttpListener();
  uint16_t port() const;
  // Serves WebSocket upgrades of `route.path`; call before Run.
  void SetWebSocketRoute(WebSocketRoute route);
  // Serves with `io_threads` I/O threads until SIGINT or SIGTERM.
  void Run(int io_threads);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace salik
