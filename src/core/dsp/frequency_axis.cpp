#include "core/dsp/frequency_axis.hpp"

#include <cmath>
#include <cstdio>

namespace salik::dsp {

double LogFrequencyAxis::ToUnit(double hz) const {
  if (hz <= 0) return -1e9;
  return std::log(hz / min_hz) / std::log(max_hz / min_hz);
}

double LogFrequencyAxis::FromUnit(double unit) const { return min_hz * std::pow(max_hz / min_hz, unit); }

std::vector<double> LogFrequencyAxis::Ticks() const {
  std::vector<double> ticks;
  if (!(min_hz > 0) || !(max_hz > min_hz)) return ticks;
  double decade = std::pow(10.0, std::floor(std::log10(min_hz)));
  for (; decade <= max_hz; decade *= 10)
    for (double step : {1.0, 2.0, 5.0}) {
      double hz = decade * step;
      if (hz >= min_hz * 0.999 && hz <= max_hz * 1.001) ticks.push_back(hz);
    }
  return ticks;
}

LogFrequencyAxis ZoomedAxis(const LogFrequencyAxis& full, double lo_unit, double hi_unit) {
  return {full.FromUnit(lo_unit), full.FromUnit(hi_unit)};
}

std::string FormatHz(double hz) {
  char buf[32];
  if (hz < 999.5) {
    std::snprintf(buf, sizeof buf, "%.0f Hz", hz);
  } else {
    double k = hz / 1000.0;
    // One decimal while it says something ("1.2 kHz"), none for round or large values.
    if (k < 9.95 && std::fabs(k - std::round(k)) >= 0.05) std::snprintf(buf, sizeof buf, "%.1f kHz", k);
    else std::snprintf(buf, sizeof buf, "%.0f kHz", k);
  }
  return buf;
}

}  // namespace salik::dsp
