// Who is connected: every signed-in connection by user, and presence. A user is online while
// they have at least one connection; their counterparts (users who share a conversation with
// them) hear when that starts and ends.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "server/ws/client.hpp"
#include "server/ws/cluster_link.hpp"

namespace salik::ws {

class Registry {
 public:
  // Adds a signed-in connection. It gets `greeting` (the welcome) first, then the presence of
  // each of its counterparts; on the user's first connection, every connected counterpart gets
  // presence online. The greeting is queued under the lock that makes the connection visible, so
  // a client that has read its welcome is sure to get every later event.
  // `elsewhere` (several instances): who is online on other instances, and last_seen; merged into
  // the presence frames of the greeting (and a user already online elsewhere is not announced
  // again). Answers true for the user's first connection here.
  bool Join(const std::shared_ptr<Client>& client, const std::vector<std::string>& counterparts,
            const std::vector<std::string>& greeting, const std::map<std::string, ClusterLink::Seen>& elsewhere = {});
  // Removes it. On the user's last connection here: with `announce`, connected counterparts get
  // presence offline with last_seen; without (several instances, where only the shared presence
  // knows whether this was the last anywhere), the counterparts are answered for AnnounceOffline.
  // Safe to call twice.
  std::optional<std::vector<std::string>> Leave(const Client& client, bool announce = true);
  // `user` went offline everywhere at `last_seen`: their counterparts connected here hear it,
  // unless the user is back here meanwhile (then false).
  bool AnnounceOffline(const std::string& user, const std::vector<std::string>& counterparts, const std::string& last_seen);
  // Sends `frame` to every connection of each of `users` that is connected here.
  void SendToUsers(const std::vector<std::string>& users, const std::string& frame) const;
  // Whether the user has a connection here.
  bool IsHere(const std::string& user_id) const;
  // The user's open connections (a copy: callers send without holding the lock).
  std::vector<std::shared_ptr<Client>> ConnectionsOf(const std::string& user_id) const;
  // Every open connection (a copy), for the periodic session re-check.
  std::vector<std::shared_ptr<Client>> AllConnections() const;
  // The counterparts of everyone connected here, each once.
  std::vector<std::string> AllCounterparts() const;
  // Every connection here gets the presence of each counterpart of its user, as it stands now:
  // online when connected here or, per `elsewhere`, on another instance; else offline with the
  // newest last_seen known. For after the instances were out of touch.
  void SendPresenceToAll(const std::map<std::string, ClusterLink::Seen>& elsewhere) const;
  // `a` and `b` share a conversation, possibly a new one: from now on each hears of the other's
  // presence, and, when both are online and this is news, each learns the other is online.
  void Link(const std::string& a, const std::string& b);

 private:
  struct User {
    std::vector<std::shared_ptr<Client>> clients;
    std::unordered_set<std::string> counterparts;
  };
  void SendToUser(const std::string& user_id, const std::string& frame) const;  // mu_ held
  // The presence frame of `user` as known here and from `elsewhere`. mu_ held.
  std::string PresenceFrameOf(const std::string& user, const std::map<std::string, ClusterLink::Seen>& elsewhere) const;

  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, User> online_;
  std::unordered_map<std::string, std::string> last_seen_;  // users who went offline since start
};

}  // namespace salik::ws
