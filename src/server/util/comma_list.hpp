// "a, b ,c," → {"a", "b", "c"}: the items of a comma-separated setting or header, trimmed of
// spaces and tabs, empty ones dropped.
#pragma once

#include <string>
#include <vector>

namespace salik {

std::vector<std::string> SplitCommaList(const std::string& text);

}  // namespace salik
