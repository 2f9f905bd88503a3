#include "server/app/paging.hpp"

#include <charconv>
#include <optional>
#include <string>

namespace salik {

std::optional<int> ParseQueryInt(const std::string& text, int min, int max) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) return std::nullopt;
  return value;
}

Expected<Paging> ParsePaging(const HttpRequest& req) {
  Paging p;
  if (const auto* limit = req.Query("limit")) {
    auto v = ParseQueryInt(*limit, 1, kMaxPageLimit);
    if (!v) return BadRequest("invalid_query", "limit must be a whole number from 1 to 50.", "limit");
    p.limit = *v;
  }
  if (const auto* offset = req.Query("offset")) {
    auto v = ParseQueryInt(*offset, 0, kMaxPageOffset);
    if (!v) return BadRequest("invalid_query", "offset must be a whole number, 0 or more.", "offset");
    p.offset = *v;
  }
  return p;
}

}  // namespace salik
