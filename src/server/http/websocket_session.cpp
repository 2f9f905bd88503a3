// One WebSocket connection. Reading runs on the connection's strand: a small asynchronous read
// waits for the next frame, and what follows it is read at once. Writing goes through one lock:
// when nothing is waiting, the calling thread (a hub shard, a worker, the I/O thread) writes the
// frame straight to the socket without blocking; what the socket does not take at once, and
// everything sent meanwhile, waits in a queue that the strand writes out in one go. So a frame
// usually reaches the socket on the thread that made it, without waking another thread.
#include "server/http/websocket_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <iostream>
#include <mutex>
#include <vector>

#include "core/chat.hpp"
#include "core/realtime_protocol.hpp"
#include "server/ws/frame_codec.hpp"
#include "server/ws/message_reader.hpp"

namespace salik {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using ws::ReadEvent;
using namespace std::chrono_literals;

constexpr auto kHelloTimeout = 10s;
constexpr auto kClosingTimeout = 10s;  // from deciding to close to the socket's end, whatever the peer does
// A client that reads slower than we write: past this much queued, it is closed rather than
// letting its queue eat the server's memory.
constexpr size_t kMaxQueuedBytes = 8 * 1024 * 1024;
// Frames over ChatLimits::kFrameMax reach the hub, which answers frame_too_large and closes with
// a reason; past this hard cap the reader closes at once with 1009 (too big).
constexpr size_t kHardFrameMax = 4 * ChatLimits::kFrameMax;
// The waiting read is small because most connections sit in it (a send with a short message is
// ~200 bytes); when it fills, the rest is read at once in bigger pieces, up to a budget per turn.
constexpr size_t kWaitingRead = 256;
constexpr size_t kReadPiece = 16 * 1024;
constexpr size_t kReadBudget = 64 * 1024;
// A batch frame (for clients that asked for them) holds queued frames up to about this size, so
// one slow reader never gets one huge frame; a single larger frame still goes alone.
constexpr size_t kBatchBytes = 64 * 1024;
constexpr size_t kMaxCloseReason = ws::kMaxControlPayload - 2;
// Frames held back during a SendBatch are written in one gathered write up to this many; more
// go to the strand, which joins them into batch frames for clients that asked.
constexpr size_t kMaxGatheredFrames = 16;

std::string CloseFrame(uint16_t code, std::string_view reason) {
  std::string payload;
  if (code != ws::kCloseNoStatus) {
    payload.push_back(static_cast<char>(code >> 8));
    payload.push_back(static_cast<char>(code & 0xFF));
    size_t cut = std::min(reason.size(), kMaxCloseReason);
    while (cut < reason.size() && cut > 0 && (static_cast<unsigned char>(reason[cut]) & 0xC0) == 0x80)
      --cut;  // never inside a character: a client fails a close reason that is not UTF-8
    payload.append(reason.substr(0, cut));
  }
  std::string frame;
  ws::AppendFrame(frame, ws::kClose, payload);
  return frame;
}

// Runs a handler's callback on the strand; an exception must not leave it (it would stop an I/O
// thread).
template <typename F>
void Guarded(const char* what, F&& f) {
  try {
    f();
  } catch (const std::exception& e) {
    std::cerr << "error: websocket " << what << ": " << e.what() << std::endl;
  }
}

class WsSession final : public ws::Connection, public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(tcp::socket socket, net::thread_pool& workers)
      : socket_(std::move(socket)),
        strand_(socket_.get_executor()),
        fd_(socket_.native_handle()),
        timer_(strand_),
        workers_(workers),
        reader_(kHardFrameMax) {}

  const net::any_io_executor& strand() const { return strand_; }
  // Strand.
  void Start(std::string switching_protocols, std::string already_read, std::shared_ptr<const WebSocketRoute> route);

  void Send(std::string text) override {
    std::lock_guard lock(mu_);
    if (closing_) return;
    // Behind what waits, or held until this thread's SendBatch ends (see FlushHeld).
    if (writing_ || ws::SendBatch::Join(shared_from_this())) {
      if (queued_bytes_ + inflight_bytes_ + text.size() > kMaxQueuedBytes)
        return CloseLocked(ws::kCloseTryAgainLater, "Too many frames waiting: please reconnect.", /*drop_queued=*/true);
      writing_ = true;
      queued_bytes_ += text.size();
      queue_.push_back(std::move(text));
      return;
    }
    char header[ws::kMaxFrameHeader];
    iovec iov[2] = {{header, ws::WriteFrameHeader(header, ws::kText, text.size())}, {text.data(), text.size()}};
    WriteNowLocked(iov, 2);
  }

  void FlushHeld() override;

  void Close(std::string reason) override { CloseWith(ws::kClosePolicy, reason); }

  size_t QueuedBytes() override {
    std::lock_guard lock(mu_);
    return queued_bytes_ + inflight_bytes_;
  }

 private:
  // --- writing (any thread unless marked) ---
  // mu_ held, nothing waiting (writing_ false). Writes the pieces now as far as the socket takes
  // them without blocking; the rest waits in unsent_ for the strand.
  void WriteNowLocked(iovec* pieces, int count);
  // A control frame (pong, ping) as it goes on the wire. A pong waiting to be written is
  // replaced by a newer one, so a client that pings and never reads cannot grow the queue.
  void SendControl(std::string frame, bool is_pong);
  // Sends a close frame after what is queued; later frames are dropped.
  void CloseWith(uint16_t code, std::string_view reason) {
    std::lock_guard lock(mu_);
    CloseLocked(code, reason, /*drop_queued=*/false);
  }
  void CloseLocked(uint16_t code, std::string_view reason, bool drop_queued);
  // mu_ held: lets the strand write what waits, unless it is already doing so.
  void WakeWriterLocked() {
    if (writing_) return;
    writing_ = true;
    net::post(strand_, [self = shared_from_this()] { self->Drain(); });
  }
  // Strand: takes everything waiting and writes it in one go, again until nothing is left.
  void Drain();
  void BuildWire();  // strand: out_ and friends into iov_
  void WriteSome();  // strand: writes iov_ until it is all written
  void OnWritten(const boost::system::error_code& ec);
  void OnCloseSent();  // strand

  // --- reading (strand) ---
  void ArmRead();
  void OnRead(const boost::system::error_code& ec, size_t n);
  // Feeds bytes to the reader; false when reading must stop for now (paused or finished).
  bool Consume(char* data, size_t n);
  bool OnEvent(ReadEvent& e);
  void StartFirstFrame(std::string text, bool binary);
  void FirstFrameDone(bool signed_in, bool batch);

  // --- time and the end (strand) ---
  void ArmTimer(std::chrono::steady_clock::duration after);
  void OnTimer();
  void StartClosingTimer();
  void Finish();

  tcp::socket socket_;
  net::any_io_executor strand_;
  const int fd_;  // for writes off the strand; only used under mu_ while !closing_
  net::steady_timer timer_;
  net::thread_pool& workers_;
  std::shared_ptr<ws::ConnectionHandler> handler_;
  // Each quiet tick of this sends a ping; a tick after that with nothing heard ends the
  // connection (the peer is gone).
  std::chrono::seconds keep_alive_{30};

  // Strand only.
  ws::MessageReader reader_;
  char waiting_read_[kWaitingRead];
  bool first_frame_read_ = false;
  bool first_frame_pending_ = false;  // the handler has it on a worker; reading waits
  bool refused_ = false;
  bool hello_timed_out_ = false;
  bool batching_ = false;  // the client's hello asked for batch frames
  bool heard_ = false;     // something arrived since the last keep-alive tick
  bool ping_sent_ = false;
  bool closing_timer_ = false;
  uint32_t timer_armed_ = 0;  // which arming of the timer a completion belongs to
  bool write_pending_ = false;  // the strand's gathered write has not completed
  int stalled_ticks_ = 0;       // keep-alive ticks since it last made progress
  bool close_sent_ = false;
  bool close_received_ = false;
  bool finished_ = false;
  // What one Drain writes, kept until the write completes.
  std::string out_unsent_, out_control_, out_close_;
  std::vector<std::string> out_;
  std::vector<std::string> batches_;
  std::vector<char> headers_;
  std::vector<net::const_buffer> iov_;

  // Guarded by mu_. While writing_ is false nothing waits and any thread may write directly.
  std::mutex mu_;
  std::atomic<bool> closing_{false};  // a close frame is queued or sent, or the socket is gone
  bool writing_ = false;
  std::string unsent_;             // the rest of a frame the socket took only part of
  std::string control_;            // our keep-alive ping, written before queued messages
  std::vector<std::string> queue_;  // text messages, not yet framed
  size_t queued_bytes_ = 0;
  size_t inflight_bytes_ = 0;      // messages the strand is writing (out_)
  std::string pong_;               // the answer to the latest ping only (RFC 6455 section 5.5.3)
  std::string close_frame_;        // written after everything else
};

void WsSession::Start(std::string switching_protocols, std::string already_read,
                      std::shared_ptr<const WebSocketRoute> route) {
  {
    std::lock_guard lock(mu_);
    iovec iov = {switching_protocols.data(), switching_protocols.size()};
    WriteNowLocked(&iov, 1);
  }
  handler_ = route->open(shared_from_this());
  keep_alive_ = route->keep_alive;
  ArmTimer(kHelloTimeout);
  if (!already_read.empty() && !Consume(already_read.data(), already_read.size())) return;
  ArmRead();
}

void WsSession::WriteNowLocked(iovec* pieces, int count) {
  msghdr msg{};
  msg.msg_iov = pieces;
  msg.msg_iovlen = static_cast<size_t>(count);
  ssize_t n;
  do n = ::sendmsg(fd_, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);
  size_t total = 0;
  for (int i = 0; i < count; ++i) total += pieces[i].iov_len;
  if (n >= 0 && static_cast<size_t>(n) == total) return;
  writing_ = true;  // nothing may be written directly until the strand has dealt with this
  if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
    closing_ = true;  // the peer is gone
    net::post(strand_, [self = shared_from_this()] { self->Finish(); });
    return;
  }
  size_t skip = n < 0 ? 0 : static_cast<size_t>(n);
  for (int i = 0; i < count; ++i) {
    const size_t len = pieces[i].iov_len;
    if (skip >= len) {
      skip -= len;
      continue;
    }
    unsent_.append(static_cast<const char*>(pieces[i].iov_base) + skip, len - skip);
    skip = 0;
  }
  net::post(strand_, [self = shared_from_this()] { self->Drain(); });
}

void WsSession::FlushHeld() {
  std::lock_guard lock(mu_);
  if (closing_ || !unsent_.empty() || !control_.empty() || !pong_.empty() || queue_.size() > kMaxGatheredFrames) {
    // Something else to write too (or much held): the strand writes it all, batched.
    net::post(strand_, [self = shared_from_this()] { self->Drain(); });
    return;
  }
  char headers[kMaxGatheredFrames * ws::kMaxFrameHeader];
  iovec iov[2 * kMaxGatheredFrames];
  int count = 0;
  char* header = headers;
  for (std::string& frame : queue_) {
    const size_t size = ws::WriteFrameHeader(header, ws::kText, frame.size());
    iov[count++] = {header, size};
    iov[count++] = {frame.data(), frame.size()};
    header += size;
  }
  writing_ = false;  // nothing else waits: write them now, as Send would have
  if (count > 0) WriteNowLocked(iov, count);  // copies what the socket does not take
  queue_.clear();
  queued_bytes_ = 0;
}

void WsSession::SendControl(std::string frame, bool is_pong) {
  std::lock_guard lock(mu_);
  if (closing_) return;
  if (writing_) {
    if (is_pong)
      pong_ = std::move(frame);
    else
      control_ += frame;
    return;
  }
  iovec iov = {frame.data(), frame.size()};
  WriteNowLocked(&iov, 1);
}

void WsSession::CloseLocked(uint16_t code, std::string_view reason, bool drop_queued) {
  if (closing_) return;
  closing_ = true;
  if (drop_queued) {
    queue_.clear();
    queued_bytes_ = 0;
  }
  close_frame_ = CloseFrame(code, reason);
  WakeWriterLocked();
  net::post(strand_, [self = shared_from_this()] { self->StartClosingTimer(); });
}

void WsSession::Drain() {
  if (finished_) return;
  {
    std::lock_guard lock(mu_);
    if (unsent_.empty() && control_.empty() && pong_.empty() && queue_.empty() && close_frame_.empty()) {
      writing_ = false;
      return;
    }
    out_unsent_.swap(unsent_);
    out_control_.swap(control_);
    out_control_ += pong_;
    pong_.clear();
    out_.swap(queue_);
    out_close_.swap(close_frame_);
    inflight_bytes_ = queued_bytes_;
    queued_bytes_ = 0;
  }
  write_pending_ = true;
  stalled_ticks_ = 0;
  BuildWire();
  WriteSome();
}

void WsSession::WriteSome() {
  // One write at a time rather than async_write, so that the keep-alive sees each bit of progress.
  socket_.async_write_some(iov_, [self = shared_from_this()](const boost::system::error_code& ec, size_t n) {
    if (ec) return self->OnWritten(ec);
    self->stalled_ticks_ = 0;
    auto& iov = self->iov_;
    size_t done = 0;
    while (done < iov.size() && n >= iov[done].size()) n -= iov[done++].size();
    iov.erase(iov.begin(), iov.begin() + static_cast<std::ptrdiff_t>(done));
    if (iov.empty()) return self->OnWritten(ec);
    iov.front() += n;
    self->WriteSome();
  });
}

void WsSession::BuildWire() {
  iov_.clear();
  batches_.clear();
  batches_.reserve(out_.size());  // never reallocates below: iov_ points into these strings
  headers_.resize(out_.size() * ws::kMaxFrameHeader);
  if (!out_unsent_.empty()) iov_.push_back(net::buffer(out_unsent_));
  if (!out_control_.empty()) iov_.push_back(net::buffer(out_control_));
  char* header = headers_.data();
  for (size_t i = 0; i < out_.size();) {
    size_t end = i + 1, bytes = out_[i].size();
    if (batching_)
      while (end < out_.size() && bytes + out_[end].size() <= kBatchBytes) bytes += out_[end++].size();
    const std::string* payload = &out_[i];
    if (end - i > 1) payload = &batches_.emplace_back(realtime::BatchFrame(&out_[i], end - i));
    const size_t header_size = ws::WriteFrameHeader(header, ws::kText, payload->size());
    iov_.push_back(net::buffer(header, header_size));
    iov_.push_back(net::buffer(*payload));
    header += header_size;
    i = end;
  }
  if (!out_close_.empty()) iov_.push_back(net::buffer(out_close_));
}

void WsSession::OnWritten(const boost::system::error_code& ec) {
  const bool wrote_close = !out_close_.empty();
  write_pending_ = false;
  {
    std::lock_guard lock(mu_);
    inflight_bytes_ = 0;
  }
  // An idle connection keeps no buffers.
  out_unsent_ = {};
  out_control_ = {};
  out_close_ = {};
  out_ = {};
  batches_ = {};
  headers_ = {};
  iov_ = {};
  if (ec) return Finish();
  if (wrote_close) return OnCloseSent();
  Drain();
}

void WsSession::OnCloseSent() {
  close_sent_ = true;
  if (close_received_) return Finish();  // the peer began the closing handshake: it is complete
  // Our side is done; the socket stays open for reading until the peer's close frame or the end
  // of its stream, so its last frames do not turn into a reset that could lose our close frame.
  boost::system::error_code ec;
  socket_.shutdown(tcp::socket::shutdown_send, ec);
}

void WsSession::ArmRead() {
  socket_.async_read_some(net::buffer(waiting_read_),
                          [self = shared_from_this()](const boost::system::error_code& ec, size_t n) {
                            self->OnRead(ec, n);
                          });
}

void WsSession::OnRead(const boost::system::error_code& ec, size_t n) {
  if (finished_) return;
  if (ec) return Finish();  // the end of the stream, a reset, or the socket closed under us
  heard_ = true;
  if (!Consume(waiting_read_, n)) return;
  if (n == sizeof waiting_read_) {
    // More is probably waiting: read it now rather than through another asynchronous wait.
    thread_local char piece[kReadPiece];
    for (size_t budget = kReadBudget; budget >= kReadPiece; budget -= kReadPiece) {
      ssize_t got;
      do got = ::recv(fd_, piece, sizeof piece, MSG_DONTWAIT);
      while (got < 0 && errno == EINTR);
      if (got == 0) return Finish();
      if (got < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) break;
        return Finish();
      }
      if (!Consume(piece, static_cast<size_t>(got))) return;
      if (static_cast<size_t>(got) < sizeof piece) break;
    }
  }
  ArmRead();
}

bool WsSession::Consume(char* data, size_t n) {
  if (!reader_.Stopped()) reader_.Read(data, n, [this](ReadEvent& e) { return OnEvent(e); });
  // After a close frame or a protocol error the rest is read and dropped until the peer closes.
  return !finished_ && !first_frame_pending_;
}

bool WsSession::OnEvent(ReadEvent& e) {
  if (finished_) return false;
  switch (e.kind) {
    case ReadEvent::Kind::Text:
    case ReadEvent::Kind::Binary: {
      const bool binary = e.kind == ReadEvent::Kind::Binary;
      // Refused, timed out or closing: the connection only waits for the closing handshake.
      if (refused_ || hello_timed_out_ || closing_) return true;
      if (!first_frame_read_) {
        StartFirstFrame(std::move(e.payload), binary);
        return false;  // the next frames wait in the reader until the handler has the first
      }
      try {
        handler_->OnFrame(e.payload, binary);
      } catch (const std::exception& ex) {  // never out of here: it would stop the I/O thread
        std::cerr << "error: websocket frame: " << ex.what() << std::endl;
        Close("Something went wrong on our side.");
      }
      return true;
    }
    case ReadEvent::Kind::Ping: {
      std::string pong;
      ws::AppendFrame(pong, ws::kPong, e.payload);
      SendControl(std::move(pong), /*is_pong=*/true);
      return true;
    }
    case ReadEvent::Kind::Pong: return true;
    case ReadEvent::Kind::Close:
      close_received_ = true;
      if (close_sent_) {
        Finish();
      } else {
        CloseWith(e.code, "");  // the echo, with the peer's code
      }
      return false;
    case ReadEvent::Kind::Fail: CloseWith(e.code, e.reason); return false;
  }
  return false;
}

void WsSession::StartFirstFrame(std::string text, bool binary) {
  first_frame_read_ = true;
  first_frame_pending_ = true;
  ArmTimer(keep_alive_);  // the hello came in time
  net::post(workers_, [self = shared_from_this(), handler = handler_, text = std::move(text), binary] {
    bool signed_in = false;
    try {
      signed_in = handler->OnFirstFrame(text, binary);
    } catch (const std::exception& e) {
      std::cerr << "error: websocket hello: " << e.what() << std::endl;
      self->Close("Something went wrong on our side.");
    }
    const bool batch = signed_in && realtime::WantsBatches(text);
    net::post(self->strand_, [self, signed_in, batch] { self->FirstFrameDone(signed_in, batch); });
  });
}

void WsSession::FirstFrameDone(bool signed_in, bool batch) {
  first_frame_pending_ = false;
  refused_ = !signed_in;
  batching_ = batch;
  if (finished_) {  // the socket failed meanwhile; the handler hears of it only now
    if (auto handler = std::move(handler_)) Guarded("close", [&] { handler->OnClosed(); });
    return;
  }
  if (!Consume(nullptr, 0)) return;  // frames that came right behind the hello
  ArmRead();
}

void WsSession::ArmTimer(std::chrono::steady_clock::duration after) {
  timer_.expires_after(after);
  // A wait that had already expired cannot be cancelled: its completion still comes, with no
  // error. Only the latest arming counts.
  const uint32_t armed = ++timer_armed_;
  timer_.async_wait([self = shared_from_this(), armed](const boost::system::error_code& ec) {
    if (!ec && armed == self->timer_armed_) self->OnTimer();
  });
}

void WsSession::OnTimer() {
  if (finished_) return;
  if (closing_timer_) return Finish();  // the closing handshake did not finish in time
  if (!first_frame_read_) {
    hello_timed_out_ = true;
    Guarded("hello timeout", [&] { handler_->OnHelloTimeout(); });  // it sends an error frame and closes
    return;
  }
  // A write that made no progress in a whole period: the peer stopped reading (while it may
  // still send, so it is never silent).
  if (write_pending_ && ++stalled_ticks_ >= 2) return Finish();
  if (heard_) {
    heard_ = false;
    ping_sent_ = false;
  } else if (!ping_sent_) {
    ping_sent_ = true;
    std::string ping;
    ws::AppendFrame(ping, ws::kPing, "");
    SendControl(std::move(ping), /*is_pong=*/false);
  } else {
    return Finish();  // no answer to the ping: the peer is gone
  }
  ArmTimer(keep_alive_);
}

void WsSession::StartClosingTimer() {
  if (finished_ || closing_timer_) return;
  closing_timer_ = true;
  ArmTimer(kClosingTimeout);
}

void WsSession::Finish() {
  if (finished_) return;
  finished_ = true;
  {
    std::lock_guard lock(mu_);
    closing_ = true;
    writing_ = true;
    queue_.clear();
    queued_bytes_ = 0;
    boost::system::error_code ec;
    socket_.close(ec);  // under the lock: a direct write never meets a closed or reused descriptor
  }
  timer_.cancel();
  if (first_frame_pending_) return;  // FirstFrameDone tells the handler
  if (auto handler = std::move(handler_)) Guarded("close", [&] { handler->OnClosed(); });
}

}  // namespace

void StartWebSocket(tcp::socket socket, std::string switching_protocols, std::string already_read,
                    net::thread_pool& workers, std::shared_ptr<const WebSocketRoute> route) {
  auto session = std::make_shared<WsSession>(std::move(socket), workers);
  net::dispatch(session->strand(), [session, response = std::move(switching_protocols), read = std::move(already_read),
                         route = std::move(route)]() mutable {
    session->Start(std::move(response), std::move(read), std::move(route));
  });
}

}  // namespace salik
