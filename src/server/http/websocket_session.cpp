// One WebSocket connection: a reader coroutine that feeds frames to the hub's handler and a
// writer (a chain of completion handlers, started only when there is something to write) that
// drains the outbound queue, both on the connection's strand. The hub calls Send and Close from
// any thread; they only queue and start the writer.
#include "server/http/websocket_session.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <vector>
#include <iostream>
#include <mutex>

#include "core/chat.hpp"
#include "core/realtime_protocol.hpp"

namespace salik {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using namespace std::chrono_literals;

constexpr auto kHelloTimeout = 10s;
constexpr auto kHandshakeTimeout = 10s;  // the upgrade and the closing handshake
constexpr auto kIdleTimeout = 60s;       // a ping after 30 s of silence; no answer by 60 s: gone
// A client that reads slower than we write: past this much queued, it is closed rather than
// letting its queue eat the server's memory.
constexpr size_t kMaxQueuedBytes = 8 * 1024 * 1024;
// A frame's first read is small because most connections sit waiting in it, each holding that
// much buffer; it still takes a whole chat frame (a send with a short message is ~200 bytes).
// The rest of a longer frame comes in bigger pieces.
constexpr size_t kFirstReadPiece = 256;
constexpr size_t kReadPiece = 4096;
constexpr size_t kHardFrameMax = 4 * ChatLimits::kFrameMax;
// A batch frame (for clients that asked for them) holds queued frames up to about this size, so
// one slow reader never gets one huge frame; a single larger frame still goes alone.
constexpr size_t kBatchBytes = 64 * 1024;

class WsSession final : public ws::Connection, public std::enable_shared_from_this<WsSession> {
 public:
  explicit WsSession(beast::tcp_stream stream)
      : ws_(std::move(stream)), hello_timer_(ws_.get_executor()) {}

  net::awaitable<void> Run(UpgradeRequest req, net::thread_pool& workers, std::shared_ptr<const WebSocketRoute> route);

  void Send(std::string text) override {
    std::lock_guard lock(mu_);
    if (done_ || closing_) return;
    queued_bytes_ += text.size();
    if (queued_bytes_ > kMaxQueuedBytes) {
      queue_.clear();
      queued_bytes_ = 0;
      closing_ = true;
      close_reason_ = websocket::close_reason(websocket::close_code::try_again_later,
                                              "Too many frames waiting: please reconnect.");
    } else {
      queue_.push_back(std::move(text));
    }
    StartWriter();
  }

  void Close(std::string reason) override {
    std::lock_guard lock(mu_);
    if (done_ || closing_) return;
    closing_ = true;
    close_reason_ = websocket::close_reason(websocket::close_code::policy_error, reason);
    StartWriter();
  }

  size_t QueuedBytes() override {
    std::lock_guard lock(mu_);
    return queued_bytes_;
  }

 private:
  // The writer is a chain of completion handlers, not a coroutine waiting for work: an idle
  // connection then holds no pending operation, frame or buffer for it (most connections idle).
  // mu_ held: starts a write cycle on the strand unless one is running.
  void StartWriter() {
    if (writing_) return;
    writing_ = true;
    net::post(ws_.get_executor(), [self = shared_from_this()] { self->WriteQueued(); });
  }
  // Strand: takes everything queued and writes it, then looks again; stops when nothing is left.
  void WriteQueued();
  // Strand: writes out_ from out_at_ on, one WebSocket message per frame or joined into batch
  // frames when the client asked, then goes back to WriteQueued.
  void WriteNextFrame();
  void WriteFailed();

  websocket::stream<beast::tcp_stream> ws_;
  net::steady_timer hello_timer_;
  bool first_frame_read_ = false;  // strand only
  bool hello_timed_out_ = false;   // strand only
  bool batching_ = false;          // strand only: the client's hello asked for batch frames
  std::vector<std::string> out_;   // strand only: the frames being written
  size_t out_at_ = 0;              // strand only: the next of them
  std::string joined_;             // strand only: the batch frame being written

  std::mutex mu_;
  std::vector<std::string> queue_;
  size_t queued_bytes_ = 0;
  bool writing_ = false;  // a write cycle is scheduled or running
  bool closing_ = false;  // write what is queued, then close with close_reason_
  bool done_ = false;     // the socket is finished: the writer stops
  websocket::close_reason close_reason_;
};

net::awaitable<void> WsSession::Run(UpgradeRequest req, net::thread_pool& workers,
                                    std::shared_ptr<const WebSocketRoute> route) {
  auto self = shared_from_this();
  ws_.set_option(websocket::stream_base::timeout{kHandshakeTimeout, kIdleTimeout, true});
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "SalikChat"); }));
  // Frames over ChatLimits::kFrameMax reach the hub, which answers frame_too_large and closes
  // with a reason; past this hard cap Beast closes at once with 1009 (too big).
  ws_.read_message_max(kHardFrameMax);
  // One frame per message whatever its size: with Beast's default every message over 4 KB (a
  // batch of queued frames, a resume page) went out as 4 KB fragments, one socket write each.
  ws_.auto_fragment(false);

  beast::error_code ec;
  {
    UpgradeRequest upgrade = std::move(req);  // freed once accepted: idle connections stay small
    co_await ws_.async_accept(upgrade, net::redirect_error(net::use_awaitable, ec));
  }
  if (ec) co_return;

  std::shared_ptr<ws::ConnectionHandler> handler = route->open(self);
  route.reset();
  hello_timer_.expires_after(kHelloTimeout);
  hello_timer_.async_wait([self, handler](const beast::error_code& e) {
    if (e || self->first_frame_read_) return;
    self->hello_timed_out_ = true;
    handler->OnHelloTimeout();
  });

  beast::flat_buffer buffer;
  bool signed_in = false, refused = false;
  for (;;) {
    // In small pieces: a read reserves its buffer while it waits, and most connections wait.
    size_t piece = kFirstReadPiece;
    do {
      co_await ws_.async_read_some(buffer, piece, net::redirect_error(net::use_awaitable, ec));
      piece = kReadPiece;
    } while (!ec && !ws_.is_message_done());
    if (ec) break;
    std::string text = beast::buffers_to_string(buffer.data());
    buffer.consume(buffer.size());
    buffer.shrink_to_fit();  // Beast reads frame headers into its own buffer: idle needs none here
    const bool binary = ws_.got_binary();
    if (refused || hello_timed_out_) continue;  // waiting for the close handshake to finish
    if (signed_in) {
      try {
        handler->OnFrame(text, binary);
      } catch (const std::exception& e) {  // never out of this coroutine: it would stop the I/O thread
        std::cerr << "error: websocket frame: " << e.what() << std::endl;
        Close("Something went wrong on our side.");
      }
      continue;
    }
    first_frame_read_ = true;
    hello_timer_.cancel();
    signed_in = co_await net::co_spawn(
        workers,
        [&]() -> net::awaitable<bool> {
          try {
            co_return handler->OnFirstFrame(text, binary);
          } catch (const std::exception& e) {
            std::cerr << "error: websocket hello: " << e.what() << std::endl;
          }
          self->Close("Something went wrong on our side.");
          co_return false;
        },
        net::use_awaitable);
    refused = !signed_in;
    batching_ = signed_in && realtime::WantsBatches(text);
  }

  hello_timer_.cancel();
  {
    std::lock_guard lock(mu_);
    done_ = true;  // a write in flight fails or finishes; the writer checks done_ next
    queue_.clear();
  }
  handler->OnClosed();
}

void WsSession::WriteQueued() {
  bool close = false;
  {
    std::lock_guard lock(mu_);
    if (done_) {
      writing_ = false;
      return;
    }
    if (!queue_.empty()) {
      out_.swap(queue_);
      queued_bytes_ = 0;
    } else if (closing_) {
      close = true;  // writing_ stays true: nothing is written after the close
    } else {
      writing_ = false;
      out_ = {};  // an idle connection keeps no buffers
      joined_ = {};
      return;
    }
  }
  if (close) {
    ws_.async_close(close_reason_, [self = shared_from_this()](const beast::error_code&) {
      std::lock_guard lock(self->mu_);
      self->done_ = true;
    });
    return;
  }
  out_at_ = 0;
  WriteNextFrame();
}

void WsSession::WriteNextFrame() {
  if (out_at_ >= out_.size()) {
    out_.clear();
    return WriteQueued();
  }
  size_t end = out_at_ + 1, bytes = out_[out_at_].size();
  if (batching_)
    while (end < out_.size() && bytes + out_[end].size() <= kBatchBytes) bytes += out_[end++].size();
  net::const_buffer message;
  if (end - out_at_ == 1) {
    message = net::buffer(out_[out_at_]);
  } else {
    joined_ = realtime::BatchFrame(&out_[out_at_], end - out_at_);
    message = net::buffer(joined_);
  }
  out_at_ = end;
  ws_.text(true);
  ws_.async_write(message, [self = shared_from_this()](const beast::error_code& ec, size_t) {
    if (ec) return self->WriteFailed();
    self->WriteNextFrame();
  });
}

void WsSession::WriteFailed() {
  std::lock_guard lock(mu_);
  done_ = true;
  writing_ = false;
  queue_.clear();
}

}  // namespace

bool IsWebSocketUpgrade(const UpgradeRequest& req) { return websocket::is_upgrade(req); }

void StartWebSocket(beast::tcp_stream stream, UpgradeRequest req, net::thread_pool& workers,
                    std::shared_ptr<const WebSocketRoute> route) {
  auto executor = stream.get_executor();
  auto session = std::make_shared<WsSession>(std::move(stream));
  // The lambda (and so the session) lives in co_spawn's frame until Run completes.
  net::co_spawn(
      executor,
      [session, req = std::move(req), &workers, route = std::move(route)]() mutable {
        return session->Run(std::move(req), workers, std::move(route));
      },
      net::detached);
}

}  // namespace salik
