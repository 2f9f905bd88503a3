// The HTTP/1.1 server: accepts connections and turns each request into a plain HttpRequest
// for the handler, and hands WebSocket upgrades to a WebSocketRoute. Beast and Asio stay inside
// listener.cpp and websocket_session.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
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
  // A connection silent this long gets a ping; silent for another period, it is dropped.
  std::chrono::seconds keep_alive{30};
};

// Routes whose body streams to a temp file instead of memory (see RouteOptions::upload_limit).
struct StreamingUploads {
  std::filesystem::path temp_dir;  // under the data folder, so a finished upload is a rename away
  // The byte limit when the request (header read, target parsed) goes to a streaming route.
  std::function<std::optional<uint64_t>(const HttpRequest&)> limit_for;
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
  // Streams the bodies of upload routes to files under `uploads.temp_dir` (created if missing);
  // call before Run.
  void SetStreamingUploads(StreamingUploads uploads);
  // Serves with `io_threads` I/O threads until SIGINT or SIGTERM.
  void Run(int io_threads);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace salik
