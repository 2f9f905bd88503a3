// Sockets outlive the checks made at their hello: a session can be logged out, expire, or its
// account be suspended while tabs stay connected. SessionWatch re-checks every connection's
// session on a timer and closes the sockets of sessions that ended, so a socket never carries
// more than the REST API would allow.
//
// A pass is spread over the first half of the period, a few sessions at a time: each check is a
// store read under the store's one lock, and 1,000 of them back to back held up chat appends by
// 10-16 ms once per period (the chat benchmark's open-loop p99 doubled in a window that held one).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include "server/util/stop_signal.hpp"
#include "server/ws/registry.hpp"

namespace salik::ws {

// Why the session with this token hash may no longer hold sockets (a sentence for the close
// reason), or nullopt while it is fine. May block on the store.
using SessionEnded = std::function<std::optional<std::string>(const std::string& token_hash)>;

class SessionWatch {
 public:
  SessionWatch(Registry& registry, SessionEnded ended, std::chrono::milliseconds every);
  ~SessionWatch();  // stops and joins the thread
  SessionWatch(const SessionWatch&) = delete;
  SessionWatch& operator=(const SessionWatch&) = delete;

  // Sessions checked back to back before the pass pauses.
  static constexpr size_t kGroup = 16;

 private:
  void Run();
  // One pass: each distinct session among the open connections is checked once, kGroup at a
  // time with pauses that spread the pass over half the period. False once stopping.
  bool CheckAll();
  Registry& registry_;
  SessionEnded ended_;
  std::chrono::milliseconds every_;
  StopSignal stop_;
  std::thread thread_;  // last: starts once everything above exists
};

// Sends the client an error frame saying why, then closes it (1008 with `reason`).
void EndConnection(Client& client, const std::string& reason);

}  // namespace salik::ws
