// The one error shape of the API: an HTTP status and {"error": {"code", "message", "field"?}}.
// Messages are sentences for a person; they never carry SQL, C++ or stack detail.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace salik {

struct ApiError {
  int status = 400;
  std::string code;     // snake_case, stable for clients
  std::string message;  // a human sentence
  std::string field;    // the offending input field, when there is one
};

inline ApiError BadRequest(std::string code, std::string message, std::string field = {}) {
  return {400, std::move(code), std::move(message), std::move(field)};
}
inline ApiError Unauthorized(std::string message = "Please sign in to continue.") {
  return {401, "unauthorized", std::move(message), {}};
}
inline ApiError Forbidden(std::string message) { return {403, "forbidden", std::move(message), {}}; }
inline ApiError NotFound(std::string message = "We could not find that.") {
  return {404, "not_found", std::move(message), {}};
}
inline ApiError Conflict(std::string code, std::string message) {
  return {409, std::move(code), std::move(message), {}};
}

// A value or the reason there is none; used by parsers and validators in core.
template <typename T>
class Expected {
 public:
  Expected(T value) : v_(std::move(value)) {}
  Expected(ApiError error) : v_(std::move(error)) {}
  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(v_); }
  const T& value() const { return std::get<T>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const ApiError& error() const { return std::get<ApiError>(v_); }

 private:
  std::variant<T, ApiError> v_;
};

}  // namespace salik
