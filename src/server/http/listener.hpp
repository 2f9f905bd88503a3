// The HTTP/1.1 server: accepts connections and turns each request into a plain HttpRequest
// for the handler. Beast and Asio stay inside listener.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "server/http/http_types.hpp"

namespace salik {

using RequestHandler = std::function<HttpResponse(const HttpRequest&)>;

class HttpListener {
 public:
  // Binds at once (port 0 picks a free one); throws std::runtime_error when it cannot.
  // The handler runs on `worker_threads` threads of its own, never on the I/O threads.
  HttpListener(const std::string& host, uint16_t port, RequestHandler handler, int worker_threads);
  ~HttpListener();
  uint16_t port() const;
  // Serves with `io_threads` I/O threads until SIGINT or SIGTERM.
  void Run(int io_threads);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace salik
