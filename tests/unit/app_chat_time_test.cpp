// Chat times as people read them (src/app/state/chat_time.cpp): clock times and day separators
// in the reader's own zone, list times, presence.
#include <catch2/catch.hpp>

#include "core/time_text.hpp"
#include "state/chat_time.hpp"

using namespace salik;
using namespace salik::app::chat;

TEST_CASE("clock times are in the reader's zone") {
  CHECK(ClockTime("2026-03-12T10:05:00.000Z", 0) == "10:05");
  CHECK(ClockTime("2026-03-12T10:05:00.000Z", 240) == "14:05");   // Dubai, UTC+4
  CHECK(ClockTime("2026-03-12T22:30:00.000Z", 240) == "02:30");   // past midnight there
  CHECK(ClockTime("2026-03-12T00:15:00.000Z", -300) == "19:15");  // west of UTC: the day before
  CHECK(ClockTime("not a time", 0).empty());
}

TEST_CASE("a message belongs to the reader's local day") {
  CHECK(*LocalDay("2026-03-12T22:30:00.000Z", 240) == *LocalDay("2026-03-13T08:00:00.000Z", 240));
  CHECK(*LocalDay("2026-03-12T22:30:00.000Z", 0) + 1 == *LocalDay("2026-03-13T08:00:00.000Z", 0));
  CHECK(*LocalDay("1970-01-01T00:30:00.000Z", -60) == -1);
  CHECK_FALSE(LocalDay("", 0));
}

TEST_CASE("day separators: today, yesterday, a weekday within the week, then the date") {
  int64_t today = *LocalDay("2026-03-12T12:00:00.000Z", 0);  // a Thursday
  CHECK(DayLabel(today, today) == "Today");
  CHECK(DayLabel(today - 1, today) == "Yesterday");
  CHECK(DayLabel(today - 2, today) == "Tuesday");
  CHECK(DayLabel(today - 6, today) == "Friday");
  CHECK(DayLabel(today - 7, today) == "5 Mar 2026");
  CHECK(DayLabel(*LocalDay("2025-12-31T12:00:00.000Z", 0), today) == "31 Dec 2025");
}

TEST_CASE("times in the conversation list") {
  int64_t now = *ParseUtcMillis("2026-03-12T12:00:00.000Z");
  CHECK(ListTime("2026-03-12T09:41:00.000Z", now, 0) == "09:41");
  CHECK(ListTime("2026-03-11T09:41:00.000Z", now, 0) == "Yesterday");
  CHECK(ListTime("2026-03-09T09:41:00.000Z", now, 0) == "Monday");
  CHECK(ListTime("2026-02-01T09:41:00.000Z", now, 0) == "1 Feb");
  CHECK(ListTime("2025-02-01T09:41:00.000Z", now, 0) == "1 Feb 2025");
  CHECK(ListTime("", now, 0).empty());
}

TEST_CASE("presence under a chat's title") {
  int64_t now = *ParseUtcMillis("2026-03-12T12:00:00.000Z");
  CHECK(PresenceText(true, "", now) == "Online");
  CHECK(PresenceText(false, "2026-03-12T11:55:00.000Z", now) == "Last seen 5 min ago");
  CHECK(PresenceText(false, "", now).empty());
}
