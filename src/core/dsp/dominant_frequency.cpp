#include "core/dsp/dominant_frequency.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace salik::dsp {

std::optional<Tone> DominantFrequency(const Spectrogram& s, const ToneSearch& q) {
  size_t first = std::min(q.first_frame, s.frames);
  size_t last = std::min(q.last_frame, s.frames);
  if (last <= first || s.bins < 3) return std::nullopt;
  // Average power, not decibels: a loud steady tone must not be diluted by quiet frames' logs.
  std::vector<double> power(s.bins, 0.0);
  const float ln10_over_10 = 0.2302585093f;  // 10^(dB/10) = e^(dB · ln10/10)
  for (size_t f = first; f < last; ++f) {
    const float* frame = s.Frame(f);
    for (size_t b = 0; b < s.bins; ++b) power[b] += std::exp(frame[b] * ln10_over_10);
  }
  std::vector<float> avg_db(s.bins);
  for (size_t b = 0; b < s.bins; ++b) avg_db[b] = static_cast<float>(10.0 * std::log10(power[b] / (last - first)));

  double hz_per_bin = s.HzPerBin();
  size_t lo = std::max<size_t>(1, static_cast<size_t>(std::ceil(q.min_hz / hz_per_bin)));
  size_t hi = std::min(s.bins - 2, static_cast<size_t>(std::floor(q.max_hz / hz_per_bin)));
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
