#include "server/ws/session_watch.hpp"

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
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void SessionWatch::Run() {
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, every_, [this] { return stopping_; })) {
    lock.unlock();
    try {
      CheckAll();
    } catch (const std::exception& e) {
      std::cerr << "hub: session re-check failed: " << e.what() << std::endl;
    }
    lock.lock();
  }
}

void SessionWatch::CheckAll() {
  std::unordered_map<std::string, std::vector<std::shared_ptr<Client>>> by_session;
  for (auto& client : registry_.AllConnections())
    if (!client->closed) by_session[client->token_hash].push_back(std::move(client));
  for (const auto& [hash, clients] : by_session) {
    auto reason = ended_(hash);
    if (!reason) continue;
    for (const auto& client : clients) EndConnection(*client, *reason);
  }
}

}  // namespace salik::ws
