#include "server/ws/registry.hpp"

#include <algorithm>
#include <mutex>

#include "core/realtime_protocol.hpp"
#include "server/util/clock.hpp"

namespace salik::ws {

void Registry::SendToUser(const std::string& user_id, const std::string& frame) const {
  auto it = online_.find(user_id);
  if (it == online_.end()) return;
  for (const auto& c : it->second.clients) c->conn->Send(frame);
}

void Registry::Join(const std::shared_ptr<Client>& client, const std::vector<std::string>& counterparts,
                    const std::vector<std::string>& greeting) {
  std::unique_lock lock(mu_);
  for (const auto& frame : greeting) client->conn->Send(frame);
  auto [it, first] = online_.try_emplace(client->user_id);
  User& user = it->second;
  user.clients.push_back(client);
  for (const auto& other : counterparts) {
    user.counterparts.insert(other);
    // Counterparts hear of us, and we of them, whatever their own list said when they joined.
    if (auto o = online_.find(other); o != online_.end()) o->second.counterparts.insert(client->user_id);
  }
  if (first) {
    std::string online = realtime::PresenceFrame(client->user_id, true, "");
    for (const auto& other : user.counterparts) SendToUser(other, online);
  }
  for (const auto& other : user.counterparts) {
    bool is_online = online_.count(other) > 0;
    auto seen = last_seen_.find(other);
    client->conn->Send(
        realtime::PresenceFrame(other, is_online, is_online || seen == last_seen_.end() ? "" : seen->second));
  }
}

void Registry::Leave(const Client& client) {
  std::unique_lock lock(mu_);
  auto it = online_.find(client.user_id);
  if (it == online_.end()) return;
  auto& clients = it->second.clients;
  auto pos = std::find_if(clients.begin(), clients.end(), [&](const auto& c) { return c.get() == &client; });
  if (pos == clients.end()) return;
  clients.erase(pos);
  if (!clients.empty()) return;
  std::string now = NowUtc();
  last_seen_[client.user_id] = now;
  std::unordered_set<std::string> counterparts = std::move(it->second.counterparts);
  online_.erase(it);
  std::string offline = realtime::PresenceFrame(client.user_id, false, now);
  for (const auto& other : counterparts) SendToUser(other, offline);
}

std::vector<std::shared_ptr<Client>> Registry::ConnectionsOf(const std::string& user_id) const {
  std::shared_lock lock(mu_);
  auto it = online_.find(user_id);
  return it == online_.end() ? std::vector<std::shared_ptr<Client>>{} : it->second.clients;
}

std::vector<std::shared_ptr<Client>> Registry::AllConnections() const {
  std::shared_lock lock(mu_);
  std::vector<std::shared_ptr<Client>> out;
  for (const auto& [id, user] : online_) out.insert(out.end(), user.clients.begin(), user.clients.end());
  return out;
}

void Registry::Link(const std::string& a, const std::string& b) {
  {
    std::shared_lock lock(mu_);
    auto ia = online_.find(a), ib = online_.find(b);
    bool a_knows = ia == online_.end() || ia->second.counterparts.count(b);
    bool b_knows = ib == online_.end() || ib->second.counterparts.count(a);
    if (a_knows && b_knows) return;  // the common case: nothing new
  }
  std::unique_lock lock(mu_);
  auto ia = online_.find(a), ib = online_.find(b);
  if (ia != online_.end() && ia->second.counterparts.insert(b).second && ib != online_.end())
    SendToUser(a, realtime::PresenceFrame(b, true, ""));
  if (ib != online_.end() && ib->second.counterparts.insert(a).second && ia != online_.end())
    SendToUser(b, realtime::PresenceFrame(a, true, ""));
}

}  // namespace salik::ws
