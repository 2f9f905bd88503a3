#include "server/ws/session_watch.hpp"

#include <algorithm>
#include <iostream>
#include <unordered_map>
#include <vector>

#include "core/realtime_protocol.hpp"

namespace salik::ws {

void EndConnection(Client& client, const std::string& reason) {
  client.conn->Send(realtime::ErrorFrame({401, "session_ended", reason, {}}));
  client.conn->Close(reason.substr(0, 120));  // close reasons must fit in 123 bytes
}

SessionWatch::SessionWatch(Registry& registry, SessionEnded ended, std::chrono::milliseconds every)
    : registry_(registry), ended_(std::move(ended)), every_(every), thread_([this] { Run(); }) {}

SessionWatch::~SessionWatch() {
  stop_.Stop();
  thread_.join();
}

void SessionWatch::Run() {
  auto next = std::chrono::steady_clock::now() + every_;
  for (;;) {
    if (!stop_.WaitFor(next - std::chrono::steady_clock::now())) return;
    next += every_;
    try {
      if (!CheckAll()) return;
    } catch (const std::exception& e) {
      std::cerr << "hub: session re-check failed: " << e.what() << std::endl;
    }
    // After a stall (a slow store, a stopped process) the next pass waits its period: missed
    // passes are not made up back to back.
    next = std::max(next, std::chrono::steady_clock::now());
  }
}

bool SessionWatch::CheckAll() {
  // Weak: a pass lasts up to half the period and must not keep closed connections alive.
  std::unordered_map<std::string, std::vector<std::weak_ptr<Client>>> by_session;
  for (auto& client : registry_.AllConnections())
    if (!client->closed) by_session[client->token_hash].push_back(client);
  const size_t groups = (by_session.size() + kGroup - 1) / kGroup;
  const std::chrono::milliseconds gap = groups > 1 ? (every_ / 2) / static_cast<int64_t>(groups) : every_ * 0;
  size_t in_group = 0;
  for (const auto& [hash, clients] : by_session) {
    if (in_group++ == kGroup) {
      if (!stop_.WaitFor(gap)) return false;
      in_group = 1;
    }
    std::vector<std::shared_ptr<Client>> open;
    for (const auto& weak : clients)
      if (auto client = weak.lock(); client && !client->closed) open.push_back(std::move(client));
    if (open.empty()) continue;  // all closed since the pass began: no store read
    auto reason = ended_(hash);
    if (!reason) continue;
    for (const auto& client : open) EndConnection(*client, *reason);
  }
  return true;
}

}  // namespace salik::ws
