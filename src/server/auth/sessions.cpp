#include "server/auth/sessions.hpp"

#include <sodium.h>

#include <cctype>
#include <strings.h>

#include "server/util/clock.hpp"
#include "server/util/ids.hpp"

namespace salik {
namespace {

constexpr size_t kTokenBytes = 32;

bool IsTokenShaped(const std::string& token) {
  if (token.size() != kTokenBytes * 2) return false;
  for (unsigned char c : token)
    if (!std::isxdigit(c)) return false;
  return true;
}

ApiError SessionInvalid() {
  return {401, "unauthorized", "Your session has ended. Please sign in again.", {}};
}

}  // namespace

std::string HashToken(const std::string& token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string StartSession(AppContext& ctx, const std::string& user_id) {
  std::string token = RandomHex(kTokenBytes);
  ctx.store.CreateSession(HashToken(token), user_id, NowUtc(), UtcIn(ctx.config.session_ttl));
  return token;
}

std::optional<std::string> BearerToken(const HttpRequest& req) {
  const std::string& header = req.Header("authorization");
  if (header.size() < 7 || strncasecmp(header.c_str(), "Bearer ", 7) != 0) return std::nullopt;
  std::string token = header.substr(7);
  while (!token.empty() && token.front() == ' ') token.erase(0, 1);
  while (!token.empty() && token.back() == ' ') token.pop_back();
  for (auto& c : token) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return token;
}

Expected<std::optional<Profile>> OptionalUser(AppContext& ctx, const HttpRequest& req) {
  if (req.Header("authorization").empty()) return std::optional<Profile>();
  auto token = BearerToken(req);
  if (!token || !IsTokenShaped(*token)) return SessionInvalid();
  auto user = ctx.store.FindSessionUser(HashToken(*token), NowUtc());
  if (!user) return SessionInvalid();
  if (!user->is_active) return Forbidden("This account is suspended. Contact SalikChat support.");
  return std::optional<Profile>(std::move(*user));
}

Expected<Profile> RequireUser(AppContext& ctx, const HttpRequest& req) {
  auto user = OptionalUser(ctx, req);
  if (!user) return user.error();
  if (!user.value()) return Unauthorized();
  return std::move(*user.value());
}

}  // namespace salik
