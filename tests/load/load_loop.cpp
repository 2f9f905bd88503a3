#include "load_loop.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <queue>
#include <random>
#include <stdexcept>

#include "core/client_id.hpp"
#include "server/ws/frame_codec.hpp"
#include "frame_skim.hpp"
#include "unix_millis.hpp"

namespace salik::load {
namespace {

constexpr auto kTick = std::chrono::milliseconds(5);
constexpr size_t kMaxFramePayload = 16 * 1024 * 1024;
constexpr size_t kReadChunk = 64 * 1024;
constexpr uint32_t kWakeTag = UINT32_MAX;

// The send time travels as the content, in letters a-p (base 16): digits would read as a phone
// number and be masked for the other party, like any message with contact details.
void AppendTime(std::string& out, int64_t ns) {
  char letters[16];
  int n = 0;
  for (; ns > 0; ns >>= 4) letters[n++] = static_cast<char>('a' + (ns & 15));
  out += "sent ";
  while (n > 0) out.push_back(letters[--n]);
}
int64_t DecodeTime(std::string_view content) {
  if (content.substr(0, 5) != "sent " || content.size() == 5) return 0;
  int64_t ns = 0;
  for (size_t i = 5; i < content.size(); ++i) {
    if (content[i] < 'a' || content[i] > 'p') return 0;
    ns = (ns << 4) | (content[i] - 'a');
  }
  return ns;
}

}  // namespace

struct LoadLoop::Conn {
  enum class State { Connecting, Upgrading, Open, Dead };
  int fd = -1;
  int index = 0;
  Seat seat;
  State state = State::Connecting;
  std::string in;       // the start of a frame not yet whole (before the upgrade: the answer so far)
  std::string message;  // a fragmented message being put together
  std::string out;      // bytes the socket did not take yet, from out_at on
  size_t out_at = 0;
  bool want_write = false;  // EPOLLOUT is on
  bool pending = false;     // a closed-loop send waits for its ack
  uint64_t sent = 0;
  std::minstd_rand random;
  // The seqs of the connection's one conversation delivered so far (conversations are new, so
  // every seq from 1 reaches both participants).
  std::vector<bool> seen;
  int64_t newest = 0;

  uint64_t Missing() const {
    uint64_t n = 0;
    for (int64_t seq = 1; seq < newest; ++seq) n += !seen[static_cast<size_t>(seq)];
    return n;
  }
};

namespace {

// The loop's own state that the helpers below share.
struct Engine {
  int epoll_fd;
  const LoadSettings& settings;
  const sockaddr_in& address;
  Stats& stats;
  std::atomic<int>& connected;
  const std::atomic<Phase>& phase;
  std::string scratch;   // a frame being built
  std::string payload;   // its payload
  std::vector<char> read_buffer = std::vector<char>(kReadChunk);
  uint32_t mask_state = 0x9E3779B9u;
  // Open loop: when each connection sends next (earliest first).
  using Due = std::pair<Clock::time_point, int>;
  std::priority_queue<Due, std::vector<Due>, std::greater<>> schedule;

  // The open loop's time between two sends of one connection.
  std::chrono::microseconds Period() const { return std::chrono::microseconds(1'000'000 / std::max(1, settings.rate)); }

  uint32_t NextMask() {  // xorshift32: masks need not be secret here, only present
    mask_state ^= mask_state << 13;
    mask_state ^= mask_state >> 17;
    mask_state ^= mask_state << 5;
    return mask_state;
  }

  void Watch(LoadLoop::Conn& c, bool write) {
    epoll_event ev{};
    ev.events = EPOLLIN | (write ? EPOLLOUT : 0);
    ev.data.u32 = static_cast<uint32_t>(c.index);
    epoll_ctl(epoll_fd, EPOLL_CTL_MOD, c.fd, &ev);
    c.want_write = write;
  }

  void Fail(LoadLoop::Conn& c) {
    if (c.state == LoadLoop::Conn::State::Dead) return;
    if (phase != Phase::Stop) ++stats.errors;
    c.state = LoadLoop::Conn::State::Dead;
    epoll_ctl(epoll_fd, EPOLL_CTL_DEL, c.fd, nullptr);
    close(c.fd);
    c.fd = -1;
  }

  // Writes what is waiting; on a full socket the rest waits for EPOLLOUT.
  void Flush(LoadLoop::Conn& c) {
    while (c.out_at < c.out.size()) {
      ssize_t n = send(c.fd, c.out.data() + c.out_at, c.out.size() - c.out_at, MSG_NOSIGNAL);
      if (n > 0) {
        c.out_at += static_cast<size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        if (!c.want_write) Watch(c, true);
        return;
      }
      return Fail(c);
    }
    c.out.clear();
    c.out_at = 0;
    if (c.want_write) Watch(c, false);
  }

  void Write(LoadLoop::Conn& c, std::string_view bytes) {
    if (c.state == LoadLoop::Conn::State::Dead) return;
    bool idle = c.out_at >= c.out.size();
    c.out.append(bytes);
    if (idle) Flush(c);
  }

  void WriteFrame(LoadLoop::Conn& c, ws::Opcode opcode, std::string_view body) {
    scratch.clear();
    ws::AppendMaskedFrame(scratch, opcode, body, NextMask());
    Write(c, scratch);
  }

  void SendMessage(LoadLoop::Conn& c) {
    // Ids and the time need no JSON escaping. The client id is time first, like the app's.
    payload.assign(R"({"type":"send","conversation_id":")");
    payload += c.seat.conversation_id;
    payload += R"(","client_id":")";
    payload += TimeOrderedClientId(UnixMillis(), (uint64_t(c.index) << 32) | ++c.sent);
    payload += R"(","content":")";
    AppendTime(payload, Clock::now().time_since_epoch().count());
    payload += R"("})";
    c.pending = true;
    ++stats.sent;
    WriteFrame(c, ws::kText, payload);
  }

  void ScheduleFirst(LoadLoop::Conn& c, Clock::time_point now) {
    // Each user on its own schedule, started at a random point of the period, as independent
    // people would be (all at once would measure bursts of the whole crowd).
    schedule.emplace(now + Period() * (c.random() % 1000) / 1000, c.index);
  }

  void OnFrame(LoadLoop::Conn& c, const SkimmedFrame& f) {
    if (f.type == "message") {
      ++stats.delivered;
      if (f.seq > 0) {
        auto at = static_cast<size_t>(f.seq);
        if (c.seen.size() <= at) c.seen.resize(std::max<size_t>(at + 1, 2 * c.seen.size()));
        if (c.seen[at]) ++stats.duplicates;
        else if (f.seq < c.newest) ++stats.late;
        c.seen[at] = true;
        c.newest = std::max(c.newest, f.seq);
      }
      int64_t sent_ns = DecodeTime(f.content);
      if (sent_ns > 0) stats.latencies_ms.push_back((Clock::now().time_since_epoch().count() - sent_ns) / 1e6);
    } else if (f.type == "ack" || f.type == "error") {
      if (f.type == "error") ++stats.errors;
      c.pending = false;
      if (phase == Phase::ClosedLoop) SendMessage(c);
    }
  }

  void OnText(LoadLoop::Conn& c, std::string_view text) {
    if (!SkimFrames(text, [&](const SkimmedFrame& f) { OnFrame(c, f); })) ++stats.errors;
  }

  void Opened(LoadLoop::Conn& c, Clock::time_point now) {
    c.state = LoadLoop::Conn::State::Open;
    payload.assign(R"({"type":"hello","token":")");
    payload += c.seat.token;  // tokens need no escaping
    payload += settings.batch ? R"(","batch":true})" : R"("})";
    WriteFrame(c, ws::kText, payload);
    ++connected;
    if (phase == Phase::ClosedLoop) SendMessage(c);
    if (phase == Phase::OpenLoop) ScheduleFirst(c, now);
  }

  // Reads the 101 answer to the upgrade from c.in; true once it has come, with the frames after
  // it left in c.in.
  bool ReadUpgrade(LoadLoop::Conn& c, Clock::time_point now) {
    size_t end = c.in.find("\r\n\r\n");
    if (end == std::string::npos) {
      if (c.in.size() > 8192) Fail(c);
      return false;
    }
    if (c.in.compare(0, 12, "HTTP/1.1 101") != 0) {
      Fail(c);
      return false;
    }
    c.in.erase(0, end + 4);
    Opened(c, now);
    return c.state == LoadLoop::Conn::State::Open;
  }

  // Handles every whole frame in `data`; what is left of an unfinished one waits in c.in.
  void Feed(LoadLoop::Conn& c, std::string_view data) {
    size_t at = 0;
    for (;;) {
      ws::Frame frame;
      ws::FrameRead r = ws::ReadFrame(data.substr(at), /*expect_masked=*/false, kMaxFramePayload, frame);
      if (r == ws::FrameRead::NeedMore) break;
      if (r != ws::FrameRead::Complete) return Fail(c);
      const std::string_view payload = data.substr(at + frame.header_size, frame.payload_size);
      at += frame.header_size + frame.payload_size;
      switch (frame.opcode) {
        case ws::kText:
        case ws::kContinuation:
          if (frame.fin && c.message.empty()) {
            OnText(c, payload);
          } else {
            c.message.append(payload);
            if (frame.fin) {
              OnText(c, c.message);
              c.message.clear();
            }
          }
          break;
        case ws::kPing: WriteFrame(c, ws::kPong, payload); break;
        case ws::kClose: return Fail(c);
        default: break;  // pongs; no binary frames are expected
      }
      if (c.state == LoadLoop::Conn::State::Dead) return;
    }
    c.in.assign(data.substr(at));
  }

  // One read per readiness (epoll is level-triggered, so nothing is missed): most reads take
  // everything waiting, and a second read would mostly answer EAGAIN.
  void Readable(LoadLoop::Conn& c, Clock::time_point now) {
    ssize_t n = recv(c.fd, read_buffer.data(), read_buffer.size(), 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    if (n <= 0) return Fail(c);
    std::string_view got(read_buffer.data(), static_cast<size_t>(n));
    if (c.state == LoadLoop::Conn::State::Upgrading) {
      c.in.append(got);
      if (!ReadUpgrade(c, now)) return;
      got = {};
    }
    if (c.in.empty()) return Feed(c, got);  // the common case: no copy
    std::string joined;
    joined.swap(c.in);
    joined.append(got);
    Feed(c, joined);
  }

  void Connected(LoadLoop::Conn& c) {
    int error = 0;
    socklen_t len = sizeof error;
    if (getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &len) != 0 || error != 0) return Fail(c);
    c.state = LoadLoop::Conn::State::Upgrading;
    // The key only has to be well-formed: the generator does not check the server's answer to it.
    std::string upgrade = "GET /api/ws HTTP/1.1\r\nHost: " + settings.host + ":" + std::to_string(settings.port) +
                          "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                          "Sec-WebSocket-Key: c2FsaWtjaGF0LWxvYWQtMQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    Write(c, upgrade);
  }

  void Start(LoadLoop::Conn& c) {
    c.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0) {  // out of descriptors, say: counted as that connection's failure
      if (phase != Phase::Stop) ++stats.errors;
      c.state = LoadLoop::Conn::State::Dead;
      return;
    }
    int one = 1;
    // Without it, Nagle holds small frames back until the server's delayed ACK (~40 ms).
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT;  // writable once connected
    ev.data.u32 = static_cast<uint32_t>(c.index);
    c.want_write = true;
    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, c.fd, &ev);
    if (connect(c.fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 && errno != EINPROGRESS)
      Fail(c);
  }
};

}  // namespace

LoadLoop::LoadLoop(LoadSettings settings, std::vector<Seat> seats) : settings_(std::move(settings)) {
  addrinfo hints{};
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(settings_.host.c_str(), std::to_string(settings_.port).c_str(), &hints, &found) != 0 || !found)
    throw std::runtime_error("cannot resolve " + settings_.host + " to an IPv4 address");
  std::memcpy(&address_, found->ai_addr, sizeof address_);
  freeaddrinfo(found);
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (epoll_fd_ < 0 || wake_fd_ < 0) throw std::runtime_error("epoll/eventfd failed");
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u32 = kWakeTag;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev);
  for (size_t i = 0; i < seats.size(); ++i) {
    auto c = std::make_unique<Conn>();
    c->index = static_cast<int>(i);
    c->seat = std::move(seats[i]);
    c->random.seed(static_cast<unsigned>(i) * 7919u + 1u);
    conns_.push_back(std::move(c));
  }
  thread_ = std::thread([this] { Run(); });
}

LoadLoop::~LoadLoop() {
  if (thread_.joinable()) Finish();
  close(wake_fd_);
  close(epoll_fd_);
}

void LoadLoop::Wake() {
  uint64_t one = 1;
  [[maybe_unused]] ssize_t n = write(wake_fd_, &one, sizeof one);
}

void LoadLoop::SetPhase(Phase phase) {
  phase_ = phase;
  Wake();
}

void LoadLoop::Call(std::function<void()> work) {
  std::unique_lock lock(mu_);
  bool ran = false;
  requests_.push_back([&] {
    work();
    std::lock_guard done(mu_);
    ran = true;
    done_.notify_all();
  });
  lock.unlock();
  Wake();
  lock.lock();
  done_.wait(lock, [&] { return ran; });
}

Stats LoadLoop::Snapshot(bool reset) {
  Stats now;
  Call([&] {
    now = stats_;
    now.window_s = std::chrono::duration<double>(Clock::now() - now.since).count();
    if (reset) stats_ = Stats{};
  });
  return now;
}

OrderCheck LoadLoop::Finish() {
  OrderCheck check;
  Call([&] {
    for (auto& c : conns_) {
      if (c->state == Conn::State::Open) {
        ++check.checked;
        check.missing += c->Missing();
      }
      if (c->fd >= 0) close(c->fd);
      c->fd = -1;
    }
    exit_ = true;
  });
  thread_.join();
  return check;
}

void LoadLoop::Run() {
  Engine e{epoll_fd_, settings_, address_, stats_, connected_, phase_, {}, {}};
  for (auto& c : conns_) e.Start(*c);
  const auto period = e.Period();
  Phase seen = Phase::Idle;
  auto tick = Clock::now() + kTick;
  std::vector<epoll_event> events(256);
  while (!exit_) {
    auto now = Clock::now();
    auto until = tick;
    if (seen == Phase::OpenLoop && !e.schedule.empty()) until = std::min(until, e.schedule.top().first);
    auto wait_ns = std::max<int64_t>(0, std::chrono::duration_cast<std::chrono::nanoseconds>(until - now).count());
    timespec timeout{static_cast<time_t>(wait_ns / 1'000'000'000), static_cast<long>(wait_ns % 1'000'000'000)};
    int n = epoll_pwait2(epoll_fd_, events.data(), static_cast<int>(events.size()), &timeout, nullptr);
    now = Clock::now();
    for (int i = 0; i < n; ++i) {
      uint32_t tag = events[i].data.u32;
      if (tag == kWakeTag) {
        uint64_t count;
        [[maybe_unused]] ssize_t r = read(wake_fd_, &count, sizeof count);
        continue;
      }
      Conn& c = *conns_[tag];
      if (c.state == Conn::State::Dead) continue;
      if (events[i].events & (EPOLLERR | EPOLLHUP) && c.state == Conn::State::Connecting) {
        e.Fail(c);
        continue;
      }
      if (events[i].events & EPOLLOUT) {
        if (c.state == Conn::State::Connecting) e.Connected(c);
        else e.Flush(c);
      }
      if (c.state != Conn::State::Dead && events[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) e.Readable(c, now);
    }

    if (now >= tick) {
      // A stall of L ms also held back the ticks that fell due inside it: one sample each, so the
      // p99 weighs a long stall by its length, as the deliveries it delayed do.
      double lag = std::chrono::duration<double, std::milli>(now - tick).count();
      do {
        stats_.loop_lag_ms.push_back(std::max(lag, 0.0));
        lag -= std::chrono::duration<double, std::milli>(kTick).count();
      } while (lag > 0);
      tick = now + kTick;
    }

    Phase phase = phase_;
    if (phase != seen) {
      seen = phase;
      for (auto& c : conns_) {
        if (c->state != Conn::State::Open) continue;
        if (phase == Phase::ClosedLoop && !c->pending) e.SendMessage(*c);
        if (phase == Phase::OpenLoop) e.ScheduleFirst(*c, now);
      }
    }
    while (seen == Phase::OpenLoop && !e.schedule.empty() && e.schedule.top().first <= now) {
      auto [due, index] = e.schedule.top();
      e.schedule.pop();
      Conn& c = *conns_[index];
      if (c.state != Conn::State::Open) continue;
      e.SendMessage(c);
      e.schedule.emplace(due + period, index);  // a fixed schedule: a late send does not push the next ones back
    }

    std::vector<std::function<void()>> work;
    {
      std::lock_guard lock(mu_);
      work.swap(requests_);
    }
    for (auto& w : work) w();
  }
}

}  // namespace salik::load
