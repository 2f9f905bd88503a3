// Synthetic recordings for the DSP tests: tones and seeded noise, so every run hears the same.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace salik::dsp::test {

constexpr double kRate = 48000;
constexpr double kTwoPi = 6.28318530717958647692;

inline std::vector<float> Tone(double hz, double amplitude, double seconds, double rate = kRate, double phase = 0.3) {
  std::vector<float> s(static_cast<size_t>(seconds * rate));
  for (size_t i = 0; i < s.size(); ++i) s[i] = static_cast<float>(amplitude * std::sin(kTwoPi * hz * i / rate + phase));
  return s;
}

// Uniform white noise in [-amplitude, amplitude] from a fixed-seed xorshift generator.
inline std::vector<float> Noise(double amplitude, double seconds, uint32_t seed = 12345, double rate = kRate) {
  std::vector<float> s(static_cast<size_t>(seconds * rate));
  uint32_t x = seed;
  for (auto& v : s) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    v = static_cast<float>(amplitude * (x / 2147483647.5 - 1.0));
  }
  return s;
}

inline std::vector<float> Mix(std::vector<float> a, const std::vector<float>& b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) a[i] += b[i];
  return a;
}

}  // namespace salik::dsp::test
