// The floor under the chat benchmark: a WebSocket relay that speaks just enough of the realtime
// protocol for salik_chat_load and stores nothing. It parses and builds frames with the same
// functions as the server (core/realtime_protocol.hpp), writes with the same batching, and does
// nothing else: no store, no shards, no other thread. What the generator measures against it is
// what this machine, the generator and Beast cost on their own; the server's figures above it are
// what SalikChat adds. Not a server: no sign-in (the token names the seat), no checks.
//
//   salik_relay_floor [PORT]     prints "listening on PORT" (0: any free port)
//
// The generator's --floor mode connects users with the tokens "floor:<pair>:<side>" and sends
// to the conversation "floor-<pair>"; both seats of a pair get each message, the sender an ack.
#include <utility>  // before Asio: g++ 12 needs std::exchange

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <cstdio>
#include <cstdlib>
#include <deque>
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

// One socket and its outgoing frames. Everything runs on the one io thread.
struct Seat : std::enable_shared_from_this<Seat> {
  explicit Seat(tcp::socket s) : ws(std::move(s)) {}
  websocket::stream<beast::tcp_stream> ws;
  bool batching = false;
  std::vector<std::string> queue;  // waiting for the write in flight
  std::vector<std::string> out;    // being written
  std::string joined;
  bool writing = false;
  bool closed = false;

  void Send(std::string frame) {
    if (closed) return;
    queue.push_back(std::move(frame));
    if (!writing) WriteQueued();
  }
  // Takes everything queued as one batch frame (or the one frame alone), as the server does.
  void WriteQueued() {
    if (queue.empty() || closed) {
      writing = false;
      return;
    }
    writing = true;
    out.swap(queue);
    queue.clear();
    size_t end = 1, bytes = out[0].size();
    if (batching)
      while (end < out.size() && bytes + out[end].size() <= kBatchBytes) bytes += out[end++].size();
    // Frames past one batch's size go back to the front of the queue, in order.
    queue.insert(queue.begin(), std::make_move_iterator(out.begin() + static_cast<long>(end)),
                 std::make_move_iterator(out.end()));
    joined = end == 1 ? std::move(out[0]) : salik::realtime::BatchFrame(out.data(), end);
    out.clear();
    ws.text(true);
    ws.async_write(net::buffer(joined), [self = shared_from_this()](const beast::error_code& ec, size_t) {
      if (ec) {
        self->closed = true;
        return;
      }
      self->WriteQueued();
    });
  }
};

struct Conversation {
  std::shared_ptr<Seat> seats[2];
  int64_t seq = 0;
};

struct Relay {
  std::unordered_map<std::string, Conversation> conversations;
};

// "floor:<pair>:<side>" → ("floor-<pair>", side); side -1 when the token is not one.
std::pair<std::string, int> SeatOf(const std::string& token) {
  auto first = token.find(':'), last = token.rfind(':');
  if (token.rfind("floor:", 0) != 0 || last == first) return {"", -1};
  return {"floor-" + token.substr(first + 1, last - first - 1), token.substr(last + 1) == "1" ? 1 : 0};
}

net::awaitable<void> Serve(Relay& relay, tcp::socket socket) {
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
      std::string text = beast::buffers_to_string(buffer.data());
      auto parsed = salik::realtime::ParseClientFrame(text);
      auto* frame = std::get_if<salik::realtime::ClientFrame>(&parsed);
      if (!frame) continue;
      if (auto* hello = std::get_if<salik::realtime::Hello>(frame)) {
        std::tie(home, side) = SeatOf(hello->token);
        if (side < 0) break;
        seat->batching = hello->batch;
        relay.conversations[home].seats[side] = seat;
        seat->Send(salik::realtime::WelcomeFrame(hello->token, "2026-01-01T00:00:00.000Z"));
        continue;
      }
      auto* send = std::get_if<salik::realtime::Send>(frame);
      if (!send || side < 0 || send->conversation_id != home) continue;
      Conversation& c = relay.conversations[home];
      salik::Message m;
      m.id = send->client_id;
      m.conversation_id = home;
      m.seq = ++c.seq;
      m.sender_id = std::to_string(side);
      m.client_id = send->client_id;
      m.content = send->content;
      m.created_at = "2026-01-01T00:00:00.000Z";
      seat->Send(salik::realtime::AckFrame(m.client_id, m));
      std::string delivered = salik::realtime::MessageFrame(m);
      for (const auto& s : c.seats)
        if (s) s->Send(delivered);
    }
  } catch (const std::exception&) {
  }
  seat->closed = true;
  if (side >= 0) {
    auto& slot = relay.conversations[home].seats[side];
    if (slot == seat) slot.reset();
  }
}

net::awaitable<void> Listen(Relay& relay, tcp::acceptor& acceptor) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(net::use_awaitable);
    net::co_spawn(acceptor.get_executor(), Serve(relay, std::move(socket)), net::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  net::io_context ioc(1);
  tcp::acceptor acceptor(ioc, {net::ip::make_address("127.0.0.1"),
                               static_cast<unsigned short>(argc > 1 ? std::atoi(argv[1]) : 0)});
  std::printf("listening on %d\n", acceptor.local_endpoint().port());
  std::fflush(stdout);
  Relay relay;
  net::co_spawn(ioc, Listen(relay, acceptor), net::detached);
  ioc.run();
  return 0;
}
