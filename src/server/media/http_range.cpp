#include "server/media/http_range.hpp"

#include <charconv>
#include <optional>

namespace salik {
namespace {

std::optional<uint64_t> Number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

RangeRequest ParseRange(const std::string& header, uint64_t file_size) {
  RangeRequest whole{RangeRequest::Kind::Whole, 0, file_size};
  const std::string prefix = "bytes=";
  if (header.compare(0, prefix.size(), prefix) != 0) return whole;
  std::string spec = header.substr(prefix.size());
  if (spec.find(',') != std::string::npos) return whole;
  auto dash = spec.find('-');
  if (dash == std::string::npos) return whole;
  auto first = Number(spec.substr(0, dash));
  auto last = Number(spec.substr(dash + 1));
  if (!first) {
    // A suffix: the last n bytes.
    if (!last || *last == 0) return dash == 0 && last ? RangeRequest{RangeRequest::Kind::Unsatisfiable} : whole;
    uint64_t n = std::min(*last, file_size);
    if (n == 0) return {RangeRequest::Kind::Unsatisfiable};
    return {RangeRequest::Kind::Part, file_size - n, n};
  }
  if (dash + 1 < spec.size() && !last) return whole;
  if (last && *last < *first) return whole;
  if (*first >= file_size) return {RangeRequest::Kind::Unsatisfiable};
  uint64_t end = last ? std::min(*last, file_size - 1) : file_size - 1;
  return {RangeRequest::Kind::Part, *first, end - *first + 1};
}

}  // namespace salik
