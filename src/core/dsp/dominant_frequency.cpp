#include "core/dsp/dominant_frequency.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace salik::dsp {

void PowerSum::Add(const float* frame_db) {
  // Average power, not decibels: a loud steady tone must not be diluted by quiet frames' logs.
  const float ln10_over_10 = 0.2302585093f;  // 10^(dB/10) = e^(dB · ln10/10)
  for (size_t b = 0; b < power_.size(); ++b) power_[b] += std::exp(frame_db[b] * ln10_over_10);
  ++frames_;
}

std::vector<float> PowerSum::AverageDb() const {
  std::vector<float> avg_db(power_.size());
  for (size_t b = 0; b < power_.size(); ++b)
    avg_db[b] = static_cast<float>(10.0 * std::log10(power_[b] / static_cast<double>(frames_)));
  return avg_db;
}

std::optional<Tone> DominantFrequency(const Spectrogram& s, const ToneSearch& q) {
  size_t first = std::min(q.first_frame, s.frames);
  size_t last = std::min(q.last_frame, s.frames);
  if (last <= first) return std::nullopt;
  PowerSum sum(s.bins);
  for (size_t f = first; f < last; ++f) sum.Add(s.Frame(f));
  return DominantFrequency(sum, s.HzPerBin(), q);
}

std::optional<Tone> DominantFrequency(const PowerSum& sum, double hz_per_bin, const ToneSearch& q) {
  if (sum.Frames() == 0 || sum.Bins() < 3) return std::nullopt;
  const std::vector<float> avg_db = sum.AverageDb();
  const size_t bins = sum.Bins();
  size_t lo = std::max<size_t>(1, static_cast<size_t>(std::ceil(q.min_hz / hz_per_bin)));
  size_t hi = std::min(bins - 2, static_cast<size_t>(std::floor(q.max_hz / hz_per_bin)));
  if (hi <= lo) return std::nullopt;
  size_t peak = lo;
  for (size_t b = lo; b <= hi; ++b)
    if (avg_db[b] > avg_db[peak]) peak = b;

  std::vector<float> band(avg_db.begin() + lo, avg_db.begin() + hi + 1);
  std::nth_element(band.begin(), band.begin() + band.size() / 2, band.end());
  float median = band[band.size() / 2];
  float prominence = avg_db[peak] - median;
  if (avg_db[peak] < q.silence_db || prominence < q.prominence_db) return std::nullopt;

  // A parabola through the peak and its neighbours (in dB) finds the true frequency between bins.
  double a = avg_db[peak - 1], b = avg_db[peak], c = avg_db[peak + 1];
  double denom = a - 2 * b + c;
  double offset = denom < 0 ? 0.5 * (a - c) / denom : 0.0;
  offset = std::clamp(offset, -0.5, 0.5);
  return Tone{(static_cast<double>(peak) + offset) * hz_per_bin, static_cast<float>(b), prominence};
}

double EngineRpm(double firing_hz, int cylinders) {
  if (cylinders <= 0) return 0;
  return firing_hz * 120.0 / cylinders;
}

}  // namespace salik::dsp
