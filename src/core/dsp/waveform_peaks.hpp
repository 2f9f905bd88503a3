// The waveform overview: the lowest and highest sample under each pixel column, so a column
// shows the full swing of the samples it covers however far it is zoomed out.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace salik::dsp {

struct PeakColumn {
  float min = 0;
  float max = 0;
};

// `columns` columns over samples; each covers an equal share (a column between two samples
// takes the nearer one, so zooming in far never leaves gaps). Empty input gives flat columns.
std::vector<PeakColumn> WaveformPeaks(std::span<const float> samples, size_t columns);

}  // namespace salik::dsp
