// Several salik-server instances behind one load balancer, sharing one PostgreSQL database and
// one Redis (SALIK_REDIS_URL). Redis carries what the database does not: realtime events between
// instances (PUBLISH/SUBSCRIBE on one channel), presence (which instances hold a user's
// connections, and last_seen) and the rate-limit counts. Messages and their seq stay in the
// database; an instance that misses an event fills the gap from the database on the next one.
//
// If Redis goes away, each instance logs it once, keeps serving its own connections (counting
// limits alone, knowing only its own presence) and reconnects, at most once a second.
//
// Each instance keeps a key saying it is alive (renewed every third of its time to live) and its
// name in a set of instances. One whose key was missing at two checks in a row stopped or
// crashed: the presence fields it left are removed (users on no other instance get last_seen),
// and every instance refreshes what its connections see (presence_sync).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "server/app/rate_limiter.hpp"
#include "server/cluster/redis_client.hpp"
#include "server/ws/cluster_link.hpp"

namespace salik::cluster {

class RedisCluster final : public ws::ClusterLink, public SharedRateCounter {
 public:
  // Throws std::runtime_error for a malformed URL. Connects lazily: Redis may start later.
  // `alive_ttl`: how long this instance counts as alive after each renewal.
  RedisCluster(const std::string& url, std::string instance_id,
               std::chrono::milliseconds alive_ttl = std::chrono::seconds(15));
  ~RedisCluster() override;  // Stop()

  // Starts the subscriber (events from other instances go to `on_event`, on its thread) and the
  // worker that publishes and keeps presence.
  void Start(std::function<void(const nlohmann::json&)> on_event);
  // Stops both threads; after it returns no callback runs. Safe to call twice.
  void Stop();

  // ws::ClusterLink
  void Broadcast(nlohmann::json event) override;
  std::map<std::string, Seen> PresenceOf(const std::vector<std::string>& users) override;
  void UserArrived(const std::string& user, std::function<bool()> here) override;
  void UserLeft(const std::string& user, const std::string& now, std::function<bool()> here,
                std::function<void(std::string)> offline) override;
  void UsersHere(std::function<std::vector<std::string>()> users_here) override;

  // False from a failure (down, closed, no reply in time) until a command gets through again.
  bool Reachable() const { return !down_; }

  // SharedRateCounter
  std::vector<int64_t> TryAcquireEach(const std::vector<std::string>& keys, int limit, int64_t window_ms) override;

 private:
  using Job = std::function<void(RedisClient&)>;
  // `dropped` (may be empty) runs instead when the job cannot run: Redis is away or the queue full.
  void Enqueue(Job job, std::function<void()> dropped = {});
  static void RunDropped(const std::function<void()>& dropped);  // never throws
  void WorkLoop();
  void SubscribeLoop();
  // Who runs a command. The worker (trying at most once a second) and the subscriber (when it
  // subscribes again) find out that Redis is back; a request thread (a rate count, a presence
  // read) never waits on a Redis that is down, it fails at once and its caller does without.
  enum class Caller { Worker, Request };
  // Runs `f` on `client`; logs a change of state once. Throws when Redis cannot be reached or
  // does not answer in time, and for a request thread at once while Redis is known to be down
  // (until the worker or the subscriber got through). For a request thread, a connection Redis
  // closed while it sat idle (a restart) gets one fresh try first.
  template <typename F>
  auto Guarded(RedisClient& client, F&& f, Caller caller) -> decltype(f(client));
  // Removes this instance's field from the presence hash of every user not in `keep`.
  void ForgetPresenceHere(RedisClient& redis, const std::set<std::string>& keep = {});
  // Worker thread: renews this instance's alive key, then looks for instances that died.
  void KeepAlive(RedisClient& redis);
  // Worker thread: renews the alive key (throws on an error reply); notes when it had lapsed.
  void RenewAlive(RedisClient& redis);
  void RenewAliveIfDue(RedisClient& redis);
  // Worker thread: removes the presence fields of a dead instance; true if a user went offline.
  bool ForgetDeadInstance(RedisClient& redis, const std::string& dead);
  void NoteDown(const std::exception& e);
  void NoteUp();

  const RedisAddress address_;
  const std::string instance_;
  const int64_t alive_ttl_ms_;
  // Worker thread only: when to renew next (steady clock), whether it was renewed before, and
  // whether a renewal found the key lapsed (the others may have removed this instance's presence).
  int64_t next_alive_ms_ = 0;
  bool renewed_before_ = false;
  bool alive_lapsed_ = false;
  std::set<std::string> missing_last_check_;  // worker thread only: instances whose key was gone at the last check
  std::function<void(const nlohmann::json&)> on_event_;

  std::mutex sync_mu_;  // the client for calls made on the caller's thread (limits, presence)
  RedisClient sync_client_;

  std::mutex work_mu_;
  std::condition_variable work_cv_;
  struct QueuedJob {
    Job job;
    std::function<void()> dropped;
    std::string publish;  // instead of a job: an event to publish (consecutive ones share a round trip)
  };
  void Push(QueuedJob job);  // Enqueue's body; Broadcast queues its event this way
  std::deque<QueuedJob> jobs_;
  bool stopping_ = false;
  bool probe_ = false;  // Redis was just found away: the worker tries it without waiting for a renewal
  std::thread worker_;

  // Users whose last connection here closed while Redis was away, with when: UsersHere records
  // their last_seen.
  std::mutex left_mu_;
  std::map<std::string, std::string> left_unrecorded_;
  // A job was refused because the queue was full: once it drains, as after Redis was away.
  std::atomic<bool> lost_{false};

  RedisClient sub_client_;
  std::thread subscriber_;

  std::atomic<bool> down_{false};
  std::atomic<uint64_t> counter_{0};  // makes rate-limit entries unique
};

}  // namespace salik::cluster
