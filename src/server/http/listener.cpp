// The HTTP side of Beast (websocket_session.cpp has the WebSocket side): a coroutine per
// connection that reads a request, hands a plain HttpRequest to the handler, writes the answer,
// and loops while the client keeps the connection alive. Each connection runs on its own strand,
// so an upgraded WebSocket's reader and writer never run at once.
#include <utility>  // g++ 12 needs std::exchange declared before Asio's headers

#include "server/http/listener.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <chrono>
#include <iostream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "server/http/json_body.hpp"
#include "server/http/responses.hpp"
#include "server/http/target.hpp"
#include "server/http/websocket_session.hpp"

namespace salik {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

constexpr auto kReadTimeout = 30s;   // idle keep-alive connections and slow senders
constexpr auto kWriteTimeout = 30s;
constexpr auto kDrainTimeout = 5s;
constexpr size_t kMaxDrainBytes = 64 * 1024 * 1024;
constexpr unsigned kHeaderLimit = 16 * 1024;

using BeastRequest = http::request<http::string_body>;
using BeastResponse = http::response<http::string_body>;

HttpRequest ToPlainRequest(BeastRequest& req, const std::string& remote_ip) {
  HttpRequest out;
  out.method = std::string(req.method_string());
  out.target = std::string(req.target());
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = out.headers.emplace(name, std::string(field.value()));
    if (!inserted) it->second += ", " + std::string(field.value());
  }
  out.body = std::move(req.body());
  out.remote_ip = remote_ip;
  return out;
}

BeastResponse ToBeastResponse(HttpResponse res, unsigned version, bool keep_alive, bool head) {
  BeastResponse out{static_cast<http::status>(res.status), version};
  for (auto& [name, value] : res.headers) out.set(name, value);
  out.set(http::field::server, "SalikChat");
  out.keep_alive(keep_alive);
  // 204 and 304 carry no body and no length; a HEAD answer tells the length it would have sent.
  if (res.status != 204 && res.status != 304) out.content_length(res.body.size());
  if (!head) out.body() = std::move(res.body);
  return out;
}

HttpResponse Handle(const RequestHandler& handler, const HttpRequest& req) {
  try {
    return handler(req);
  } catch (const std::exception& e) {
    std::cerr << "error: " << req.method << ' ' << req.path << ": " << e.what() << std::endl;
  } catch (...) {
    std::cerr << "error: " << req.method << ' ' << req.path << ": unknown exception" << std::endl;
  }
  return ErrorResponse(InternalError());
}

// After refusing a request whose body we did not read, read and drop what the client is still
// sending, so closing does not reset the connection before it has read our answer.
net::awaitable<void> DrainAndClose(beast::tcp_stream& stream) {
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.expires_after(kDrainTimeout);
  std::vector<char> sink(64 * 1024);
  size_t total = 0;
  while (total < kMaxDrainBytes) {
    size_t n = co_await stream.async_read_some(net::buffer(sink), net::redirect_error(net::use_awaitable, ec));
    if (ec) break;
    total += n;
  }
  stream.socket().close(ec);
}

net::awaitable<void> WriteRefusal(beast::tcp_stream& stream, const ApiError& error, unsigned version) {
  auto res = ToBeastResponse(ErrorResponse(error), version, false, false);
  beast::error_code ec;
  stream.expires_after(kWriteTimeout);
  co_await http::async_write(stream, res, net::redirect_error(net::use_awaitable, ec));
  co_await DrainAndClose(stream);
}

bool IsParseError(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

// Handlers block (password hashing, database calls), so they run on the worker pool and the
// I/O threads stay free to read and write other connections meanwhile.
net::awaitable<HttpResponse> HandleOnWorkers(net::thread_pool& workers, const RequestHandler& handler,
                                             const HttpRequest& req) {
  co_return co_await net::co_spawn(
      workers, [&]() -> net::awaitable<HttpResponse> { co_return Handle(handler, req); }, net::use_awaitable);
}

ApiError UpgradeRequired() {
  return BadRequest("upgrade_required", "This address only speaks WebSocket.");
}

net::awaitable<void> Session(tcp::socket socket, std::shared_ptr<const RequestHandler> handler,
                             std::shared_ptr<const WebSocketRoute> ws_route, net::thread_pool& workers) {
  beast::error_code ec;
  std::string remote_ip;
  if (auto ep = socket.remote_endpoint(ec); !ec) remote_ip = ep.address().to_string();
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;

  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(kMaxBodyBytes);
    parser.header_limit(kHeaderLimit);
    stream.expires_after(kReadTimeout);
    co_await http::async_read(stream, buffer, parser, net::redirect_error(net::use_awaitable, ec));
    if (ec == http::error::body_limit) {
      co_await WriteRefusal(stream, PayloadTooLarge(), parser.get().version());
      co_return;
    }
    if (ec) {
      if (IsParseError(ec)) co_await WriteRefusal(stream, MalformedRequest(), 11);
      break;
    }

    BeastRequest& beast_req = parser.get();
    const bool keep_alive = beast_req.keep_alive();
    const bool head = beast_req.method() == http::verb::head;
    const unsigned version = beast_req.version();
    HttpRequest req = ToPlainRequest(beast_req, remote_ip);
    HttpResponse res;
    if (!ParseTarget(req)) {
      res = ErrorResponse(MalformedRequest());
    } else if (ws_route && req.path == ws_route->path) {
      if (!IsWebSocketUpgrade(beast_req)) {
        res = ErrorResponse(UpgradeRequired());
      } else if (auto refusal = ws_route->admit(req)) {
        res = std::move(*refusal);
      } else {
        stream.expires_never();  // the WebSocket keeps its own timeouts
        // A coroutine of its own, so this one's frame (parser, buffers) is freed for the
        // connection's whole life.
        StartWebSocket(std::move(stream), std::move(beast_req), workers, ws_route);
        co_return;
      }
    } else {
      res = co_await HandleOnWorkers(workers, *handler, req);
    }

    auto out = ToBeastResponse(std::move(res), version, keep_alive, head);
    stream.expires_after(kWriteTimeout);
    co_await http::async_write(stream, out, net::redirect_error(net::use_awaitable, ec));
    if (ec || !keep_alive) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

}  // namespace

struct HttpListener::Impl {
  explicit Impl(int worker_threads) : workers(static_cast<size_t>(worker_threads)) {}

  net::io_context ioc;
  net::thread_pool workers;
  tcp::acceptor acceptor{ioc};
  std::shared_ptr<const RequestHandler> handler;
  std::shared_ptr<const WebSocketRoute> ws_route;

  net::awaitable<void> AcceptLoop() {
    for (;;) {
      beast::error_code ec;
      tcp::socket socket =
          co_await acceptor.async_accept(net::make_strand(ioc), net::redirect_error(net::use_awaitable, ec));
      if (ec == net::error::operation_aborted || !acceptor.is_open()) co_return;
      if (ec) {
        // Out of file descriptors or similar: wait a little instead of spinning.
        net::steady_timer pause(ioc, 100ms);
        co_await pause.async_wait(net::redirect_error(net::use_awaitable, ec));
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      auto strand = socket.get_executor();
      net::co_spawn(strand, Session(std::move(socket), handler, ws_route, workers), net::detached);
    }
  }
};

HttpListener::HttpListener(const std::string& host, uint16_t port, RequestHandler handler, int worker_threads)
    : impl_(std::make_unique<Impl>(worker_threads)) {
  impl_->handler = std::make_shared<const RequestHandler>(std::move(handler));
  beast::error_code ec;
  tcp::resolver resolver(impl_->ioc);
  auto results = resolver.resolve(host, std::to_string(port), tcp::resolver::passive, ec);
  if (ec || results.empty()) throw std::runtime_error("cannot resolve host " + host + ": " + ec.message());
  tcp::endpoint endpoint = results.begin()->endpoint();
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
}

HttpListener::~HttpListener() = default;

uint16_t HttpListener::port() const {
  beast::error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void HttpListener::SetWebSocketRoute(WebSocketRoute route) {
  impl_->ws_route = std::make_shared<const WebSocketRoute>(std::move(route));
}

void HttpListener::Run(int io_threads) {
  auto& ioc = impl_->ioc;
  net::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([this, &ioc](const beast::error_code&, int) {
    beast::error_code ec;
    impl_->acceptor.close(ec);
    ioc.stop();
  });
  net::co_spawn(ioc, impl_->AcceptLoop(), net::detached);
  std::vector<std::thread> extra;
  for (int i = 1; i < io_threads; ++i) extra.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : extra) t.join();
  impl_->workers.stop();
  impl_->workers.join();
}

}  // namespace salik
