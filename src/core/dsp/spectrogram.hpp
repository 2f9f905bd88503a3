// A recording's spectrogram: Hann-windowed FFT frames at a fixed hop, as decibels relative to
// full scale (a full-scale sine reads 0 dB). Pure; the player draws it, the analysis reads it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace salik::dsp {

struct SpectrogramOptions {
  size_t frame_size = 4096;  // 11.7 Hz per bin at 48 kHz: enough to tell engine harmonics apart
  size_t hop = 1024;         // the smallest hop; grows so that there are at most max_frames frames
  size_t max_frames = 2048;  // WebGL2 promises textures of 2048 texels per side, no more
  float floor_db = -120.0f;  // quieter bins are clamped here (silence is not -infinity)
};

struct Spectrogram {
  double sample_rate = 0;
  size_t frame_size = 0;
  size_t hop = 0;
  size_t frames = 0;
  size_t bins = 0;         // frame_size / 2 + 1: 0 Hz .. Nyquist
  std::vector<float> db;   // frames × bins, one frame after another

  double HzPerBin() const { return sample_rate / static_cast<double>(frame_size); }
  double SecondsPerFrame() const { return static_cast<double>(hop) / sample_rate; }
  // The time at the centre of frame f (frame 0 starts at sample 0).
  double FrameTime(size_t f) const { return (static_cast<double>(f * hop) + frame_size / 2.0) / sample_rate; }
  // The frame whose centre is nearest to `seconds` (clamped).
  size_t FrameAt(double seconds) const;
  const float* Frame(size_t f) const { return db.data() + f * bins; }
};

class RealFft;

// Computes a spectrogram a few frames per call, so a long recording can be analysed between the
// browser's animation frames instead of in one stall. Frames cover the whole recording; one
// shorter than a frame is zero-padded to one. An empty recording or a non-positive rate gives an
// empty spectrogram (frames == 0), done from the start.
class SpectrogramBuilder {
 public:
  // Reads `samples` as it goes: they must stay alive and unchanged until Done().
  SpectrogramBuilder(std::span<const float> samples, double sample_rate, const SpectrogramOptions& options = {});
  ~SpectrogramBuilder();
  SpectrogramBuilder(SpectrogramBuilder&&) noexcept;
  SpectrogramBuilder& operator=(SpectrogramBuilder&&) noexcept;

  // Computes up to `max_frames` more frames; returns how many it computed.
  size_t Advance(size_t max_frames);
  bool Done() const { return next_frame_ >= result_.frames; }
  size_t FramesDone() const { return next_frame_; }
  // 0..1 by frames; 1 once done.
  double Progress() const;
  // The spectrogram so far: its shape is final from the start; frames from FramesDone() on are
  // still zeros, so read only the finished ones until Done().
  const Spectrogram& Result() const { return result_; }
  // Moves the result out; the builder is left empty (and done).
  Spectrogram TakeResult();

 private:
  std::span<const float> samples_;
  float floor_amp_ = 0;
  Spectrogram result_;
  std::unique_ptr<RealFft> fft_;  // none for an empty spectrogram
  std::vector<float> frame_;
  std::vector<float> amps_;
  size_t next_frame_ = 0;
};

// The whole spectrogram at once (a SpectrogramBuilder run to the end).
Spectrogram ComputeSpectrogram(std::span<const float> samples, double sample_rate,
                               const SpectrogramOptions& options = {});

// The spectrogram as an 8-bit texture for the GPU: width frame_size/2 (the Nyquist bin is
// dropped so it fits), height `frames`; `low_db` maps to 0 and `high_db` to 255.
std::vector<uint8_t> SpectrogramTexture(const Spectrogram& s, float low_db, float high_db);
// Rows [first_frame, last_frame) of that texture, written into `texels` (the whole texture's
// buffer, width × frames bytes), so it too can be made in pieces.
void SpectrogramTextureRows(const Spectrogram& s, float low_db, float high_db, size_t first_frame, size_t last_frame,
                            uint8_t* texels);

}  // namespace salik::dsp
