// Wall-clock milliseconds for the load tools' client ids (which start with their creation time).
#pragma once

#include <chrono>
#include <cstdint>

namespace salik::load {

inline int64_t UnixMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace salik::load
