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

// A fine overview made once, so the one on screen is cheap at any width: the peaks of blocks of
// `block_size` samples (the last block may be shorter). BlockCount blocks in all; BlockPeaks
// fills blocks [first_block, last_block) of `out`, so a long clip can be done in pieces.
size_t BlockCount(size_t samples, size_t block_size);
void BlockPeaks(std::span<const float> samples, size_t block_size, size_t first_block, size_t last_block,
                PeakColumn* out);
// `columns` columns over the blocks, shared out as WaveformPeaks shares out samples (with blocks
// of one sample it gives exactly WaveformPeaks).
std::vector<PeakColumn> CoarsenPeaks(std::span<const PeakColumn> blocks, size_t columns);

}  // namespace salik::dsp
