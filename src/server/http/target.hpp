// Splitting a request target into a decoded path and query parameters.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "server/http/http_types.hpp"

namespace salik {

// Decodes %XX escapes (and '+' as a space when `plus_is_space`, for query strings). Nullopt for a
// broken escape or an encoded NUL byte.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// Fills req.path and req.query from req.target. False when the target is not a usable origin-form
// path (no leading '/', a bad escape, a NUL byte).
bool ParseTarget(HttpRequest& req);

// True when the decoded path tries to climb out of its folder (any "..", encoded or not).
bool IsPathTraversal(const HttpRequest& req);

}  // namespace salik
