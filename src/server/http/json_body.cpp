#include "server/http/json_body.hpp"

#include <cctype>
#include <string_view>

#include "server/http/responses.hpp"

namespace salik {
namespace {

bool IsJsonContentType(std::string_view type) {
  std::string lower;
  for (char c : type.substr(0, type.find(';')))
    if (!std::isspace(static_cast<unsigned char>(c))) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "application/json" ||
         (lower.size() > 5 && lower.rfind("application/", 0) == 0 && lower.ends_with("+json"));
}

// Counts bracket depth outside strings, before nlohmann builds anything.
bool NestingWithinLimit(const std::string& body) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : body) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxJsonDepth) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

ApiError InvalidJson() {
  return BadRequest("invalid_json", "The request body is not valid JSON.");
}

}  // namespace

Expected<nlohmann::json> ReadJsonBody(const HttpRequest& req) {
  bool blank = req.body.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank) return nlohmann::json();
  if (!IsJsonContentType(req.Header("content-type"))) return UnsupportedMediaType();
  if (req.body.size() > kMaxBodyBytes) return PayloadTooLarge();
  if (!NestingWithinLimit(req.body)) return InvalidJson();
  auto parsed = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return InvalidJson();
  return parsed;
}

}  // namespace salik
