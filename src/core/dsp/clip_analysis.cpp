#include "core/dsp/clip_analysis.hpp"

#include <algorithm>

namespace salik::dsp {
namespace {

// Rows per piece in the later stages: each row costs a few microseconds, so a piece stays short
// while the clock is read only now and then.
constexpr size_t kRowsPerPiece = 8;

// Samples per piece of the overview: a fraction of a millisecond.
constexpr size_t kOverviewSamplesPerPiece = 32768;

// Each stage's share of the work, from tests/bench/dsp_bench.cpp in WebAssembly (overview
// ~30 ms, spectrogram ~1100 ms, average ~55 ms, texture ~95 ms for 60 s): the bar moves evenly.
constexpr double kOverviewShare = 0.03;
constexpr double kSpectrogramShare = 0.85;
constexpr double kAverageShare = 0.04;
constexpr double kTextureShare = 1.0 - kOverviewShare - kSpectrogramShare - kAverageShare;

}  // namespace

ClipAnalysis::ClipAnalysis() : builder_({}, 0) {}

ClipAnalysis::ClipAnalysis(std::span<const float> samples, double sample_rate, const SpectrogramOptions& options)
    : samples_(samples), builder_(samples, sample_rate, options), power_(builder_.Result().bins) {
  const Spectrogram& s = builder_.Result();
  if (samples.empty()) return;  // done: nothing to show
  stage_ = Stage::Overview;
  block_size_ = std::max<size_t>(1, (samples.size() + kOverviewBlocks - 1) / kOverviewBlocks);
  overview_.resize(BlockCount(samples.size(), block_size_));
  texels_.resize(s.frame_size / 2 * s.frames);
}

bool ClipAnalysis::Step(std::chrono::steady_clock::duration budget) {
  const auto deadline = std::chrono::steady_clock::now() + budget;
  do {
    DoPiece();
  } while (!Done() && std::chrono::steady_clock::now() < deadline);
  return Done();
}

void ClipAnalysis::DoPiece() {
  const Spectrogram& s = builder_.Result();
  switch (stage_) {
    case Stage::Overview: {
      size_t end = std::min(overview_.size(), next_ + std::max<size_t>(1, kOverviewSamplesPerPiece / block_size_));
      BlockPeaks(samples_, block_size_, next_, end, overview_.data());
      next_ = end;
      if (next_ == overview_.size()) {
        next_ = 0;
        stage_ = builder_.Done() ? Stage::Done : Stage::Spectrogram;  // no frames: a zero rate
      }
      return;
    }
    case Stage::Spectrogram:
      builder_.Advance(1);
      if (builder_.Done()) stage_ = Stage::Average;
      return;
    case Stage::Average: {
      // The loudest bin and the power average of the finished frames, in frame order (the same
      // sums as DominantFrequency over the whole spectrogram).
      size_t end = std::min(s.frames, next_ + kRowsPerPiece);
      for (; next_ < end; ++next_) {
        const float* row = s.Frame(next_);
        float loudest = *std::max_element(row, row + s.bins);
        loudest_db_ = next_ == 0 ? loudest : std::max(loudest_db_, loudest);
        power_.Add(row);
      }
      if (next_ == s.frames) {
        tone_ = DominantFrequency(power_, s.HzPerBin());
        next_ = 0;
        stage_ = Stage::Texture;
      }
      return;
    }
    case Stage::Texture: {
      size_t end = std::min(s.frames, next_ + kRowsPerPiece);
      SpectrogramTextureRows(s, loudest_db_ - kTextureRangeDb, loudest_db_, next_, end, texels_.data());
      next_ = end;
      if (next_ == s.frames) stage_ = Stage::Done;
      return;
    }
    case Stage::Done:
      return;
  }
}

double ClipAnalysis::Progress() const {
  auto part = [](size_t done, size_t of) { return of == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(of); };
  const size_t frames = builder_.Result().frames;
  switch (stage_) {
    case Stage::Overview:
      return kOverviewShare * part(next_, overview_.size());
    case Stage::Spectrogram:
      return kOverviewShare + kSpectrogramShare * builder_.Progress();
    case Stage::Average:
      return kOverviewShare + kSpectrogramShare + kAverageShare * part(next_, frames);
    case Stage::Texture:
      return kOverviewShare + kSpectrogramShare + kAverageShare + kTextureShare * part(next_, frames);
    case Stage::Done:
      return 1.0;
  }
  return 1.0;
}

}  // namespace salik::dsp
