#include "core/dsp/waveform_peaks.hpp"

#include <algorithm>

namespace salik::dsp {

namespace {

// The lowest and highest of items [begin, end) (not empty): a plain running min and max, since
// std::minmax_element also tracks positions, which made a 60 s overview take over 30 ms in
// WebAssembly.
template <typename Low, typename High>
PeakColumn Span(size_t begin, size_t end, Low low, High high) {
  float lo = low(begin), hi = high(begin);
  for (size_t i = begin + 1; i < end; ++i) {
    const float l = low(i), h = high(i);
    lo = l < lo ? l : lo;
    hi = h > hi ? h : hi;
  }
  return {lo, hi};
}

// Each of `columns` columns covers an equal share of n items; a column between two items takes
// the nearer one.
template <typename Low, typename High>
std::vector<PeakColumn> Share(size_t n, size_t columns, Low low, High high) {
  std::vector<PeakColumn> out(columns);
  if (n == 0) return out;
  for (size_t c = 0; c < columns; ++c) {
    size_t begin = c * n / columns;
    size_t end = std::max(begin + 1, (c + 1) * n / columns);
    begin = std::min(begin, n - 1);
    end = std::min(end, n);
    out[c] = Span(begin, end, low, high);
  }
  return out;
}

}  // namespace

std::vector<PeakColumn> WaveformPeaks(std::span<const float> samples, size_t columns) {
  auto at = [&](size_t i) { return samples[i]; };
  return Share(samples.size(), columns, at, at);
}

size_t BlockCount(size_t samples, size_t block_size) {
  return block_size == 0 ? 0 : (samples + block_size - 1) / block_size;
}

void BlockPeaks(std::span<const float> samples, size_t block_size, size_t first_block, size_t last_block,
                PeakColumn* out) {
  auto at = [&](size_t i) { return samples[i]; };
  last_block = std::min(last_block, BlockCount(samples.size(), block_size));
  for (size_t b = first_block; b < last_block; ++b)
    out[b] = Span(b * block_size, std::min(samples.size(), (b + 1) * block_size), at, at);
}

std::vector<PeakColumn> CoarsenPeaks(std::span<const PeakColumn> blocks, size_t columns) {
  return Share(
      blocks.size(), columns, [&](size_t i) { return blocks[i].min; }, [&](size_t i) { return blocks[i].max; });
}

}  // namespace salik::dsp
