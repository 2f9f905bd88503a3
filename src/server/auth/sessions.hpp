// Session tokens: 32 random bytes as hex for the client, only their SHA-256 in the store.
#pragma once

#include <optional>
#include <string>

#include "core/api_error.hpp"
#include "core/domain.hpp"
#include "server/app/context.hpp"
#include "server/http/http_types.hpp"

namespace salik {

std::string HashToken(const std::string& token);
// Stores a new session for the user and answers the raw token (shown to the client once).
std::string StartSession(AppContext& ctx, const std::string& user_id);
// The token of "Authorization: Bearer <token>", when the header is there and well formed.
std::optional<std::string> BearerToken(const HttpRequest& req);

// The signed-in user; 401 when the token is missing, wrong, expired or logged out.
Expected<Profile> RequireUser(AppContext& ctx, const HttpRequest& req);
// For endpoints open to everybody: no header is fine, a bad token is still 401.
Expected<std::optional<Profile>> OptionalUser(AppContext& ctx, const HttpRequest& req);

}  // namespace salik
