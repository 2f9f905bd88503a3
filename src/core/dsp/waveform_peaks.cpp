#include "core/dsp/waveform_peaks.hpp"

#include <algorithm>

namespace salik::dsp {

std::vector<PeakColumn> WaveformPeaks(std::span<const float> samples, size_t columns) {
  std::vector<PeakColumn> out(columns);
  const size_t n = samples.size();
  if (n == 0) return out;
  for (size_t c = 0; c < columns; ++c) {
    size_t begin = c * n / columns;
    size_t end = std::max(begin + 1, (c + 1) * n / columns);
    begin = std::min(begin, n - 1);
    end = std::min(end, n);
    auto [lo, hi] = std::minmax_element(samples.begin() + begin, samples.begin() + end);
    out[c] = {*lo, *hi};
  }
  return out;
}

}  // namespace salik::dsp
