#include "core/client_id.hpp"

#include <cinttypes>
#include <cstdio>

namespace salik {

std::string TimeOrderedClientId(int64_t unix_ms, uint64_t random_bits) {
  // Fixed width, so the text sorts like the number (until the year 10889).
  uint64_t ms = unix_ms < 0 ? 0 : static_cast<uint64_t>(unix_ms) & 0xffffffffffffULL;
  char out[40];
  std::snprintf(out, sizeof out, "m-%012" PRIx64 "-%016" PRIx64, ms, random_bits);
  return out;
}

}  // namespace salik
