// limit/offset query parameters shared by the list endpoints.
#pragma once

#include <optional>
#include <string>

#include "core/api_error.hpp"
#include "server/http/http_types.hpp"

namespace salik {

struct Paging {
  int limit = 20;
  int offset = 0;
};

constexpr int kDefaultPageLimit = 20;
constexpr int kMaxPageLimit = 50;
constexpr int kMaxPageOffset = 1'000'000;

// limit 1..50 (default 20), offset 0.. (default 0); 400 naming the field otherwise.
Expected<Paging> ParsePaging(const HttpRequest& req);
// A whole number from a query parameter, or nullopt when it is not one within [min, max].
std::optional<int> ParseQueryInt(const std::string& text, int min, int max);

}  // namespace salik
