// The spectrogram's logarithmic frequency axis: an octave takes the same height wherever it is,
// so an engine's low harmonics get room and a whistle at 5 kHz still shows.
#pragma once

#include <string>
#include <vector>

namespace salik::dsp {

struct LogFrequencyAxis {
  double min_hz = 20;
  double max_hz = 24000;

  // 0 at min_hz, 1 at max_hz (outside the range: below 0 or above 1).
  double ToUnit(double hz) const;
  double FromUnit(double unit) const;
  // Tick frequencies on the 1-2-5 sequence (20, 50, 100, 200, 500, 1k …) inside the range.
  std::vector<double> Ticks() const;
};

// The same axis (from `full`) zoomed to a part of it: `lo_unit`..`hi_unit` in full's units.
LogFrequencyAxis ZoomedAxis(const LogFrequencyAxis& full, double lo_unit, double hi_unit);

// "440 Hz", "1.2 kHz", "12 kHz": a frequency as an axis label or reading.
std::string FormatHz(double hz);

}  // namespace salik::dsp
