// Sockets outlive the checks made at their hello: a session can be logged out, expire, or its
// account be suspended while tabs stay connected. SessionWatch re-checks every connection's
// session on a timer and closes the sockets of sessions that ended, so a socket never carries
// more than the REST API would allow.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

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

  // One pass now: each distinct session among the open connections is checked once.
  void CheckAll();

 private:
  void Run();

  Registry& registry_;
  SessionEnded ended_;
  std::chrono::milliseconds every_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once everything above exists
};

// Sends the client an error frame saying why, then closes it (1008 with `reason`).
void EndConnection(Client& client, const std::string& reason);

}  // namespace salik::ws
