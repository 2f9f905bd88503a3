// The floor under the chat benchmark: a WebSocket relay that speaks just enough of the realtime
// protocol for salik_chat_load and stores nothing. It parses and builds frames with the server's
// functions (core/realtime_protocol.hpp) and queues and batches writes as the server's transport
// does (a write starts from a posted handler, so frames queued meanwhile go out together). It has
// no store, no shards, no other thread, no sign-in (the token names the seat), no limits, pings or
// timeouts. What the generator measures against it is what this machine, the generator and Beast
// cost on their own: the server's figures are to be read against it.
//
//   salik_relay_floor [PORT]     prints "listening on PORT" (0, the default: any free port)
//
// The generator's --floor mode connects users with the tokens "floor:<pair>:<side>" (side 0 or 1)
// and sends to the conversation "floor-<pair>"; both seats of a pair get each message, the
// sender also an ack.
#include <utility>  // before Asio: g++ 12 needs std::exchange

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/realtime_protocol.hpp"

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

namespace {

constexpr size_t kBatchBytes = 64 * 1024;  // as the server's transport
const char* const kTime = "2026-01-01T00:00:00.000Z";

// One socket and its outgoing frames. Everything runs on the one io thread.
struct Seat : std::enable_shared_from_this<Seat> {
  explicit Seat(tcp::socket s) : ws(std::move(s)) {}
  websocket::stream<beast::tcp_stream> ws;
  bool batching = false;
  std::vector<std::string> queue;  // queued since the writer last took them
  std::vector<std::string> out;    // being written, from out_at on
  size_t out_at = 0;
  std::string joined;  // the batch frame in flight
  bool writing = false;
  bool closed = false;

  void Send(std::string frame) {
    if (closed) return;
    queue.push_back(std::move(frame));
    if (writing) return;
    writing = true;
    net::post(ws.get_executor(), [self = shared_from_this()] { self->TakeQueued(); });
  }
  void TakeQueued() {
    if (queue.empty() || closed) {
      writing = false;
      return;
    }
    out.swap(queue);
    queue.clear();
    out_at = 0;
    WriteNext();
  }
  // One frame alone, or (for a client that asked) as many as fit in one batch frame.
  void WriteNext() {
    if (out_at >= out.size()) {
      out.clear();
      return TakeQueued();
    }
    size_t end = out_at + 1, bytes = out[out_at].size();
    if (batching)
      while (end < out.size() && bytes + out[end].size() <= kBatchBytes) bytes += out[end++].size();
    joined = end - out_at == 1 ? std::move(out[out_at]) : salik::realtime::BatchFrame(&out[out_at], end - out_at);
    out_at = end;
    ws.text(true);
    ws.async_write(net::buffer(joined), [self = shared_from_this()](const beast::error_code& ec, size_t) {
      if (ec) {
        self->closed = true;
        self->writing = false;
        return;
      }
      self->WriteNext();
    });
  }
};

struct Conversation {
  std::shared_ptr<Seat> seats[2];
  int64_t seq = 0;
};

// "floor:<pair>:<side>" → ("floor-<pair>", side); side -1 when the token is not one.
std::pair<std::string, int> SeatOf(const std::string& token) {
  auto first = token.find(':'), last = token.rfind(':');
  if (token.rfind("floor:", 0) != 0 || last == first || last == first + 1) return {"", -1};
  std::string side = token.substr(last + 1);
  if (side != "0" && side != "1") return {"", -1};
  return {"floor-" + token.substr(first + 1, last - first - 1), side == "1" ? 1 : 0};
}

salik::ApiError Refused(const char* code, const char* message) { return {400, code, message, {}}; }

net::awaitable<void> Serve(std::unordered_map<std::string, Conversation>& conversations, tcp::socket socket) {
  socket.set_option(tcp::no_delay(true));
  auto seat = std::make_shared<Seat>(std::move(socket));
  seat->ws.auto_fragment(false);
  std::string home;
  int side = -1;
  try {
    co_await seat->ws.async_accept(net::use_awaitable);
    beast::flat_buffer buffer;
    for (;;) {
      buffer.clear();
      co_await seat->ws.async_read(buffer, net::use_awaitable);
      auto parsed = salik::realtime::ParseClientFrame(beast::buffers_to_string(buffer.data()));
      if (auto* e = std::get_if<salik::realtime::FrameError>(&parsed)) {
        seat->Send(salik::realtime::ErrorFrame(e->error, e->client_id));
        continue;
      }
      auto& frame = std::get<salik::realtime::ClientFrame>(parsed);
      if (auto* hello = std::get_if<salik::realtime::Hello>(&frame)) {
        if (side >= 0) {
          seat->Send(salik::realtime::ErrorFrame(Refused("bad_frame", "Only the first frame is a hello."), ""));
          continue;
        }
        std::tie(home, side) = SeatOf(hello->token);
        if (side < 0) {
          co_await seat->ws.async_close({websocket::close_code::policy_error, "Not a floor seat."}, net::use_awaitable);
          break;
        }
        seat->batching = hello->batch;
        conversations[home].seats[side] = seat;
        seat->Send(salik::realtime::WelcomeFrame(hello->token, kTime));
        continue;
      }
      auto* send = std::get_if<salik::realtime::Send>(&frame);
      if (!send) continue;  // typing, read, ping: the load sends none
      if (side < 0 || send->conversation_id != home) {
        seat->Send(salik::realtime::ErrorFrame(Refused("not_found", "Not this seat's conversation."), send->client_id));
        continue;
      }
      Conversation& c = conversations[home];
      salik::Message m;
      m.id = send->client_id;
      m.conversation_id = home;
      m.seq = ++c.seq;
      m.sender_id = std::to_string(side);
      m.client_id = send->client_id;
      m.content = send->content;
      m.created_at = kTime;
      seat->Send(salik::realtime::AckFrame(m.client_id, m));
      std::string delivered = salik::realtime::MessageFrame(m);
      for (const auto& s : c.seats)
        if (s) s->Send(delivered);
    }
  } catch (const std::exception&) {
  }
  seat->closed = true;
  if (side >= 0) {
    auto& slot = conversations[home].seats[side];
    if (slot == seat) slot.reset();
  }
}

// Keeps accepting: a failed accept (out of file descriptors, say) waits a little and goes on.
net::awaitable<void> Listen(std::unordered_map<std::string, Conversation>& conversations, tcp::acceptor& acceptor) {
  net::steady_timer pause(acceptor.get_executor());
  for (;;) {
    beast::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(net::redirect_error(net::use_awaitable, ec));
    if (ec) {
      pause.expires_after(std::chrono::milliseconds(100));
      co_await pause.async_wait(net::redirect_error(net::use_awaitable, ec));
      continue;
    }
    net::co_spawn(acceptor.get_executor(), Serve(conversations, std::move(socket)), net::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  char* end = nullptr;
  long port = argc > 1 ? std::strtol(argv[1], &end, 10) : 0;
  if (argc > 2 || (argc > 1 && *end) || port < 0 || port > 65535) {
    std::fprintf(stderr, "usage: %s [PORT]\n", argv[0]);
    return 2;
  }
  net::io_context ioc(1);
  tcp::acceptor acceptor(ioc, {net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  std::printf("listening on %d\n", acceptor.local_endpoint().port());
  std::fflush(stdout);
  std::unordered_map<std::string, Conversation> conversations;
  net::co_spawn(ioc, Listen(conversations, acceptor), net::detached);
  ioc.run();
  return 0;
}
