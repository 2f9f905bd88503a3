#include "server/util/clock.hpp"

#include <cstdio>
#include <ctime>

namespace salik {

std::string FormatUtc(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  auto ms = duration_cast<milliseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

std::string NowUtc() { return FormatUtc(std::chrono::system_clock::now()); }

std::string UtcIn(std::chrono::seconds delta) { return FormatUtc(std::chrono::system_clock::now() + delta); }

}  // namespace salik
