#include "server/app/config.hpp"

#include <cctype>
#include <cstdlib>
#include <stdexcept>
#include <unistd.h>

#include "server/http/client_address.hpp"
#include "server/util/comma_list.hpp"

#ifndef SALIK_SOURCE_DIR
#define SALIK_SOURCE_DIR "."
#endif

namespace salik {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

long long EnvNumber(const char* name, long long fallback, long long min, long long max) {
  std::string text = Env(name);
  if (text.empty()) return fallback;
  char* end = nullptr;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (*end != '\0' || v < min || v > max)
    throw std::runtime_error(std::string(name) + " must be a whole number from " + std::to_string(min) +
                             " to " + std::to_string(max) + ".");
  return v;
}

// "https://a.example, http://b.example:8080/" → {"https://a.example", "http://b.example:8080"}.
std::vector<std::string> ParseOrigins(const std::string& text) {
  std::vector<std::string> out;
  for (std::string item : SplitCommaList(text)) {
    while (!item.empty() && item.back() == '/') item.pop_back();
    if (item.empty()) continue;
    for (auto& c : item) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (item.rfind("http://", 0) != 0 && item.rfind("https://", 0) != 0)
      throw std::runtime_error("SALIK_ALLOWED_ORIGINS must list origins such as https://salikchat.example, "
                               "separated by commas.");
    out.push_back(item);
  }
  return out;
}

}  // namespace

ServerConfig LoadConfigFromEnv() {
  ServerConfig c;
  if (auto host = Env("SALIK_HOST"); !host.empty()) c.host = host;
  c.port = static_cast<uint16_t>(EnvNumber("SALIK_PORT", c.port, 0, 65535));
  if (auto dir = Env("SALIK_DATA_DIR"); !dir.empty()) c.data_dir = dir;
  c.database_url = Env("SALIK_DATABASE_URL");
  if (c.database_url.empty()) c.database_url = (c.data_dir / "salikchat.db").string();
  c.web_root = Env("SALIK_WEB_ROOT");
  if (c.web_root.empty()) c.web_root = std::filesystem::path(SALIK_SOURCE_DIR) / "build" / "web" / "dist";
  c.admin_email = Env("SALIK_ADMIN_EMAIL");
  c.admin_password = Env("SALIK_ADMIN_PASSWORD");
  c.api_rate_per_minute =
      static_cast<int>(EnvNumber("SALIK_API_RATE_PER_MINUTE", c.api_rate_per_minute, 1, 100'000'000));
  c.message_rate_per_minute = static_cast<int>(
      EnvNumber("SALIK_MESSAGE_RATE_PER_MINUTE", c.message_rate_per_minute, 1, 100'000'000));
  c.session_ttl = std::chrono::seconds(
      EnvNumber("SALIK_SESSION_TTL_SECONDS", c.session_ttl.count(), 1, 365LL * 24 * 3600));
  c.edit_window = std::chrono::seconds(
      EnvNumber("SALIK_EDIT_WINDOW_SECONDS", c.edit_window.count(), 0, ChatLimits::kEditWindowSeconds));
  c.allowed_origins = ParseOrigins(Env("SALIK_ALLOWED_ORIGINS"));
  c.trusted_proxies = ParseTrustedProxies(Env("SALIK_TRUSTED_PROXIES"));
  c.redis_url = Env("SALIK_REDIS_URL");
  c.instance_id = Env("SALIK_INSTANCE_ID");
  if (c.instance_id.empty() && !c.redis_url.empty()) {
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    c.instance_id = std::string(host) + "-" + std::to_string(getpid());
  }
  if (c.instance_id.size() > 64) throw std::runtime_error("SALIK_INSTANCE_ID must be at most 64 characters.");
  c.ws_session_check =
      std::chrono::seconds(EnvNumber("SALIK_WS_SESSION_CHECK_SECONDS", c.ws_session_check.count(), 1, 3600));
  c.ws_keep_alive = std::chrono::seconds(EnvNumber("SALIK_WS_KEEPALIVE_SECONDS", c.ws_keep_alive.count(), 1, 3600));
  c.instance_ttl = std::chrono::seconds(EnvNumber("SALIK_INSTANCE_TTL_SECONDS", c.instance_ttl.count(), 3, 3600));
  return c;
}

std::string DatabaseKind(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0 ? "postgresql" : "sqlite";
}

}  // namespace salik
