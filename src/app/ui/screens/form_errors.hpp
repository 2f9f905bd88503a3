// Splits an API error between the field it names and the form as a whole.
#pragma once

#include <initializer_list>
#include <optional>
#include <string_view>

#include "core/api_error.hpp"

namespace salik::ui {

// The message if the error is about `field`.
inline std::string_view FieldError(const std::optional<ApiError>& e, std::string_view field) {
  return e && e->field == field ? std::string_view(e->message) : std::string_view();
}

// The message if the error is about none of the fields shown on this form.
inline std::string_view GeneralError(const std::optional<ApiError>& e, std::initializer_list<std::string_view> shown) {
  if (!e) return {};
  for (auto f : shown)
    if (e->field == f) return {};
  return e->message;
}

}  // namespace salik::ui
