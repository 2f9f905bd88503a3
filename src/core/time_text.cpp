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
  // Exactly "YYYY-MM-DDTHH:MM:SS", then an optional fraction of 1 to 3 digits, then "Z".
  auto digits = [&](size_t at, size_t count, int& out) {
    if (at + count > iso.size()) return false;
    out = 0;
    for (size_t i = at; i < at + count; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return false;
      out = out * 10 + (iso[i] - '0');
    }
    return true;
  };
  int y, mo, d, h, mi, s;
  if (iso.size() < 20 || !digits(0, 4, y) || iso[4] != '-' || !digits(5, 2, mo) || iso[7] != '-' ||
      !digits(8, 2, d) || iso[10] != 'T' || !digits(11, 2, h) || iso[13] != ':' || !digits(14, 2, mi) ||
      iso[16] != ':' || !digits(17, 2, s))
    return std::nullopt;
  size_t at = 19;
  int ms = 0;
  if (iso[at] == '.') {
    size_t n = 0;
    while (at + 1 + n < iso.size() && n < 4 && iso[at + 1 + n] >= '0' && iso[at + 1 + n] <= '9') ++n;
    if (n == 0 || n > 3) return std::nullopt;
    digits(at + 1, n, ms);
    for (size_t k = n; k < 3; ++k) ms *= 10;  // ".5" is 500 ms
    at += 1 + n;
  }
  if (at + 1 != iso.size() || iso[at] != 'Z') return std::nullopt;
  static const int kDaysIn[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (mo < 1 || mo > 12 || d < 1 || d > kDaysIn[mo - 1] || (mo == 2 && d == 29 && !leap) || h > 23 || mi > 59 ||
      s > 59)
    return std::nullopt;
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
