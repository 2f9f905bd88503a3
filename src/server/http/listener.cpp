// HTTP/1.1 with Beast (websocket_session.cpp runs upgraded connections): a coroutine per
// connection that reads a request, hands a plain HttpRequest to the handler, writes the answer,
// and loops while the client keeps the connection alive. Each connection runs on its own strand,
// which an upgraded WebSocket keeps for its reads, timers and queued writes.
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
#include <cstdio>
#include <limits>
#include <fcntl.h>
#include <unistd.h>
#include <chrono>
#include <iostream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "server/http/json_body.hpp"
#include "server/http/responses.hpp"
#include "server/http/target.hpp"
#include "server/http/websocket_handshake.hpp"
#include "server/http/websocket_session.hpp"
#include "server/util/ids.hpp"

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
constexpr size_t kFileChunkBytes = 64 * 1024;  // pieces of a file body, read from disk and sent

using BeastResponse = http::response<http::string_body>;
using HeaderParser = http::request_parser<http::empty_body>;

// Method, target, headers and peer of a request whose body is not read yet.
HttpRequest PlainHeader(const http::request_header<>& req, const std::string& remote_ip) {
  HttpRequest out;
  out.method = std::string(req.method_string());
  out.target = std::string(req.target());
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = out.headers.emplace(name, std::string(field.value()));
    if (!inserted) it->second += ", " + std::string(field.value());
  }
  out.remote_ip = remote_ip;
  return out;
}

// Deletes an upload's temp file when the request is over, whatever happened: a refusal, a
// handler that threw, a client that hung up mid-body (the coroutine frame is destroyed). A
// handler that keeps the bytes has renamed the file away, so there is nothing left to delete.
struct TempFileGuard {
  std::filesystem::path path;
  // Called before an answer is written too, so a client that has its answer never sees the file.
  void Remove() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove(path, ec);
    path.clear();
  }
  ~TempFileGuard() { Remove(); }
};

ApiError UploadTooLarge(uint64_t limit) {
  return {413, "payload_too_large",
          "The file is too large. The limit is " + std::to_string(limit / (1024 * 1024)) + " MB.", {}};
}

template <class Body>
void SetCommonFields(http::response<Body>& out, HttpResponse& res, bool keep_alive) {
  for (auto& [name, value] : res.headers) out.set(name, value);
  out.set(http::field::server, "SalikChat");
  out.keep_alive(keep_alive);
}

BeastResponse ToBeastResponse(HttpResponse res, unsigned version, bool keep_alive, bool head) {
  BeastResponse out{static_cast<http::status>(res.status), version};
  SetCommonFields(out, res, keep_alive);
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

// Sends res.file from disk in kFileChunkBytes pieces (pread on the I/O thread: the pages are
// usually cached, and a piece is small), so memory stays flat whatever the file's size.
net::awaitable<bool> WriteFileResponse(beast::tcp_stream& stream, HttpResponse res, unsigned version,
                                       bool keep_alive, bool head) {
  const FileSlice slice = *res.file;
  int fd = ::open(slice.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::cerr << "error: cannot open " << slice.path << " to send it" << std::endl;
    auto out = ToBeastResponse(ErrorResponse(InternalError()), version, keep_alive, head);
    beast::error_code ec;
    co_await http::async_write(stream, out, net::redirect_error(net::use_awaitable, ec));
    co_return !ec;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};

  http::response<http::buffer_body> out{static_cast<http::status>(res.status), version};
  SetCommonFields(out, res, keep_alive);
  out.content_length(slice.length);
  out.body().data = nullptr;
  out.body().more = !head && slice.length > 0;
  http::response_serializer<http::buffer_body> sr{out};
  beast::error_code ec;
  stream.expires_after(kWriteTimeout);
  co_await http::async_write_header(stream, sr, net::redirect_error(net::use_awaitable, ec));
  if (ec || head || slice.length == 0) co_return !ec;

  std::vector<char> chunk(kFileChunkBytes);
  uint64_t sent = 0;
  while (sent < slice.length) {
    size_t want = static_cast<size_t>(std::min<uint64_t>(chunk.size(), slice.length - sent));
    ssize_t n = ::pread(fd, chunk.data(), want, static_cast<off_t>(slice.offset + sent));
    if (n <= 0) co_return false;  // the file shrank: the length is promised, so hang up
    sent += static_cast<uint64_t>(n);
    out.body().data = chunk.data();
    out.body().size = static_cast<size_t>(n);
    out.body().more = sent < slice.length;
    stream.expires_after(kWriteTimeout);
    co_await http::async_write(stream, sr, net::redirect_error(net::use_awaitable, ec));
    if (ec == http::error::need_buffer) ec = {};
    if (ec) co_return false;
  }
  co_return true;
}

// Reads the rest of a message piece by piece, so the read timeout is an idle timeout: a large
// upload on a slow line is fine as long as bytes keep coming.
template <class Parser>
net::awaitable<beast::error_code> ReadBody(beast::tcp_stream& stream, beast::flat_buffer& buffer, Parser& parser) {
  beast::error_code ec;
  while (!parser.is_done()) {
    stream.expires_after(kReadTimeout);
    co_await http::async_read_some(stream, buffer, parser, net::redirect_error(net::use_awaitable, ec));
    if (ec) break;
  }
  co_return ec;
}

// The body of a streaming upload into a new file under `dir`; fills req.body_file. A refusal to
// send is returned as an error; nullopt with guard.path set means the body is on disk.
struct UploadRead {
  std::optional<ApiError> refusal;  // answer this and close
  bool failed = false;              // the connection broke: just close
};

net::awaitable<UploadRead> ReadUploadBody(beast::tcp_stream& stream, beast::flat_buffer& buffer, HeaderParser& header,
                                          const std::filesystem::path& dir, uint64_t limit, HttpRequest& req,
                                          TempFileGuard& guard) {
  if (auto length = header.content_length(); length && *length > limit) co_return UploadRead{UploadTooLarge(limit)};
  std::error_code fs_ec;
  std::filesystem::create_directories(dir, fs_ec);
  guard.path = dir / ("upload-" + RandomHex(16));
  http::request_parser<http::file_body> parser{std::move(header)};
  parser.body_limit(limit);
  beast::error_code ec;
  parser.get().body().open(guard.path.c_str(), beast::file_mode::write_new, ec);
  if (ec) {
    std::cerr << "error: cannot create " << guard.path << ": " << ec.message() << std::endl;
    guard.path.clear();  // not ours to delete
    co_return UploadRead{InternalError()};
  }
  // A client that asked to wait for our go-ahead (curl does for large bodies) gets it.
  if (beast::iequals(parser.get()[http::field::expect], "100-continue")) {
    http::response<http::empty_body> go{http::status::continue_, parser.get().version()};
    stream.expires_after(kWriteTimeout);
    co_await http::async_write(stream, go, net::redirect_error(net::use_awaitable, ec));
    if (ec) co_return UploadRead{std::nullopt, true};
  }
  ec = co_await ReadBody(stream, buffer, parser);
  parser.get().body().close();
  if (ec == http::error::body_limit) co_return UploadRead{UploadTooLarge(limit)};
  if (ec) co_return UploadRead{IsParseError(ec) ? std::optional<ApiError>(MalformedRequest()) : std::nullopt, !IsParseError(ec)};
  req.body_file = guard.path;
  req.body_file_size = std::filesystem::file_size(guard.path, fs_ec);
  if (fs_ec) co_return UploadRead{InternalError()};
  co_return UploadRead{};
}

net::awaitable<void> Session(tcp::socket socket, std::shared_ptr<const RequestHandler> handler,
                             std::shared_ptr<const WebSocketRoute> ws_route,
                             std::shared_ptr<const StreamingUploads> uploads, net::thread_pool& workers) {
  beast::error_code ec;
  std::string remote_ip;
  if (auto ep = socket.remote_endpoint(ec); !ec) remote_ip = ep.address().to_string();
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;

  for (;;) {
    // The header first: where the request goes decides how its body is read (memory or disk).
    HeaderParser header;
    header.body_limit(std::numeric_limits<std::uint64_t>::max());  // checked below, per route
    header.header_limit(kHeaderLimit);
    stream.expires_after(kReadTimeout);
    co_await http::async_read_header(stream, buffer, header, net::redirect_error(net::use_awaitable, ec));
    if (ec) {
      if (IsParseError(ec)) co_await WriteRefusal(stream, MalformedRequest(), 11);
      break;
    }
    const unsigned version = header.get().version();
    const bool keep_alive = header.get().keep_alive();
    const bool head = header.get().method() == http::verb::head;
    HttpRequest req = PlainHeader(header.get(), remote_ip);
    const bool target_ok = ParseTarget(req);
    const bool is_ws = target_ok && ws_route && req.path == ws_route->path;

    std::optional<uint64_t> upload_limit;
    if (target_ok && !is_ws && uploads && uploads->limit_for) upload_limit = uploads->limit_for(req);

    TempFileGuard temp;
    if (upload_limit) {
      UploadRead read = co_await ReadUploadBody(stream, buffer, header, uploads->temp_dir, *upload_limit, req, temp);
      if (read.refusal) {
        temp.Remove();
        co_await WriteRefusal(stream, *read.refusal, version);
        co_return;
      }
      if (read.failed) break;
    } else {
      if (auto length = header.content_length(); length && *length > kMaxBodyBytes) {
        co_await WriteRefusal(stream, PayloadTooLarge(), version);
        co_return;
      }
      http::request_parser<http::string_body> parser{std::move(header)};
      parser.body_limit(kMaxBodyBytes);
      ec = co_await ReadBody(stream, buffer, parser);
      if (ec == http::error::body_limit) {
        co_await WriteRefusal(stream, PayloadTooLarge(), version);
        co_return;
      }
      if (ec) {
        if (IsParseError(ec)) co_await WriteRefusal(stream, MalformedRequest(), version);
        break;
      }
      req.body = std::move(parser.get().body());
    }

    HttpResponse res;
    if (!target_ok) {
      res = ErrorResponse(MalformedRequest());
    } else if (is_ws) {
      UpgradeCheck upgrade = CheckWebSocketUpgrade(req, version);
      if (upgrade.refusal) {
        res = std::move(*upgrade.refusal);
      } else if (auto refusal = ws_route->admit(req)) {
        res = std::move(*refusal);
      } else {
        // The session owns the socket from here, with its own timeouts; this coroutine ends, so
        // its frame (parser, buffers) is freed for the connection's whole life.
        std::string already_read = beast::buffers_to_string(buffer.data());
        StartWebSocket(stream.release_socket(), SwitchingProtocolsResponse(upgrade.accept_key), std::move(already_read),
                       workers, ws_route);
        co_return;
      }
    } else {
      res = co_await HandleOnWorkers(workers, *handler, req);
      temp.Remove();
    }

    if (res.file && res.status != 204 && res.status != 304) {
      if (!co_await WriteFileResponse(stream, std::move(res), version, keep_alive, head) || !keep_alive) break;
      continue;
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
  std::shared_ptr<const StreamingUploads> uploads;

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
      net::co_spawn(strand, Session(std::move(socket), handler, ws_route, uploads, workers), net::detached);
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

void HttpListener::SetStreamingUploads(StreamingUploads uploads) {
  std::error_code ec;
  std::filesystem::create_directories(uploads.temp_dir, ec);
  impl_->uploads = std::make_shared<const StreamingUploads>(std::move(uploads));
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
