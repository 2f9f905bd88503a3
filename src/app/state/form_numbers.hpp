// Whole numbers as people type them into forms ("85,000", " 2019 ").
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace salik::app {

// The JSON to send for a typed whole number: null when empty, the number when it is one
// (thousands separators and spaces allowed), otherwise the text itself, so the shared validator
// refuses it with the field's own message.
nlohmann::json TypedWholeNumber(const std::string& text);

}  // namespace salik::app
