#include "state/chat_time.hpp"

#include <cstdio>

#include "core/time_text.hpp"

namespace salik::app::chat {
namespace {

constexpr int64_t kDayMs = 86'400'000;
const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* kWeekdays[] = {"Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"};  // from 1970-01-01

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

struct Civil {
  int64_t y;
  unsigned m, d;
};

// The civil date of a day number (H. Hinnant's algorithm).
Civil CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

}  // namespace

int64_t LocalDayOf(int64_t epoch_ms, int utc_offset_min) {
  return FloorDiv(epoch_ms + static_cast<int64_t>(utc_offset_min) * 60'000, kDayMs);
}

std::optional<int64_t> LocalDay(const std::string& iso, int utc_offset_min) {
  auto ms = ParseUtcMillis(iso);
  if (!ms) return std::nullopt;
  return LocalDayOf(*ms, utc_offset_min);
}

std::string ClockTime(const std::string& iso, int utc_offset_min) {
  auto ms = ParseUtcMillis(iso);
  if (!ms) return {};
  int64_t local = *ms + static_cast<int64_t>(utc_offset_min) * 60'000;
  int64_t minute_of_day = FloorDiv(local, 60'000) - LocalDayOf(*ms, utc_offset_min) * 1440;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(minute_of_day / 60), static_cast<int>(minute_of_day % 60));
  return buf;
}

std::string DayLabel(int64_t day, int64_t today) {
  if (day == today) return "Today";
  if (day == today - 1) return "Yesterday";
  if (day < today && day > today - 7) return kWeekdays[((day % 7) + 7) % 7];
  Civil c = CivilFromDays(day);
  return std::to_string(c.d) + " " + kMonths[c.m - 1] + " " + std::to_string(c.y);
}

std::string ListTime(const std::string& iso, int64_t now_ms, int utc_offset_min) {
  auto day = LocalDay(iso, utc_offset_min);
  if (!day) return {};
  int64_t today = LocalDayOf(now_ms, utc_offset_min);
  if (*day == today) return ClockTime(iso, utc_offset_min);
  std::string label = DayLabel(*day, today);
  Civil c = CivilFromDays(*day);
  // Within this year the year is noise in a list.
  if (label.find(' ') != std::string::npos && c.y == CivilFromDays(today).y)
    return std::to_string(c.d) + " " + kMonths[c.m - 1];
  return label;
}

std::string PresenceText(bool online, const std::string& last_seen, int64_t now_ms) {
  if (online) return "Online";
  if (last_seen.empty() || !ParseUtcMillis(last_seen)) return {};
  return "Last seen " + RelativeTime(last_seen, now_ms);
}

}  // namespace salik::app::chat
