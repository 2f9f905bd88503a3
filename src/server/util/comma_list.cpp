#include "server/util/comma_list.hpp"

namespace salik {

std::vector<std::string> SplitCommaList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    size_t first = start, last = comma;
    while (first < last && (text[first] == ' ' || text[first] == '\t')) ++first;
    while (last > first && (text[last - 1] == ' ' || text[last - 1] == '\t')) --last;
    if (last > first) out.push_back(text.substr(first, last - first));
    start = comma + 1;
  }
  return out;
}

}  // namespace salik
