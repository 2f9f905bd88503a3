// The chat load generator's simulated users: one thread, one epoll set, every WebSocket written
// and read by hand (server/ws/frame_codec.hpp). Each user connects, says hello, idles, then sends in
// closed loop (its next message once the last was acked) and then in open loop (a fixed
// schedule). The recipient measures each message's delivery latency from the send time carried
// in its content.
#pragma once

#include <netinet/in.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace salik::load {

using Clock = std::chrono::steady_clock;

enum class Phase { Idle, ClosedLoop, OpenLoop, Stop };

struct Stats {
  std::vector<double> latencies_ms;  // per delivered message frame at the recipient
  // How late the loop ran its 5 ms tick: every delivery it reads waits as long, so a busy or
  // starved generator shows up here and not in the server.
  std::vector<double> loop_lag_ms;
  uint64_t sent = 0, delivered = 0, errors = 0;
  // Message frames with a seq this connection had already (a duplicate), or older than one it
  // had already (late: the hub sends a message it finds a client missed, after newer ones).
  uint64_t duplicates = 0, late = 0;
  Clock::time_point since = Clock::now();  // when counting started, on the loop's thread
  double window_s = 0;                     // filled in by Snapshot: how long it counted
};

// One simulated user: who it signs in as and the one conversation it writes to.
struct Seat {
  std::string token;
  std::string conversation_id;
};

struct LoadSettings {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int rate = 10;       // messages per second per connection in the open loop
  bool batch = true;   // ask the server for batch frames
};

// What the order check found when the load stopped.
struct OrderCheck {
  uint64_t checked = 0;  // connections still open at the end
  uint64_t missing = 0;  // seqs never delivered below the newest each connection got
};

class LoadLoop {
 public:
  // Connects every seat (seat i has index i; its client ids and random phase derive from it).
  // Throws when the host does not resolve to an IPv4 address.
  LoadLoop(LoadSettings settings, std::vector<Seat> seats);
  ~LoadLoop();
  LoadLoop(const LoadLoop&) = delete;
  LoadLoop& operator=(const LoadLoop&) = delete;

  // Connections whose hello has been sent.
  int Connected() const { return connected_; }
  void SetPhase(Phase phase);
  // The figures since the last reset, taken on the loop's thread.
  Stats Snapshot(bool reset);
  // Stops the loop: checks each open connection's seqs, closes everything.
  OrderCheck Finish();

  struct Conn;  // one simulated user's socket and state (load_loop.cpp)

 private:
  void Run();
  void Wake();
  // Runs `work` on the loop's thread and waits for it.
  void Call(std::function<void()> work);

  LoadSettings settings_;
  sockaddr_in address_{};  // settings_.host and port, resolved once
  std::vector<std::unique_ptr<Conn>> conns_;
  int epoll_fd_ = -1, wake_fd_ = -1;
  std::atomic<int> connected_{0};
  std::atomic<Phase> phase_{Phase::Idle};
  Stats stats_;  // the loop's thread only

  std::mutex mu_;
  std::condition_variable done_;
  std::vector<std::function<void()>> requests_;
  bool exit_ = false;  // the loop's thread only
  std::thread thread_;
};

}  // namespace salik::load
