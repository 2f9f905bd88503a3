#include "core/dsp/spectrogram.hpp"

#include <algorithm>
#include <cmath>

#include "core/dsp/fft.hpp"

namespace salik::dsp {

size_t Spectrogram::FrameAt(double seconds) const {
  if (frames == 0) return 0;
  double f = (seconds * sample_rate - frame_size / 2.0) / static_cast<double>(hop);
  return static_cast<size_t>(std::clamp(std::lround(f), 0L, static_cast<long>(frames - 1)));
}

Spectrogram ComputeSpectrogram(std::span<const float> samples, double sample_rate, const SpectrogramOptions& o) {
  Spectrogram s;
  if (samples.empty() || !(sample_rate > 0) || o.max_frames == 0) return s;
  s.sample_rate = sample_rate;
  s.frame_size = o.frame_size;
  s.bins = o.frame_size / 2 + 1;
  size_t span = samples.size() > o.frame_size ? samples.size() - o.frame_size : 0;
  s.hop = std::max<size_t>({o.hop, 1, (span + o.max_frames - 2) / std::max<size_t>(o.max_frames - 1, 1)});
  s.frames = span / s.hop + 1;
  if (span % s.hop != 0 && s.frames < o.max_frames) ++s.frames;  // the tail gets a frame too
  s.db.resize(s.frames * s.bins);

  RealFft fft(o.frame_size);
  std::vector<float> frame(o.frame_size);
  std::vector<float> amps(s.bins);
  const float floor_amp = std::pow(10.0f, o.floor_db / 20.0f);
  for (size_t f = 0; f < s.frames; ++f) {
    size_t start = f * s.hop;
    size_t n = start < samples.size() ? std::min(o.frame_size, samples.size() - start) : 0;
    std::copy_n(samples.data() + start, n, frame.begin());
    std::fill(frame.begin() + n, frame.end(), 0.0f);
    fft.Amplitudes(frame.data(), amps.data());
    float* out = s.db.data() + f * s.bins;
    for (size_t b = 0; b < s.bins; ++b) out[b] = 20.0f * std::log10(std::max(amps[b], floor_amp));
  }
  return s;
}

std::vector<uint8_t> SpectrogramTexture(const Spectrogram& s, float low_db, float high_db) {
  const size_t width = s.frame_size / 2;
  std::vector<uint8_t> texels(width * s.frames);
  const float scale = 255.0f / std::max(high_db - low_db, 1e-3f);
  for (size_t f = 0; f < s.frames; ++f) {
    const float* in = s.Frame(f);
    uint8_t* out = texels.data() + f * width;
    for (size_t b = 0; b < width; ++b)
      out[b] = static_cast<uint8_t>(std::clamp((in[b] - low_db) * scale, 0.0f, 255.0f) + 0.5f);
  }
  return texels;
}

}  // namespace salik::dsp
