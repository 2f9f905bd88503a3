// The recording player's analysis in the wasm build: spectrogram (FFT frames) and dominant
// frequency of a 60 s, 48 kHz recording. Run under node (scripts: `node build/web/dsp_bench.js`);
// prints figures (median of runs), never pass/fail.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "core/dsp/dominant_frequency.hpp"
#include "core/dsp/fft.hpp"
#include "core/dsp/spectrogram.hpp"
#include "core/dsp/waveform_peaks.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

template <typename F>
double MedianMs(int runs, F&& f) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    auto t0 = Clock::now();
    f();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  return Median(ms);
}

// 60 s of an idling four-cylinder engine, roughly: a 28 Hz firing tone, harmonics, and noise.
std::vector<float> EngineRecording(double seconds, double rate) {
  std::vector<float> s(static_cast<size_t>(seconds * rate));
  uint32_t x = 1;
  for (size_t i = 0; i < s.size(); ++i) {
    double t = i / rate;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    double noise = (x / 4294967295.0 - 0.5) * 0.1;
    s[i] = static_cast<float>(0.3 * std::sin(2 * M_PI * 28 * t) + 0.2 * std::sin(2 * M_PI * 56 * t) +
                              0.1 * std::sin(2 * M_PI * 440 * t) + noise);
  }
  return s;
}

}  // namespace

int main() {
  using namespace salik::dsp;
  constexpr double kRate = 48000;
  constexpr int kRuns = 7;
  auto samples = EngineRecording(60, kRate);

  RealFft fft(4096);
  std::vector<float> amps(fft.Bins());
  double fft_ms = MedianMs(kRuns, [&] {
    for (int i = 0; i < 1000; ++i) fft.Amplitudes(samples.data() + i * 1024, amps.data());
  });
  Spectrogram spec;
  double spec_ms = MedianMs(kRuns, [&] { spec = ComputeSpectrogram(samples, kRate); });
  std::optional<Tone> tone;
  double tone_ms = MedianMs(kRuns, [&] { tone = DominantFrequency(spec); });
  double peaks_ms = MedianMs(kRuns, [&] { (void)WaveformPeaks(samples, 1200); });
  double texture_ms = MedianMs(kRuns, [&] { (void)SpectrogramTexture(spec, -100, 0); });

  std::printf("dsp bench: 60 s of 48 kHz mono (%zu samples), median of %d runs\n", samples.size(), kRuns);
  std::printf("# FIGURE fft_4096_point: %.3f ms per frame\n", fft_ms / 1000);
  std::printf("# FIGURE spectrogram_60s: %.1f ms (%zu frames of 4096, hop %zu)\n", spec_ms, spec.frames, spec.hop);
  std::printf("# FIGURE dominant_frequency_60s: %.1f ms (%.1f Hz)\n", tone_ms, tone ? tone->hz : 0.0);
  std::printf("# FIGURE waveform_peaks_60s: %.1f ms (1200 columns)\n", peaks_ms);
  std::printf("# FIGURE spectrogram_texture_60s: %.1f ms (%zu KB)\n", texture_ms, spec.frames * 2048 / 1024);
  std::printf("# FIGURE analysis_total_60s: %.1f ms\n", spec_ms + tone_ms + peaks_ms + texture_ms);
  return 0;
}
