#include "server/cluster/redis_cluster.hpp"

#include <chrono>
#include <iostream>

#include "server/util/clock.hpp"
#include "server/ws/cluster_events.hpp"

namespace salik::cluster {
namespace {

constexpr const char* kChannel = "salik:events";
constexpr int64_t kRetryMs = 1000;  // while Redis is down, try again at most this often
// Redis answers in well under a millisecond; one that has not answered in this long is stalled
// (frozen, swapping) with its connections open, and counts as down. Not for the subscriber,
// which waits for events as long as there are none.
constexpr std::chrono::milliseconds kReplyTimeout{2000};
constexpr size_t kMaxQueuedJobs = 100'000;  // while Redis is slow or down, drop beyond this
// Events queued one after another go to Redis in one round trip (a pipeline), up to this many:
// under load the worker keeps up with many events a round trip instead of one.
constexpr size_t kPublishesPerTrip = 256;

std::string PresenceKey(const std::string& user) { return "salik:presence:" + user; }
std::string LastSeenKey(const std::string& user) { return "salik:last_seen:" + user; }
std::string AliveKey(const std::string& instance) { return "salik:alive:" + instance; }
constexpr const char* kInstancesKey = "salik:instances";

int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// For the renewal timer: a wall clock stepped back must not stop the renewals.
int64_t SteadyMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// Sliding window in a sorted set: drop what left the window, count, add when it fits, else
// answer how long until the oldest entry leaves.
constexpr const char* kRateScript = R"(
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
)";

// The user's last connection on this instance closed (its field goes); when they are on no
// instance any more, record last_seen and answer 1.
constexpr const char* kLeaveScript = R"(
redis.call('HDEL', KEYS[1], ARGV[1])
if redis.call('HLEN', KEYS[1]) == 0 then
  redis.call('SET', KEYS[2], ARGV[2])
  return 1
end
return 0
)";

// A departure missed while Redis was away: last_seen is set when the user is online on no
// instance, unless a later one is there already (the timestamps compare as text).
constexpr const char* kRecordLeftScript = R"(
if redis.call('HLEN', KEYS[1]) > 0 then return 0 end
local seen = redis.call('GET', KEYS[2])
if seen and seen >= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[1])
return 1
)";

// A dead instance's field in one user's presence (KEYS: presence, last_seen, the instance's
// alive key; ARGV: the instance, now): removed unless the instance came back meanwhile. When the
// user is on no instance any more, last_seen becomes now (unless a later one is there): answers 1.
constexpr const char* kForgetDeadScript = R"(
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
if redis.call('HLEN', KEYS[1]) > 0 then return 0 end
local seen = redis.call('GET', KEYS[2])
if not seen or seen < ARGV[2] then redis.call('SET', KEYS[2], ARGV[2]) end
return 1
)";

// The instance leaves the set once its fields are gone, unless it came back meanwhile.
constexpr const char* kDropDeadScript = R"(
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
return redis.call('SREM', KEYS[1], ARGV[1])
)";

}  // namespace

RedisCluster::RedisCluster(const std::string& url, std::string instance_id, std::chrono::milliseconds alive_ttl)
    : address_(ParseRedisUrl(url)),
      instance_(std::move(instance_id)),
      alive_ttl_ms_(alive_ttl.count()),
      sync_client_(address_, "salik-" + instance_ + "-calls", kReplyTimeout),
      sub_client_(address_, "salik-" + instance_ + "-events") {}

RedisCluster::~RedisCluster() { Stop(); }

void RedisCluster::Start(std::function<void(const nlohmann::json&)> on_event) {
  on_event_ = std::move(on_event);
  // A restarted instance with the same id may have left presence behind: clear its entries.
  Enqueue([this](RedisClient& redis) { ForgetPresenceHere(redis); });
  worker_ = std::thread([this] { WorkLoop(); });
  subscriber_ = std::thread([this] { SubscribeLoop(); });
}

void RedisCluster::ForgetPresenceHere(RedisClient& redis, const std::set<std::string>& keep) {
  const std::string prefix = PresenceKey("");
  std::string cursor = "0";
  do {
    auto page = redis.Command({"SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000"});
    if (page.kind != RedisReply::Kind::Array || page.elements.size() != 2) return;
    cursor = page.elements[0].text;
    RenewAliveIfDue(redis);  // a long pass must not make this instance look dead
    for (const auto& key : page.elements[1].elements)
      if (!keep.count(key.text.substr(prefix.size()))) redis.Command({"HDEL", key.text, instance_});
  } while (cursor != "0");
}

void RedisCluster::RunDropped(const std::function<void()>& dropped) {
  if (!dropped) return;
  try {
    dropped();
  } catch (const std::exception& e) {
    std::cerr << "cluster: " << e.what() << std::endl;
  }
}

void RedisCluster::Stop() {
  {
    std::lock_guard lock(work_mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  work_cv_.notify_all();
  sub_client_.Interrupt();
  if (worker_.joinable()) worker_.join();
  if (subscriber_.joinable()) subscriber_.join();
}

void RedisCluster::NoteDown(const std::exception& e) {
  if (down_.exchange(true)) return;
  std::cerr << "cluster: Redis is unreachable (" << e.what()
            << "); serving this instance's connections alone and retrying" << std::endl;
  {
    std::lock_guard lock(work_mu_);
    probe_ = true;  // request threads wait for the worker to find it back: it starts trying now
  }
  work_cv_.notify_all();  // all: the subscriber's retry pause waits on it too
}

void RedisCluster::NoteUp() {
  if (down_.exchange(false)) std::cerr << "cluster: Redis is reachable again" << std::endl;
}

template <typename F>
auto RedisCluster::Guarded(RedisClient& client, F&& f, Caller caller) -> decltype(f(client)) {
  if (down_ && caller == Caller::Request) throw std::runtime_error("redis is down");
  const bool was_open = client.Connected();
  try {
    auto result = f(client);
    NoteUp();
    return result;
  } catch (const RedisTimeout& e) {
    NoteDown(e);  // stalled, not closed: a second try would only wait as long again
    throw;
  } catch (const std::exception& e) {
    if (caller != Caller::Request || !was_open) {
      NoteDown(e);
      throw;
    }
  }
  try {
    auto result = f(client);  // on a new connection: the failure dropped the old one
    NoteUp();
    return result;
  } catch (const std::exception& e) {
    NoteDown(e);
    throw;
  }
}

void RedisCluster::Enqueue(Job job, std::function<void()> dropped) { Push({std::move(job), std::move(dropped), {}}); }

void RedisCluster::Push(QueuedJob job) {
  bool queued = false;
  {
    std::lock_guard lock(work_mu_);
    if (stopping_) return;
    if (jobs_.size() < kMaxQueuedJobs) {
      jobs_.push_back(std::move(job));
      queued = true;
    }
  }
  if (!queued) lost_ = true;
  work_cv_.notify_all();  // all: the subscriber's retry pause waits on it too
  if (!queued) RunDropped(job.dropped);
}

void RedisCluster::WorkLoop() {
  RedisClient redis(address_, "salik-" + instance_ + "-worker", kReplyTimeout);
  // Events this instance could not publish: once Redis is back, the others are told to resync.
  bool dropped = false;
  int64_t failed_try_ms = SteadyMs() - kRetryMs;  // when the last try that reached out failed
  const std::string resync = [this] {
    auto event = ws::events::Resync();
    event["origin"] = instance_;
    return event.dump();
  }();
  for (;;) {
    QueuedJob job;
    std::vector<std::vector<std::string>> publishes;  // a run of queued events, sent in one round trip
    bool lost = false;
    {
      std::unique_lock lock(work_mu_);
      auto ready = [this] { return stopping_ || !jobs_.empty() || probe_; };
      // Wakes for the next renewal of the alive key, or to retry while Redis is away (also when
      // a request thread found it away: they wait for this thread, or the subscriber's
      // resubscription, to get through).
      int64_t wait_ms = dropped || down_ ? kRetryMs : std::max<int64_t>(0, next_alive_ms_ - SteadyMs());
      work_cv_.wait_for(lock, std::chrono::milliseconds(wait_ms), ready);
      if (stopping_) return;
      probe_ = false;
      while (!jobs_.empty() && !jobs_.front().publish.empty() && publishes.size() < kPublishesPerTrip) {
        publishes.push_back({"PUBLISH", kChannel, std::move(jobs_.front().publish)});
        jobs_.pop_front();
      }
      if (publishes.empty() && !jobs_.empty()) {
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      // Jobs were refused by a full queue: once it has drained to half, as after Redis was away
      // (not sooner, or every job of the overload would set off a resync).
      lost = jobs_.size() < kMaxQueuedJobs / 2 && lost_.exchange(false);
    }
    bool back = false;
    // After a failed try the next one waits kRetryMs; jobs meanwhile are dropped untried.
    const bool too_soon = !redis.Connected() && SteadyMs() - failed_try_ms < kRetryMs;
    try {
      if (too_soon) throw std::runtime_error("redis is down");
      back = Guarded(redis, [&](RedisClient& r) {
        bool was_dropped = dropped || lost;
        // First, so that after an outage the others find this instance alive before its resync.
        if (SteadyMs() >= next_alive_ms_) KeepAlive(r);
        else if (down_ && r.Command({"PING"}).kind != RedisReply::Kind::Error) NoteUp();  // found away elsewhere
        if (was_dropped) r.Command({"PUBLISH", kChannel, resync});
        dropped = false;
        if (!publishes.empty()) r.Pipeline(publishes);
        if (job.job) job.job(r);
        // The others may have taken this instance for dead and removed its presence.
        bool lapsed = std::exchange(alive_lapsed_, false);
        return was_dropped || lapsed;
      }, Caller::Worker);
    } catch (const std::exception&) {
      if (!too_soon) failed_try_ms = SteadyMs();
      dropped = true;  // logged by Guarded
      // Redis may come back empty: renew first thing (the retry above waits kRetryMs), and judge
      // no other instance by what was missing before.
      next_alive_ms_ = 0;
      missing_last_check_.clear();
      RunDropped(job.dropped);
    }
    // Arrivals and departures of ours may be among what was dropped; when the subscription broke
    // too, its resync rewrites them as well (twice does no harm).
    if (back) {
      try {
        on_event_(ws::events::PresenceLost());
      } catch (const std::exception& e) {
        std::cerr << "cluster: presence could not be rewritten: " << e.what() << std::endl;
      }
    }
  }
}

void RedisCluster::RenewAlive(RedisClient& redis) {
  // GET answers the key's old value: nil means it had lapsed (a long job, a stalled machine).
  auto replies = redis.Pipeline({{"SET", AliveKey(instance_), "1", "PX", std::to_string(alive_ttl_ms_), "GET"},
                                 {"SADD", kInstancesKey, instance_}});
  for (const auto& reply : replies)
    if (reply.kind == RedisReply::Kind::Error) throw std::runtime_error("redis: renewing the alive key: " + reply.text);
  // Nil also after a start or an outage, which rewrite this instance's presence anyway.
  if (replies[0].kind == RedisReply::Kind::Nil && renewed_before_) alive_lapsed_ = true;
  renewed_before_ = true;
  next_alive_ms_ = SteadyMs() + alive_ttl_ms_ / 3;
}

void RedisCluster::RenewAliveIfDue(RedisClient& redis) {
  if (SteadyMs() >= next_alive_ms_) RenewAlive(redis);
}

void RedisCluster::KeepAlive(RedisClient& redis) {
  RenewAlive(redis);
  NoteUp();  // now, not after the checks below: a long pass must not keep request threads waiting
  auto members = redis.Command({"SMEMBERS", kInstancesKey});
  std::vector<std::string> others;
  for (const auto& member : members.elements)
    if (member.text != instance_) others.push_back(member.text);
  if (others.empty()) return;
  std::vector<std::vector<std::string>> checks;
  for (const auto& other : others) checks.push_back({"EXISTS", AliveKey(other)});
  auto alive = redis.Pipeline(checks);
  bool someone_offline = false;
  for (size_t i = 0; i < others.size(); ++i) {
    const std::string& other = others[i];
    if (alive[i].kind != RedisReply::Kind::Integer) continue;  // unknown: judged at the next check
    if (alive[i].integer == 1) {
      missing_last_check_.erase(other);
      continue;
    }
    // Missing at one check may be a renewal on its way (the instance's own reconnect after
    // Redis restarted empty): only the next check, a renewal period later, counts it dead.
    if (!missing_last_check_.count(other)) {
      missing_last_check_.insert(other);
      continue;
    }
    missing_last_check_.erase(other);
    someone_offline = ForgetDeadInstance(redis, other) || someone_offline;
  }
  if (someone_offline) {
    auto sync = ws::events::PresenceSync();
    sync["origin"] = instance_;
    redis.Command({"PUBLISH", kChannel, sync.dump()});
  }
}

bool RedisCluster::ForgetDeadInstance(RedisClient& redis, const std::string& dead) {
  const std::string prefix = PresenceKey("");
  const std::string now = NowUtc();
  size_t offline = 0;
  std::string cursor = "0";
  do {
    auto page = redis.Command({"SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000"});
    if (page.kind != RedisReply::Kind::Array || page.elements.size() != 2) break;
    cursor = page.elements[0].text;
    RenewAliveIfDue(redis);  // a long pass must not make this instance look dead in turn
    for (const auto& key : page.elements[1].elements) {
      std::string user = key.text.substr(prefix.size());
      auto r = redis.Command({"EVAL", kForgetDeadScript, "3", key.text, LastSeenKey(user), AliveKey(dead), dead, now});
      if (r.kind == RedisReply::Kind::Integer && r.integer == 1) ++offline;
    }
  } while (cursor != "0");
  redis.Command({"EVAL", kDropDeadScript, "2", kInstancesKey, AliveKey(dead), dead});
  std::cerr << "cluster: instance " << dead << " stopped answering; " << offline
            << " of its users are now shown offline" << std::endl;
  return offline > 0;
}

void RedisCluster::SubscribeLoop() {
  bool subscribed = false;
  bool lost_touch = false;  // events from the others may have gone by unheard
  auto deliver = [this](const nlohmann::json& event) {
    try {
      on_event_(event);
    } catch (const std::exception& e) {
      std::cerr << "cluster: an event could not be delivered: " << e.what() << std::endl;
    }
  };
  for (;;) {
    {
      std::lock_guard lock(work_mu_);
      if (stopping_) return;
    }
    try {
      if (!subscribed) {
        sub_client_.Command({"SUBSCRIBE", kChannel});
        subscribed = true;
        NoteUp();
        if (lost_touch) deliver(ws::events::Resync());
        lost_touch = false;
      }
      RedisReply reply = sub_client_.Read();
      if (reply.kind != RedisReply::Kind::Array || reply.elements.size() != 3 || reply.elements[0].text != "message")
        continue;
      auto event = nlohmann::json::parse(reply.elements[2].text, nullptr, false);
      if (!event.is_object()) continue;
      // Our own events are for the others, except presence_sync: this instance refreshes on this
      // thread too, in order with the presence events of the others.
      if (event.value("origin", "") == instance_ && event.value("kind", "") != "presence_sync") continue;
      deliver(event);
    } catch (const std::exception& e) {
      subscribed = false;
      lost_touch = true;
      {
        std::lock_guard lock(work_mu_);
        if (stopping_) return;
      }
      NoteDown(e);
      std::unique_lock lock(work_mu_);
      work_cv_.wait_for(lock, std::chrono::milliseconds(kRetryMs), [this] { return stopping_; });
    }
  }
}

void RedisCluster::Broadcast(nlohmann::json event) {
  event["origin"] = instance_;
  Push({{}, {}, event.dump()});
}

std::map<std::string, ws::ClusterLink::Seen> RedisCluster::PresenceOf(const std::vector<std::string>& users) {
  if (users.empty()) return {};
  std::vector<std::vector<std::string>> commands;
  for (const auto& user : users) {
    commands.push_back({"HKEYS", PresenceKey(user)});
    commands.push_back({"GET", LastSeenKey(user)});
  }
  std::lock_guard lock(sync_mu_);
  auto replies = Guarded(sync_client_, [&commands](RedisClient& r) { return r.Pipeline(commands); }, Caller::Request);
  // Only instances still alive count: one that died leaves its fields until the others notice.
  std::set<std::string> elsewhere;
  for (size_t i = 0; i < users.size(); ++i)
    for (const auto& field : replies[2 * i].elements)
      if (field.text != instance_) elsewhere.insert(field.text);
  // Dead: registered in the set of instances, and its alive key gone. An instance that never
  // registered (an older version, during a rolling upgrade) and an unreadable answer count as
  // alive, as the renewal's own check judges them.
  std::set<std::string> alive;
  if (!elsewhere.empty()) {
    std::vector<std::vector<std::string>> checks;
    for (const auto& other : elsewhere) {
      checks.push_back({"EXISTS", AliveKey(other)});
      checks.push_back({"SISMEMBER", kInstancesKey, other});
    }
    auto answers = Guarded(sync_client_, [&checks](RedisClient& r) { return r.Pipeline(checks); }, Caller::Request);
    auto is = [](const RedisReply& reply, int64_t value) {
      return reply.kind == RedisReply::Kind::Integer && reply.integer == value;
    };
    size_t i = 0;
    for (const auto& other : elsewhere) {
      const bool dead = is(answers[i], 0) && is(answers[i + 1], 1);
      if (!dead) alive.insert(other);
      i += 2;
    }
  }
  std::map<std::string, Seen> out;
  for (size_t i = 0; i < users.size(); ++i) {
    Seen seen;
    for (const auto& field : replies[2 * i].elements) seen.online = seen.online || alive.count(field.text);
    seen.last_seen = replies[2 * i + 1].text;
    if (seen.online || !seen.last_seen.empty()) out[users[i]] = seen;
  }
  return out;
}

void RedisCluster::UserArrived(const std::string& user, std::function<bool()> here) {
  Enqueue([this, user, here = std::move(here)](RedisClient& redis) {
    if (here()) redis.Command({"HSET", PresenceKey(user), instance_, "1"});  // else its departure follows
  });
}

void RedisCluster::UsersHere(std::function<std::vector<std::string>()> users_here) {
  // Listed inside the job: an arrival or departure queued before it is already in the list, one
  // queued after applies on top (a field per instance, set or removed, so twice does no harm).
  Enqueue([this, users_here = std::move(users_here)](RedisClient& redis) {
    auto list = users_here();
    std::set<std::string> users(list.begin(), list.end());
    ForgetPresenceHere(redis, users);  // never a moment without those who stayed
    for (const auto& user : users) redis.Command({"HSET", PresenceKey(user), instance_, "1"});
    std::map<std::string, std::string> left;
    {
      std::lock_guard lock(left_mu_);
      left = left_unrecorded_;
    }
    for (const auto& [user, at] : left)
      redis.Command({"EVAL", kRecordLeftScript, "2", PresenceKey(user), LastSeenKey(user), at});
    {
      std::lock_guard lock(left_mu_);
      for (const auto& [user, at] : left)
        if (auto it = left_unrecorded_.find(user); it != left_unrecorded_.end() && it->second == at) left_unrecorded_.erase(it);
    }
    auto sync = ws::events::PresenceSync();
    sync["origin"] = instance_;
    redis.Command({"PUBLISH", kChannel, sync.dump()});
  });
}

void RedisCluster::UserLeft(const std::string& user, const std::string& now, std::function<bool()> here,
                            std::function<void(std::string)> offline) {
  auto job = [this, user, now, here, offline](RedisClient& redis) {
    if (here()) return;  // back meanwhile: its arrival keeps the field
    auto r = redis.Command({"EVAL", kLeaveScript, "2", PresenceKey(user), LastSeenKey(user), instance_, now});
    if (r.kind != RedisReply::Kind::Integer || r.integer != 1) return;
    try {
      offline(now);
    } catch (const std::exception& e) {  // recorded in Redis: not a dropped job
      std::cerr << "cluster: an offline could not be announced: " << e.what() << std::endl;
    }
  };
  // Redis away: this instance's counterparts hear it now, the others once UsersHere has run.
  auto dropped = [this, user, now, offline] {
    {
      std::lock_guard lock(left_mu_);
      left_unrecorded_[user] = now;
    }
    offline(now);
  };
  Enqueue(std::move(job), std::move(dropped));
}

std::vector<int64_t> RedisCluster::TryAcquireEach(const std::vector<std::string>& keys, int limit, int64_t window_ms) {
  const std::string now = std::to_string(NowMs());
  std::vector<std::vector<std::string>> commands;
  commands.reserve(keys.size());
  for (const auto& key : keys) {
    std::string member = now + "-" + instance_ + "-" + std::to_string(++counter_);
    commands.push_back({"EVAL", kRateScript, "1", "salik:rate:" + key, now, std::to_string(window_ms),
                        std::to_string(limit), std::move(member)});
  }
  std::lock_guard lock(sync_mu_);
  auto replies = Guarded(sync_client_, [&](RedisClient& c) { return c.Pipeline(commands); },
                         Caller::Request);  // Redis closed the stale connection: none of it ran, nothing counts twice
  std::vector<int64_t> waits;
  waits.reserve(replies.size());
  for (const auto& r : replies) {
    if (r.kind != RedisReply::Kind::Integer) throw std::runtime_error("redis: unexpected reply to the rate script: " + r.text);
    waits.push_back(r.integer);
  }
  return waits;
}

}  // namespace salik::cluster
