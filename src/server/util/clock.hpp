// UTC timestamps as the store keeps them: "YYYY-MM-DDTHH:MM:SS.mmmZ" (sortable as text).
#pragma once

#include <chrono>
#include <string>

namespace salik {

std::string FormatUtc(std::chrono::system_clock::time_point t);
std::string NowUtc();
// Seconds added to now, formatted; negative goes back in time.
std::string UtcIn(std::chrono::seconds delta);

}  // namespace salik
