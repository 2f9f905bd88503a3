// Building API responses: JSON bodies, the one error shape, 204s and 429s.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/api_error.hpp"
#include "server/http/http_types.hpp"

namespace salik {

HttpResponse JsonResponse(int status, const nlohmann::json& body);
// {"error": {"code", "message", "field"?}} with the error's status.
HttpResponse ErrorResponse(const ApiError& error);
HttpResponse NoContentResponse();
// 429 rate_limited with a Retry-After header in whole seconds.
HttpResponse RateLimitedResponse(
    int64_t retry_after_seconds,
    std::string message = "You are going too fast. Please wait a moment and try again.");

// The errors the HTTP layer itself gives.
ApiError InternalError();
ApiError PayloadTooLarge();
ApiError UnsupportedMediaType();
ApiError BadPath();
ApiError MalformedRequest();

}  // namespace salik
