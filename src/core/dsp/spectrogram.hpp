// A recording's spectrogram: Hann-windowed FFT frames at a fixed hop, as decibels relative to
// full scale (a full-scale sine reads 0 dB). Pure; the player draws it, the analysis reads it.
#pragma once

#include <cstddef>
#include <cstdint>
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

// Frames cover the whole recording; a recording shorter than one frame is zero-padded to one.
// An empty recording or a non-positive rate gives an empty spectrogram (frames == 0).
Spectrogram ComputeSpectrogram(std::span<const float> samples, double sample_rate,
                               const SpectrogramOptions& options = {});

// The spectrogram as an 8-bit texture for the GPU: width frame_size/2 (the Nyquist bin is
// dropped so it fits), height `frames`; `low_db` maps to 0 and `high_db` to 255.
std::vector<uint8_t> SpectrogramTexture(const Spectrogram& s, float low_db, float high_db);

}  // namespace salik::dsp
