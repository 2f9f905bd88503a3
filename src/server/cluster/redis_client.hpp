// A small synchronous Redis client over hiredis: one connection, commands as argument lists,
// replies as plain values. Not thread-safe: each user owns its client (or guards it).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

struct redisContext;

namespace salik::cluster {

// Where Redis is: redis://[:password@]host[:port][/db]. Throws std::runtime_error with a
// sentence naming SALIK_REDIS_URL when the text is not such a URL.
struct RedisAddress {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string password;
  int db = 0;
};
RedisAddress ParseRedisUrl(const std::string& url);

// One reply. Arrays hold their elements; nil is kind Nil.
struct RedisReply {
  enum class Kind { Nil, Integer, String, Array, Error };
  Kind kind = Kind::Nil;
  int64_t integer = 0;
  std::string text;  // String, Error (and status replies, as String)
  std::vector<RedisReply> elements;
};

// No reply within the client's reply timeout: Redis is stalled (frozen, swapping, overloaded)
// with the connection still open. The connection has been dropped, as for any other failure.
// What was sent may still run once Redis wakes (a rate count then counts there too).
struct RedisTimeout : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class RedisClient {
 public:
  // `name` (optional) is set on each connection (CLIENT SETNAME), so an operator or a test can
  // tell the connections apart in CLIENT LIST. `reply_timeout` bounds each read and write on the
  // connection (throwing RedisTimeout); zero waits as long as it takes (a subscriber waiting
  // for events). Every connection sends TCP keepalives, so a Redis host that vanished without
  // closing is noticed even by a subscriber.
  explicit RedisClient(RedisAddress address, std::string name = "",
                       std::chrono::milliseconds reply_timeout = std::chrono::milliseconds(0));
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // Runs one command, connecting first when needed. Throws std::runtime_error when Redis cannot
  // be reached, the connection broke or the reply timed out (the next call reconnects); an error
  // reply is returned.
  RedisReply Command(const std::vector<std::string>& args);
  // Several commands in one round trip; their replies in order.
  std::vector<RedisReply> Pipeline(const std::vector<std::vector<std::string>>& commands);
  // Blocks for the next pushed reply (a subscriber's message). Throws as Command does.
  RedisReply Read();
  // Unblocks a Read from another thread (the connection is then broken). Thread-safe.
  void Interrupt();
  bool Connected() const { return ctx_ != nullptr; }

 private:
  void Connect();
  void Drop();
  [[noreturn]] void Fail(const std::string& what);

  RedisAddress address_;
  std::string name_;
  std::chrono::milliseconds reply_timeout_;
  redisContext* ctx_ = nullptr;
  std::atomic<int> fd_{-1};  // for Interrupt, from another thread
};

}  // namespace salik::cluster
