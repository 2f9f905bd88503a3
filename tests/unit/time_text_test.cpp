// Timestamps as people read them (src/core/time_text.cpp).
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "core/time_text.hpp"

using namespace salik;

namespace {

constexpr int64_t kSecond = 1000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;

// 2026-03-12T10:00:00Z, from `date -u -d 2026-03-12T10:00:00Z +%s`.
constexpr int64_t kNow = 1773309600LL * 1000;
const std::string kPosted = "2026-03-12T10:00:00.000Z";

// What RelativeTime says of kPosted when `ago` milliseconds have passed since.
std::string SaidAfter(int64_t ago) { return RelativeTime(kPosted, kNow + ago); }

}  // namespace

TEST_CASE("ParseUtcMillis counts milliseconds since the epoch") {
  CHECK(ParseUtcMillis("1970-01-01T00:00:00Z") == 0);
  CHECK(ParseUtcMillis("1970-01-01T00:00:01.250Z") == 1250);
  CHECK(ParseUtcMillis("1970-01-02T00:00:00.000Z") == kDay);
  CHECK(ParseUtcMillis("2000-03-01T00:00:00.000Z") == 951868800LL * 1000);
  CHECK(ParseUtcMillis(kPosted) == kNow);
  CHECK(ParseUtcMillis("2026-03-12T10:00:00.999Z") == kNow + 999);
  CHECK(ParseUtcMillis("1969-12-31T23:59:59.000Z") == -1000);
}

TEST_CASE("ParseUtcMillis knows leap years") {
  auto feb28 = ParseUtcMillis("2024-02-28T00:00:00.000Z");
  auto mar01 = ParseUtcMillis("2024-03-01T00:00:00.000Z");
  REQUIRE(feb28);
  REQUIRE(mar01);
  CHECK(*mar01 - *feb28 == 2 * kDay);  // 2024 has a 29 February
  auto feb28_25 = ParseUtcMillis("2025-02-28T00:00:00.000Z");
  auto mar01_25 = ParseUtcMillis("2025-03-01T00:00:00.000Z");
  REQUIRE(feb28_25);
  REQUIRE(mar01_25);
  CHECK(*mar01_25 - *feb28_25 == kDay);
  auto y2100 = ParseUtcMillis("2100-03-01T00:00:00Z");
  auto f2100 = ParseUtcMillis("2100-02-28T00:00:00Z");
  REQUIRE(y2100);
  REQUIRE(f2100);
  CHECK(*y2100 - *f2100 == kDay);  // 2100 is not a leap year
}

TEST_CASE("ParseUtcMillis refuses text that is not a timestamp") {
  for (const char* text : {"", "yesterday", "2026-03-12", "2026-03-12 10:00", "12/03/2026 10:00:00",
                           "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-03-32T00:00:00Z",
                           "2026-03-00T00:00:00Z", "2026-03-12T24:00:00Z", "2026-03-12T10:60:00Z",
                           "2026-03-12T10:00:61Z"}) {
    INFO("text '" << text << "'");
    CHECK_FALSE(ParseUtcMillis(text));
  }
}

TEST_CASE("RelativeTime says just now for less than a minute") {
  CHECK(SaidAfter(0) == "just now");
  CHECK(SaidAfter(59 * kSecond + 999) == "just now");
  CHECK(SaidAfter(-5 * kMinute) == "just now");  // a clock slightly behind the server's
}

TEST_CASE("RelativeTime says 5 min ago") {
  CHECK(SaidAfter(5 * kMinute) == "5 min ago");
  CHECK(SaidAfter(5 * kMinute + 59 * kSecond) == "5 min ago");
  CHECK(SaidAfter(1 * kMinute) == "1 min ago");
  CHECK(SaidAfter(59 * kMinute + 59 * kSecond) == "59 min ago");
}

TEST_CASE("RelativeTime counts whole hours for under a day") {
  CHECK(SaidAfter(kHour) == "1 h ago");
  CHECK(SaidAfter(3 * kHour + 40 * kMinute) == "3 h ago");
  CHECK(SaidAfter(23 * kHour + 59 * kMinute) == "23 h ago");
}

TEST_CASE("RelativeTime says yesterday from 24 to 47 hours") {
  CHECK(SaidAfter(kDay) == "yesterday");
  CHECK(SaidAfter(47 * kHour + 59 * kMinute) == "yesterday");
  CHECK(SaidAfter(2 * kDay) == "2 days ago");
}

TEST_CASE("RelativeTime counts days for under a week") {
  CHECK(SaidAfter(4 * kDay + 3 * kHour) == "4 days ago");
  CHECK(SaidAfter(7 * kDay - kSecond) == "6 days ago");
}

TEST_CASE("RelativeTime shows the date from a week on") {
  CHECK(RelativeTime("2026-03-05T10:00:00.000Z", kNow) == "5 Mar 2026");
  CHECK(RelativeTime("2025-12-31T23:59:59.000Z", kNow) == "31 Dec 2025");
}

TEST_CASE("RelativeTime passes text that is not a time through unchanged") {
  CHECK(RelativeTime("", kNow) == "");
  CHECK(RelativeTime("soon", kNow) == "soon");
  CHECK(RelativeTime("2026-03-12", kNow) == "2026-03-12");
}

TEST_CASE("ShortDate names the month and drops the day's leading zero") {
  CHECK(ShortDate("2026-01-05T08:00:00.000Z") == "5 Jan 2026");
  CHECK(ShortDate("2026-03-12T10:00:00.000Z") == "12 Mar 2026");
  CHECK(ShortDate("2025-12-31T23:59:59Z") == "31 Dec 2025");
  CHECK(ShortDate("2024-02-29") == "29 Feb 2024");
}

TEST_CASE("ShortDate passes text that is not a date through unchanged") {
  CHECK(ShortDate("2026-13-01T00:00:00Z") == "2026-13-01T00:00:00Z");
  CHECK(ShortDate("2026-00-01") == "2026-00-01");
  CHECK(ShortDate("next week") == "next week");
  CHECK(ShortDate("") == "");
}

TEST_CASE("a timestamp must be exactly UTC with an optional fraction of up to three digits") {
  CHECK(salik::ParseUtcMillis("1970-01-01T00:00:00.5Z") == 500);
  CHECK(salik::ParseUtcMillis("1970-01-01T00:00:00.05Z") == 50);
  CHECK_FALSE(salik::ParseUtcMillis("2026-03-01T10:00:00+04:00").has_value());
  CHECK_FALSE(salik::ParseUtcMillis("2026-02-31T10:00:00Z").has_value());
  CHECK_FALSE(salik::ParseUtcMillis("2025-02-29T10:00:00Z").has_value());
  CHECK(salik::ParseUtcMillis("2024-02-29T10:00:00Z").has_value());
  CHECK_FALSE(salik::ParseUtcMillis("2026-03-01T10:00:00.1234Z").has_value());
  CHECK_FALSE(salik::ParseUtcMillis("2026-03-01T10:00:00").has_value());
}
