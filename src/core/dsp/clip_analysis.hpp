// What the recording player shows of a clip (a fine waveform overview, the spectrogram, loudest
// bin, dominant frequency and the GPU texture), worked out in steps of a few milliseconds: the
// browser runs the app on its main thread, and a 60 s recording analysed in one go froze the page
// for over a second.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/dsp/dominant_frequency.hpp"
#include "core/dsp/spectrogram.hpp"
#include "core/dsp/waveform_peaks.hpp"

namespace salik::dsp {

class ClipAnalysis {
 public:
  // The texture shows this many dB below the loudest bin; quieter is black.
  static constexpr float kTextureRangeDb = 80.0f;

  ClipAnalysis();  // nothing to analyse: done at once, with no spectrogram
  // Reads `samples` as it goes: they must stay alive and unchanged until Done().
  ClipAnalysis(std::span<const float> samples, double sample_rate, const SpectrogramOptions& options = {});

  // Works until `budget` is spent, always at least one small piece (a spectrogram frame, a few
  // rows), so every call moves on; a piece is well under a millisecond. True once done.
  bool Step(std::chrono::steady_clock::duration budget);
  bool Done() const { return stage_ == Stage::Done; }
  // 0..1, weighted by what each stage costs; 1 once done. Never goes back.
  double Progress() const;

  // The waveform's peaks in blocks of a few samples (about kOverviewBlocks of them), done first
  // (within a few steps); blocks not yet done are flat. CoarsenPeaks makes any width from them.
  static constexpr size_t kOverviewBlocks = 16384;
  const std::vector<PeakColumn>& overview() const { return overview_; }
  bool OverviewDone() const { return stage_ != Stage::Overview; }

  // Final once Done(); before that the spectrogram's later frames are still zeros.
  const Spectrogram& spectrogram() const { return builder_.Result(); }
  float loudest_db() const { return loudest_db_; }       // the top of the texture's colour scale
  const std::optional<Tone>& tone() const { return tone_; }  // the whole recording's
  // frame_size/2 × frames bytes for the GPU (SpectrogramTexture of the last kTextureRangeDb dB).
  const std::vector<uint8_t>& texels() const { return texels_; }

 private:
  enum class Stage { Overview, Spectrogram, Average, Texture, Done };
  // One piece of the current stage; moves to the next stage when this one is finished.
  void DoPiece();

  Stage stage_ = Stage::Done;
  std::span<const float> samples_;
  size_t block_size_ = 1;
  std::vector<PeakColumn> overview_;
  SpectrogramBuilder builder_;
  PowerSum power_{0};
  size_t next_ = 0;  // the next block of the Overview stage, or frame of the Average or Texture stage
  float loudest_db_ = 0;
  std::optional<Tone> tone_;
  std::vector<uint8_t> texels_;
};

}  // namespace salik::dsp
