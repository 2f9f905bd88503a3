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

bool Registry::Join(const std::shared_ptr<Client>& client, const std::vector<std::string>& counterparts,
                    const std::vector<std::string>& greeting, const std::map<std::string, ClusterLink::Seen>& elsewhere) {
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
  auto self = elsewhere.find(client->user_id);
  bool online_elsewhere = self != elsewhere.end() && self->second.online;
  if (first && !online_elsewhere) {  // news only when nobody could see the user online before
    std::string online = realtime::PresenceFrame(client->user_id, true, "");
    for (const auto& other : user.counterparts) SendToUser(other, online);
  }
  for (const auto& other : user.counterparts) client->conn->Send(PresenceFrameOf(other, elsewhere));
  return first;
}

std::string Registry::PresenceFrameOf(const std::string& user,
                                      const std::map<std::string, ClusterLink::Seen>& elsewhere) const {
  auto remote = elsewhere.find(user);
  bool is_online = online_.count(user) > 0 || (remote != elsewhere.end() && remote->second.online);
  if (is_online) return realtime::PresenceFrame(user, true, "");
  std::string last_seen;
  if (auto seen = last_seen_.find(user); seen != last_seen_.end()) last_seen = seen->second;
  if (remote != elsewhere.end() && remote->second.last_seen > last_seen) last_seen = remote->second.last_seen;
  return realtime::PresenceFrame(user, false, last_seen);
}

std::vector<std::string> Registry::AllCounterparts() const {
  std::shared_lock lock(mu_);
  std::unordered_set<std::string> all;
  for (const auto& [id, user] : online_) all.insert(user.counterparts.begin(), user.counterparts.end());
  return {all.begin(), all.end()};
}

void Registry::SendPresenceToAll(const std::map<std::string, ClusterLink::Seen>& elsewhere) const {
  std::shared_lock lock(mu_);
  for (const auto& [id, user] : online_)
    for (const auto& other : user.counterparts) {
      std::string frame = PresenceFrameOf(other, elsewhere);
      for (const auto& client : user.clients) client->conn->Send(frame);
    }
}

std::optional<std::vector<std::string>> Registry::Leave(const Client& client, bool announce) {
  std::unique_lock lock(mu_);
  auto it = online_.find(client.user_id);
  if (it == online_.end()) return std::nullopt;
  auto& clients = it->second.clients;
  auto pos = std::find_if(clients.begin(), clients.end(), [&](const auto& c) { return c.get() == &client; });
  if (pos == clients.end()) return std::nullopt;
  clients.erase(pos);
  if (!clients.empty()) return std::nullopt;
  std::vector<std::string> counterparts(it->second.counterparts.begin(), it->second.counterparts.end());
  online_.erase(it);
  if (!announce) return counterparts;
  std::string now = NowUtc();
  last_seen_[client.user_id] = now;
  std::string offline = realtime::PresenceFrame(client.user_id, false, now);
  for (const auto& other : counterparts) SendToUser(other, offline);
  return counterparts;
}

bool Registry::AnnounceOffline(const std::string& user, const std::vector<std::string>& counterparts,
                               const std::string& last_seen) {
  std::unique_lock lock(mu_);
  if (online_.count(user)) return false;  // back here meanwhile
  last_seen_[user] = last_seen;
  std::string offline = realtime::PresenceFrame(user, false, last_seen);
  for (const auto& other : counterparts) SendToUser(other, offline);
  return true;
}

bool Registry::IsHere(const std::string& user_id) const {
  std::shared_lock lock(mu_);
  return online_.count(user_id) > 0;
}

void Registry::SendToUsers(const std::vector<std::string>& users, const std::string& frame) const {
  std::shared_lock lock(mu_);
  for (const auto& user : users) SendToUser(user, frame);
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
