// RedisClient against real loopback sockets that behave like a broken Redis: one that accepts the
// connection and never answers (a frozen process: the kernel still completes the handshake), and
// one that closes at once. No Redis is needed; the cluster tests (tests/api/cluster.test.mjs)
// freeze a real one.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "server/cluster/redis_client.hpp"

using salik::cluster::ParseRedisUrl;
using salik::cluster::RedisAddress;
using salik::cluster::RedisClient;
using salik::cluster::RedisTimeout;
using namespace std::chrono_literals;

namespace {

// A listening socket on 127.0.0.1 and a free port. Connections wait in its backlog, unanswered.
class SilentListener {
 public:
  SilentListener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(fd_, 8) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    port_ = ntohs(addr.sin_port);
  }
  ~SilentListener() { ::close(fd_); }
  RedisAddress Address() const {
    RedisAddress a;
    a.port = port_;
    return a;
  }
  // Takes the next waiting connection and closes it.
  void AcceptAndClose() {
    int c = ::accept(fd_, nullptr, nullptr);
    REQUIRE(c >= 0);
    ::close(c);
  }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// Breaks the client's connection after `after`, so that a missing timeout fails the test
// instead of hanging it.
class Watchdog {
 public:
  Watchdog(RedisClient& client, std::chrono::milliseconds after)
      : thread_([&client, after, this] {
          std::unique_lock lock(mu_);
          if (!cv_.wait_for(lock, after, [this] { return done_; })) client.Interrupt();
        }) {}
  ~Watchdog() {
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace

TEST_CASE("a Redis that accepts and never answers times out each command", "[redis]") {
  SilentListener silent;
  RedisClient client(silent.Address(), "", 200ms);
  Watchdog watchdog(client, 5s);
  const auto start = std::chrono::steady_clock::now();
  REQUIRE_THROWS_AS(client.Command({"PING"}), RedisTimeout);
  const auto waited = std::chrono::steady_clock::now() - start;
  CHECK(waited >= 150ms);  // it did wait for a reply, and gave up: not a refused connection
  CHECK_FALSE(client.Connected());  // dropped: the late reply can never be taken for the next one
  CHECK_THROWS_AS(client.Pipeline({{"PING"}, {"PING"}}), RedisTimeout);  // a new connection, the same end
}

TEST_CASE("the connection name is sent within the reply timeout too", "[redis]") {
  SilentListener silent;
  RedisClient client(silent.Address(), "salik-test-calls", 200ms);
  Watchdog watchdog(client, 5s);
  REQUIRE_THROWS_AS(client.Command({"PING"}), RedisTimeout);
}

TEST_CASE("a connection the server closes is an error, not a timeout", "[redis]") {
  SilentListener closing;
  RedisClient client(closing.Address(), "", 5000ms);
  std::thread closer([&] { closing.AcceptAndClose(); });
  try {
    client.Command({"PING"});
    FAIL("a closed connection answered");
  } catch (const RedisTimeout& e) {
    FAIL(std::string("taken for a timeout: ") + e.what());
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("127.0.0.1") != std::string::npos);
  }
  closer.join();
  CHECK_FALSE(client.Connected());
}

TEST_CASE("nothing listening is an error, not a timeout", "[redis]") {
  RedisAddress nowhere;
  {
    SilentListener gone;
    nowhere = gone.Address();
  }  // closed: the port refuses connections now
  RedisClient client(nowhere, "", 200ms);
  try {
    client.Command({"PING"});
    FAIL("nothing listening answered");
  } catch (const RedisTimeout&) {
    FAIL("taken for a timeout");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("cannot connect") != std::string::npos);
  }
}

TEST_CASE("Redis URLs are read, and anything else is refused with the setting's name", "[redis]") {
  RedisAddress a = ParseRedisUrl("redis://:secret@10.0.0.5:6380/2");
  CHECK(a.host == "10.0.0.5");
  CHECK(a.port == 6380);
  CHECK(a.password == "secret");
  CHECK(a.db == 2);
  RedisAddress plain = ParseRedisUrl("redis://127.0.0.1");
  CHECK(plain.port == 6379);
  CHECK(plain.db == 0);
  for (const char* bad : {"http://127.0.0.1:6379", "redis://", "redis://host:0", "redis://host:99999", "redis://host/x"}) {
    INFO(bad);
    try {
      ParseRedisUrl(bad);
      FAIL("accepted");
    } catch (const std::runtime_error& e) {
      CHECK(std::string(e.what()).find("SALIK_REDIS_URL") != std::string::npos);
    }
  }
}
