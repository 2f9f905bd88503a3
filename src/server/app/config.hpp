// Server settings, read once from the environment at start.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/chat.hpp"

namespace salik {

struct ServerConfig {
  std::string host = "127.0.0.1";           // SALIK_HOST
  uint16_t port = 8080;                      // SALIK_PORT (0 picks a free port)
  std::filesystem::path data_dir = "data";   // SALIK_DATA_DIR, created when missing
  std::string database_url;                  // SALIK_DATABASE_URL, else data_dir/salikchat.db
  std::filesystem::path web_root;            // SALIK_WEB_ROOT, else <repo>/build/web/dist
  std::string admin_email;                   // SALIK_ADMIN_EMAIL } the first admin, created
  std::string admin_password;                // SALIK_ADMIN_PASSWORD } when none exists yet
  int api_rate_per_minute = 100;             // SALIK_API_RATE_PER_MINUTE, per client IP
  int issue_rate_per_hour = 5;               // the design's limit, per customer
  // Chat messages per minute per user, REST and WebSocket together (SALIK_MESSAGE_RATE_PER_MINUTE;
  // tests and benchmarks raise it).
  int message_rate_per_minute = ChatLimits::kMessagesPerMinute;
  std::chrono::seconds session_ttl{30 * 24 * 3600};  // SALIK_SESSION_TTL_SECONDS
  // How long a sender may edit a chat message (15 min); SALIK_EDIT_WINDOW_SECONDS shortens it,
  // never lengthens it, so tests need not wait.
  std::chrono::seconds edit_window{ChatLimits::kEditWindowSeconds};
  bool demo = false;                         // --demo
  // Browser origins allowed to open /api/ws (SALIK_ALLOWED_ORIGINS, comma-separated, e.g.
  // "https://salikchat.example,https://partner.example"). Empty: the page's own origin (from the
  // Host header) and http://localhost:<port> / http://127.0.0.1:<port>. Lower-case, no trailing "/".
  std::vector<std::string> allowed_origins;
  // Reverse proxies whose X-Forwarded-For is believed for per-IP limits (SALIK_TRUSTED_PROXIES,
  // comma-separated IP addresses, e.g. "127.0.0.1" behind the local haproxy). Empty: the header
  // is ignored and the socket's peer is the client.
  std::vector<std::string> trusted_proxies;
  // How often the realtime hub re-checks each socket's session (expired, suspended account):
  // SALIK_WS_SESSION_CHECK_SECONDS, default 30; tests shorten it.
  std::chrono::seconds ws_session_check{30};
  // SALIK_WS_KEEPALIVE_SECONDS, default 30: a socket silent for this long gets a ping, and one
  // that stays silent for another period is dropped. Tests shorten it.
  std::chrono::seconds ws_keep_alive{30};
  // Several instances (server/cluster): SALIK_REDIS_URL, e.g. redis://127.0.0.1:6379, shares
  // realtime fan-out, presence and rate limits through Redis; empty = this instance alone.
  std::string redis_url;
  // This instance's name, shown by /api/health (SALIK_INSTANCE_ID; with SALIK_REDIS_URL the
  // default is the host name and pid; otherwise none).
  std::string instance_id;
  // With Redis: this instance renews a key saying it is alive every third of this
  // (SALIK_INSTANCE_TTL_SECONDS, default 15; tests shorten it). An instance whose key is gone
  // stopped or crashed: the others take its users' presence down (server/cluster).
  std::chrono::seconds instance_ttl{15};
};

// Throws std::runtime_error with a sentence naming the variable when a value is unusable.
ServerConfig LoadConfigFromEnv();

// "postgresql" for a postgres:// or postgresql:// URL, otherwise "sqlite".
std::string DatabaseKind(const std::string& url);

}  // namespace salik
