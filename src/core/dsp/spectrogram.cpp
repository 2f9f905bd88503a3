#include "core/dsp/spectrogram.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/dsp/fft.hpp"

namespace salik::dsp {

size_t Spectrogram::FrameAt(double seconds) const {
  if (frames == 0) return 0;
  double f = (seconds * sample_rate - frame_size / 2.0) / static_cast<double>(hop);
  return static_cast<size_t>(std::clamp(std::lround(f), 0L, static_cast<long>(frames - 1)));
}

SpectrogramBuilder::SpectrogramBuilder(std::span<const float> samples, double sample_rate, const SpectrogramOptions& o)
    : samples_(samples) {
  Spectrogram& s = result_;
  if (samples.empty() || !(sample_rate > 0) || o.max_frames == 0) return;
  s.sample_rate = sample_rate;
  s.frame_size = o.frame_size;
  s.bins = o.frame_size / 2 + 1;
  size_t span = samples.size() > o.frame_size ? samples.size() - o.frame_size : 0;
  s.hop = std::max<size_t>({o.hop, 1, (span + o.max_frames - 2) / std::max<size_t>(o.max_frames - 1, 1)});
  s.frames = span / s.hop + 1;
  if (span % s.hop != 0 && s.frames < o.max_frames) ++s.frames;  // the tail gets a frame too
  s.db.resize(s.frames * s.bins);

  fft_ = std::make_unique<RealFft>(o.frame_size);
  frame_.resize(o.frame_size);
  amps_.resize(s.bins);
  floor_amp_ = std::pow(10.0f, o.floor_db / 20.0f);
}

SpectrogramBuilder::~SpectrogramBuilder() = default;
SpectrogramBuilder::SpectrogramBuilder(SpectrogramBuilder&&) noexcept = default;
SpectrogramBuilder& SpectrogramBuilder::operator=(SpectrogramBuilder&&) noexcept = default;

size_t SpectrogramBuilder::Advance(size_t max_frames) {
  Spectrogram& s = result_;
  const size_t done = std::min(max_frames, s.frames - next_frame_);
  const size_t end = next_frame_ + done;
  for (; next_frame_ < end; ++next_frame_) {
    size_t start = next_frame_ * s.hop;
    size_t n = start < samples_.size() ? std::min(s.frame_size, samples_.size() - start) : 0;
    std::copy_n(samples_.data() + start, n, frame_.begin());
    std::fill(frame_.begin() + n, frame_.end(), 0.0f);
    fft_->Amplitudes(frame_.data(), amps_.data());
    float* out = s.db.data() + next_frame_ * s.bins;
    for (size_t b = 0; b < s.bins; ++b) out[b] = 20.0f * std::log10(std::max(amps_[b], floor_amp_));
  }
  return done;
}

double SpectrogramBuilder::Progress() const {
  return Done() ? 1.0 : static_cast<double>(next_frame_) / static_cast<double>(result_.frames);
}

Spectrogram SpectrogramBuilder::TakeResult() {
  next_frame_ = 0;
  return std::exchange(result_, Spectrogram{});
}

Spectrogram ComputeSpectrogram(std::span<const float> samples, double sample_rate, const SpectrogramOptions& o) {
  SpectrogramBuilder builder(samples, sample_rate, o);
  builder.Advance(builder.Result().frames);
  return builder.TakeResult();
}

void SpectrogramTextureRows(const Spectrogram& s, float low_db, float high_db, size_t first_frame, size_t last_frame,
                            uint8_t* texels) {
  const size_t width = s.frame_size / 2;
  const float scale = 255.0f / std::max(high_db - low_db, 1e-3f);
  for (size_t f = first_frame; f < std::min(last_frame, s.frames); ++f) {
    const float* in = s.Frame(f);
    uint8_t* out = texels + f * width;
    for (size_t b = 0; b < width; ++b)
      out[b] = static_cast<uint8_t>(std::clamp((in[b] - low_db) * scale, 0.0f, 255.0f) + 0.5f);
  }
}

std::vector<uint8_t> SpectrogramTexture(const Spectrogram& s, float low_db, float high_db) {
  std::vector<uint8_t> texels(s.frame_size / 2 * s.frames);
  SpectrogramTextureRows(s, low_db, high_db, 0, s.frames, texels.data());
  return texels;
}

}  // namespace salik::dsp
