#include "server/http/responses.hpp"

#include <nlohmann/json.hpp>
#include <string>

#include "core/json_codecs.hpp"

namespace salik {

HttpResponse JsonResponse(int status, const nlohmann::json& body) {
  HttpResponse res;
  res.status = status;
  res.SetHeader("Content-Type", "application/json; charset=utf-8");
  res.SetHeader("Cache-Control", "no-store");
  res.SetHeader("X-Content-Type-Options", "nosniff");
  // Replace rather than throw on bad UTF-8: a stored byte must never turn a reply into a 500.
  res.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return res;
}

HttpResponse ErrorResponse(const ApiError& error) { return JsonResponse(error.status, ErrorBody(error)); }

HttpResponse NoContentResponse() {
  HttpResponse res;
  res.status = 204;
  res.SetHeader("Cache-Control", "no-store");
  return res;
}

HttpResponse RateLimitedResponse(int64_t retry_after_seconds, std::string message) {
  HttpResponse res = ErrorResponse({429, "rate_limited", std::move(message), {}});
  res.SetHeader("Retry-After", std::to_string(retry_after_seconds));
  return res;
}

ApiError InternalError() {
  return {500, "internal_error", "Something went wrong on our side. Please try again.", {}};
}
ApiError PayloadTooLarge() {
  return {413, "payload_too_large", "The request is too large. The limit is 1 MiB.", {}};
}
ApiError UnsupportedMediaType() {
  return {415, "unsupported_media_type", "Send the request body as JSON (Content-Type: application/json).", {}};
}
ApiError BadPath() { return BadRequest("bad_path", "That address is not allowed."); }
ApiError MalformedRequest() { return BadRequest("bad_request", "The request could not be read."); }

}  // namespace salik
