#include "state/form_numbers.hpp"

#include "core/validation.hpp"

namespace salik::app {

nlohmann::json TypedWholeNumber(const std::string& text) {
  std::string t = Trim(text);
  if (t.empty()) return nullptr;
  std::string digits;
  for (char c : t)
    if (c != ',' && c != ' ') digits += c;
  if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) return t;
  return std::stoll(digits);
}

}  // namespace salik::app
