#include "core/time_text.hpp"

#include <cstdio>

namespace salik {
namespace {

// Days since 1970-01-01 of a civil date (proleptic Gregorian).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

std::optional<int64_t> ParseUtcMillis(const std::string& iso) {
  int y, mo, d, h, mi, s, ms = 0;
  int n = 0;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &n) != 6) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  if (static_cast<size_t>(n) < iso.size() && iso[n] == '.') std::sscanf(iso.c_str() + n + 1, "%3d", &ms);
  int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return ((days * 24 + h) * 60 + mi) * 60000 + static_cast<int64_t>(s) * 1000 + ms;
}

std::string ShortDate(const std::string& iso) {
  int y, mo, d;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2d", &y, &mo, &d) != 3 || mo < 1 || mo > 12) return iso;
  return std::to_string(d) + " " + kMonths[mo - 1] + " " + std::to_string(y);
}

std::string RelativeTime(const std::string& iso, int64_t now_ms) {
  auto t = ParseUtcMillis(iso);
  if (!t) return iso;
  int64_t secs = (now_ms - *t) / 1000;
  if (secs < 60) return "just now";
  int64_t mins = secs / 60;
  if (mins < 60) return std::to_string(mins) + " min ago";
  int64_t hours = mins / 60;
  if (hours < 24) return std::to_string(hours) + " h ago";
  int64_t days = hours / 24;
  if (days == 1) return "yesterday";
  if (days < 7) return std::to_string(days) + " days ago";
  return ShortDate(iso);
}

}  // namespace salik
