// What the hub needs from other server instances (server/cluster implements it over Redis; with
// one instance there is none and the hub works alone). Every call is quick: slow work (Redis
// round trips) happens on the link's own thread, except PresenceOf, which the hello may wait for.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace salik::ws {

class ClusterLink {
 public:
  virtual ~ClusterLink() = default;

  // Sends an event (server/ws/cluster_events.hpp) to every other instance. Dropped when the
  // link is down: each instance keeps serving its own connections.
  virtual void Broadcast(nlohmann::json event) = 0;

  // Where the users are seen on the OTHER instances (this one knows its own): online on one of
  // them, else their last_seen ("" if unknown). Users the link knows nothing about are left out.
  // May block; throws when the shared store cannot be reached (the caller then knows only its
  // own connections).
  struct Seen {
    bool online = false;
    std::string last_seen;
  };
  virtual std::map<std::string, Seen> PresenceOf(const std::vector<std::string>& users) = 0;

  // This instance's first connection of `user` opened / its last one closed. When that was the
  // user's last connection anywhere, the link records last_seen and calls `offline(last_seen)`
  // (on its own thread), which tells the counterparts connected here and the other instances.
  // When the shared store cannot be reached, `offline(now)` is called anyway (while the
  // instances are out of touch each shows what it knows), and `now` is recorded at UsersHere.
  // `here()` answers, when the update runs, whether the user is connected here: a close and a new
  // hello racing on two threads may queue their updates in either order, so each update follows
  // the state at that moment, not the event that queued it.
  virtual void UserArrived(const std::string& user, std::function<bool()> here) = 0;
  virtual void UserLeft(const std::string& user, const std::string& now, std::function<bool()> here,
                        std::function<void(std::string)> offline) = 0;
  // After the link was down the shared store may have missed arrivals and departures, or lost
  // everything (Redis restarted empty): this replaces this instance's part of it with
  // `users_here()` (called on the link's thread, in order with the arrivals and departures) and
  // records the departures it missed. Then every instance, this one too, gets a presence_sync
  // event (on the thread that delivers events) to refresh what its connections see.
  virtual void UsersHere(std::function<std::vector<std::string>()> users_here) = 0;
};

}  // namespace salik::ws
