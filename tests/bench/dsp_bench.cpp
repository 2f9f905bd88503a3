// The recording player's analysis in the wasm build: spectrogram (FFT frames) and dominant
// frequency of a 60 s, 48 kHz recording, at once and in the app's time-budgeted steps (the
// longest step is what the page's main thread feels). Run under node (scripts: `node
// build/web/dsp_bench.js`); prints figures (median of runs), never pass/fail.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "core/dsp/clip_analysis.hpp"
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

// The app's ClipAnalysis stepped with `budget_ms` per call, as the player does once per frame.
struct Stepped {
  double longest_ms = 0;
  double p99_ms = 0;  // on a busy machine the longest step can be the OS's doing, not ours
  double median_ms = 0;
  double total_ms = 0;
  size_t steps = 0;
};

Stepped RunStepped(const std::vector<float>& samples, double rate, double budget_ms) {
  Stepped r;
  auto budget = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double, std::milli>(budget_ms));
  salik::dsp::ClipAnalysis analysis(samples, rate);
  std::vector<double> steps;
  bool done = false;
  while (!done) {
    auto t0 = Clock::now();
    done = analysis.Step(budget);
    steps.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  for (double ms : steps) r.total_ms += ms;
  r.steps = steps.size();
  std::sort(steps.begin(), steps.end());
  r.longest_ms = steps.back();
  r.p99_ms = steps[steps.size() * 99 / 100];
  r.median_ms = steps[steps.size() / 2];
  return r;
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

  // The player's budget per frame (recording_player.cpp), and a tighter and a looser one.
  for (double budget : {4.0, 6.0, 8.0}) {
    std::vector<Stepped> runs;
    for (int i = 0; i < 3; ++i) runs.push_back(RunStepped(samples, kRate, budget));
    std::sort(runs.begin(), runs.end(), [](const Stepped& a, const Stepped& b) { return a.longest_ms < b.longest_ms; });
    const Stepped& r = runs[1];  // the median run by its longest step
    std::printf("# FIGURE stepped_analysis_60s_budget_%.0fms: longest step %.2f ms (p99 %.2f, median %.2f), "
                "total %.1f ms in %zu steps\n",
                budget, r.longest_ms, r.p99_ms, r.median_ms, r.total_ms, r.steps);
  }
  return 0;
}
