#include "core/dsp/clip_analysis.hpp"

#include <algorithm>

namespace salik::dsp {
namespace {

// Rows per piece in the later stages: each row costs a few microseconds, so a piece stays short
// while the clock is read only now and then.
constexpr size_t kRowsPerPiece = 8;

// Each stage's share of the work, from tests/bench/dsp_bench.cpp in WebAssembly (spectrogram
// ~1100 ms, average ~55 ms, texture ~95 ms for 60 s): the progress bar moves evenly.
constexpr double kSpectrogramShare = 0.88;
constexpr double kAverageShare = 0.04;

}  // namespace

ClipAnalysis::ClipAnalysis() : builder_({}, 0) {}

ClipAnalysis::ClipAnalysis(std::span<const float> samples, double sample_rate, const SpectrogramOptions& options)
    : stage_(Stage::Spectrogram), builder_(samples, sample_rate, options), power_(builder_.Result().bins) {
  const Spectrogram& s = builder_.Result();
  if (s.frames == 0) stage_ = Stage::Done;
  else texels_.resize(s.frame_size / 2 * s.frames);
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
    case Stage::Spectrogram:
      builder_.Advance(1);
      if (builder_.Done()) stage_ = Stage::Average;
      return;
    case Stage::Average: {
      // The loudest bin and the power average of the finished frames, in frame order (the same
      // sums as DominantFrequency over the whole spectrogram).
      size_t end = std::min(s.frames, frame_ + kRowsPerPiece);
      for (; frame_ < end; ++frame_) {
        const float* row = s.Frame(frame_);
        float loudest = *std::max_element(row, row + s.bins);
        loudest_db_ = frame_ == 0 ? loudest : std::max(loudest_db_, loudest);
        power_.Add(row);
      }
      if (frame_ == s.frames) {
        tone_ = DominantFrequency(power_, s.HzPerBin());
        frame_ = 0;
        stage_ = Stage::Texture;
      }
      return;
    }
    case Stage::Texture: {
      size_t end = std::min(s.frames, frame_ + kRowsPerPiece);
      SpectrogramTextureRows(s, loudest_db_ - kTextureRangeDb, loudest_db_, frame_, end, texels_.data());
      frame_ = end;
      if (frame_ == s.frames) stage_ = Stage::Done;
      return;
    }
    case Stage::Done:
      return;
  }
}

double ClipAnalysis::Progress() const {
  const double frames = std::max<double>(1.0, static_cast<double>(builder_.Result().frames));
  switch (stage_) {
    case Stage::Spectrogram:
      return kSpectrogramShare * builder_.Progress();
    case Stage::Average:
      return kSpectrogramShare + kAverageShare * (frame_ / frames);
    case Stage::Texture:
      return kSpectrogramShare + kAverageShare + (1.0 - kSpectrogramShare - kAverageShare) * (frame_ / frames);
    case Stage::Done:
      return 1.0;
  }
  return 1.0;
}

}  // namespace salik::dsp
