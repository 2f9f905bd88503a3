#include "server/cluster/redis_client.hpp"

#include <hiredis/hiredis.h>
#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <stdexcept>

namespace salik::cluster {
namespace {

constexpr timeval kConnectTimeout{2, 0};

std::runtime_error BadUrl() {
  return std::runtime_error("SALIK_REDIS_URL must look like redis://127.0.0.1:6379 (optionally redis://:password@host:port/db).");
}

RedisReply Convert(const redisReply* r) {
  RedisReply out;
  if (!r) return out;
  switch (r->type) {
    case REDIS_REPLY_INTEGER: out.kind = RedisReply::Kind::Integer; out.integer = r->integer; break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS: out.kind = RedisReply::Kind::String; out.text.assign(r->str, r->len); break;
    case REDIS_REPLY_ERROR: out.kind = RedisReply::Kind::Error; out.text.assign(r->str, r->len); break;
    case REDIS_REPLY_ARRAY:
      out.kind = RedisReply::Kind::Array;
      for (size_t i = 0; i < r->elements; ++i) out.elements.push_back(Convert(r->element[i]));
      break;
    default: break;  // nil
  }
  return out;
}

}  // namespace

RedisAddress ParseRedisUrl(const std::string& url) {
  const std::string scheme = "redis://";
  if (url.rfind(scheme, 0) != 0) throw BadUrl();
  std::string rest = url.substr(scheme.size());
  RedisAddress a;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    std::string auth = rest.substr(0, at);
    rest = rest.substr(at + 1);
    a.password = auth.substr(auth.find(':') == std::string::npos ? 0 : auth.find(':') + 1);
  }
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    std::string db = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
    if (!db.empty()) {
      if (db.find_first_not_of("0123456789") != std::string::npos || db.size() > 3) throw BadUrl();
      a.db = std::stoi(db);
    }
  }
  if (auto colon = rest.rfind(':'); colon != std::string::npos) {
    std::string port = rest.substr(colon + 1);
    rest = rest.substr(0, colon);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) throw BadUrl();
    a.port = std::stoi(port);
    if (a.port < 1 || a.port > 65535) throw BadUrl();
  }
  if (rest.empty()) throw BadUrl();
  a.host = rest;
  return a;
}

RedisClient::RedisClient(RedisAddress address, std::string name, std::chrono::milliseconds reply_timeout)
    : address_(std::move(address)), name_(std::move(name)), reply_timeout_(reply_timeout) {}

RedisClient::~RedisClient() { Drop(); }

void RedisClient::Drop() {
  if (ctx_) redisFree(ctx_);
  ctx_ = nullptr;
  fd_ = -1;
}

void RedisClient::Fail(const std::string& what) {
  // A socket timeout (SO_RCVTIMEO / SO_SNDTIMEO) ends the blocking read or write with EAGAIN.
  const bool timed_out = ctx_ && ctx_->err == REDIS_ERR_IO && (errno == EAGAIN || errno == EWOULDBLOCK);
  std::string why = ctx_ && ctx_->err ? ctx_->errstr : "connection lost";
  Drop();
  if (timed_out)
    throw RedisTimeout("redis " + address_.host + ":" + std::to_string(address_.port) + ": " + what + ": no reply within " +
                       std::to_string(reply_timeout_.count()) + " ms");
  throw std::runtime_error("redis " + address_.host + ":" + std::to_string(address_.port) + ": " + what + ": " + why);
}

void RedisClient::Connect() {
  if (ctx_) return;
  ctx_ = redisConnectWithTimeout(address_.host.c_str(), address_.port, kConnectTimeout);
  if (!ctx_) throw std::runtime_error("redis: out of memory");
  if (ctx_->err) Fail("cannot connect");
  fd_ = ctx_->fd;
  if (redisEnableKeepAlive(ctx_) != REDIS_OK) Fail("cannot enable keepalive");
  if (reply_timeout_.count() > 0) {
    const auto ms = reply_timeout_.count();
    const timeval tv{static_cast<time_t>(ms / 1000), static_cast<suseconds_t>(ms % 1000 * 1000)};
    if (redisSetTimeout(ctx_, tv) != REDIS_OK) Fail("cannot set the reply timeout");
  }
  if (!address_.password.empty()) {
    auto r = Command({"AUTH", address_.password});
    if (r.kind == RedisReply::Kind::Error) Fail("AUTH refused (" + r.text + ")");
  }
  if (address_.db != 0) Command({"SELECT", std::to_string(address_.db)});
  if (!name_.empty()) Command({"CLIENT", "SETNAME", name_});
}

RedisReply RedisClient::Command(const std::vector<std::string>& args) {
  return Pipeline({args}).front();
}

std::vector<RedisReply> RedisClient::Pipeline(const std::vector<std::vector<std::string>>& commands) {
  Connect();
  for (const auto& args : commands) {
    std::vector<const char*> argv;
    std::vector<size_t> lens;
    for (const auto& a : args) {
      argv.push_back(a.data());
      lens.push_back(a.size());
    }
    if (redisAppendCommandArgv(ctx_, static_cast<int>(argv.size()), argv.data(), lens.data()) != REDIS_OK)
      Fail("cannot send");
  }
  std::vector<RedisReply> out;
  out.reserve(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) out.push_back(Read());
  return out;
}

RedisReply RedisClient::Read() {
  Connect();
  void* raw = nullptr;
  if (redisGetReply(ctx_, &raw) != REDIS_OK || !raw) Fail("read failed");
  auto* reply = static_cast<redisReply*>(raw);
  RedisReply out = Convert(reply);
  freeReplyObject(reply);
  return out;
}

void RedisClient::Interrupt() {
  int fd = fd_;
  if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
}

}  // namespace salik::cluster
