// Timestamps as people read them. Pure: the caller passes "now".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace salik {

// Milliseconds since the epoch of "YYYY-MM-DDTHH:MM:SS(.mmm)Z"; nullopt if it is not one.
std::optional<int64_t> ParseUtcMillis(const std::string& iso);
// "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", or "12 Mar 2026".
std::string RelativeTime(const std::string& iso, int64_t now_ms);
// "12 Mar 2026"
std::string ShortDate(const std::string& iso);

}  // namespace salik
