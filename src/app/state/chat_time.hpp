// Times in a chat as people read them, in their own time zone. Pure: the caller passes the zone
// (minutes east of UTC: the browser's -getTimezoneOffset()) and "now".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace salik::app::chat {

// "14:30" (24-hour clock); empty when `iso` is not a time.
std::string ClockTime(const std::string& iso, int utc_offset_min);
// Days since 1970-01-01 in the local zone; nullopt when `iso` is not a time.
std::optional<int64_t> LocalDay(const std::string& iso, int utc_offset_min);
int64_t LocalDayOf(int64_t epoch_ms, int utc_offset_min);
// A day separator: "Today", "Yesterday", a weekday within the last week, else "12 Mar 2026".
std::string DayLabel(int64_t day, int64_t today);
// A conversation's time in the list: "14:30" today, "Yesterday", a weekday, else "12 Mar".
std::string ListTime(const std::string& iso, int64_t now_ms, int utc_offset_min);
// Under a chat's title: "Online", "Last seen 5 min ago", or empty when unknown.
std::string PresenceText(bool online, const std::string& last_seen, int64_t now_ms);

}  // namespace salik::app::chat
