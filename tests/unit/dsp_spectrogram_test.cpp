// Spectrogram frames, the log-frequency axis and the waveform overview (src/core/dsp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "core/dsp/frequency_axis.hpp"
#include "core/dsp/spectrogram.hpp"
#include "core/dsp/waveform_peaks.hpp"
#include "dsp_signals.hpp"

using namespace salik::dsp;

namespace {

size_t LoudestBin(const Spectrogram& s, size_t frame) {
  const float* f = s.Frame(frame);
  return static_cast<size_t>(std::max_element(f, f + s.bins) - f);
}

}  // namespace

TEST_CASE("a tone that changes half way shows in the frames of each half") {
  auto first = test::Tone(300, 0.5, 1.0);
  auto second = test::Tone(1500, 0.5, 1.0);
  first.insert(first.end(), second.begin(), second.end());
  auto s = ComputeSpectrogram(first, test::kRate);
  REQUIRE(s.frames > 10);
  CHECK(s.bins == 2049);
  CHECK(s.HzPerBin() == Approx(48000.0 / 4096));
  CHECK(LoudestBin(s, s.FrameAt(0.4)) * s.HzPerBin() == Approx(300).margin(s.HzPerBin()));
  CHECK(LoudestBin(s, s.FrameAt(1.6)) * s.HzPerBin() == Approx(1500).margin(s.HzPerBin()));
  CHECK(s.FrameTime(s.FrameAt(1.6)) == Approx(1.6).margin(s.SecondsPerFrame()));
  // A half-amplitude sine is about 6 dB below full scale.
  CHECK(s.Frame(s.FrameAt(0.4))[LoudestBin(s, s.FrameAt(0.4))] == Approx(-6.0).margin(1.5));
}

TEST_CASE("a 60 s recording fits a WebGL2 texture: the hop grows, never the frame count") {
  auto samples = test::Noise(0.1, 60.0);
  auto s = ComputeSpectrogram(samples, test::kRate);
  CHECK(s.frames <= 2048);
  CHECK(s.frames >= 2000);
  CHECK(s.hop > 1024);
  CHECK((s.frames - 1) * s.hop + s.frame_size >= samples.size());  // the tail is covered
  auto texels = SpectrogramTexture(s, -100, 0);
  CHECK(texels.size() == s.frames * 2048);
}

TEST_CASE("short, empty and silent recordings give sensible spectrograms") {
  auto tiny = test::Tone(440, 0.5, 0.01);  // 480 samples, shorter than one frame
  auto s = ComputeSpectrogram(tiny, test::kRate);
  CHECK(s.frames == 1);
  CHECK(ComputeSpectrogram({}, test::kRate).frames == 0);
  CHECK(ComputeSpectrogram(tiny, 0).frames == 0);
  std::vector<float> silence(48000, 0.0f);
  auto quiet = ComputeSpectrogram(silence, test::kRate);
  CHECK(*std::max_element(quiet.db.begin(), quiet.db.end()) == Approx(-120.0f));
}

TEST_CASE("the spectrogram texture maps the dB range onto 0..255") {
  Spectrogram s;
  s.frame_size = 4;
  s.bins = 3;
  s.frames = 1;
  s.db = {-100, -50, 10};
  auto t = SpectrogramTexture(s, -100, 0);
  REQUIRE(t.size() == 2);
  CHECK(t[0] == 0);
  CHECK(t[1] == 128);
}

TEST_CASE("the log-frequency axis gives each octave the same height") {
  LogFrequencyAxis axis{20, 20000};
  CHECK(axis.ToUnit(20) == Approx(0.0));
  CHECK(axis.ToUnit(20000) == Approx(1.0));
  CHECK(axis.ToUnit(200) - axis.ToUnit(100) == Approx(axis.ToUnit(4000) - axis.ToUnit(2000)));
  CHECK(axis.FromUnit(axis.ToUnit(440)) == Approx(440));
  CHECK(axis.Ticks() == std::vector<double>{20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000});
  auto zoomed = ZoomedAxis(axis, 0.0, axis.ToUnit(1000));
  CHECK(zoomed.max_hz == Approx(1000));
  CHECK(FormatHz(440.4) == "440 Hz");
  CHECK(FormatHz(1200) == "1.2 kHz");
  CHECK(FormatHz(2000) == "2 kHz");
  CHECK(FormatHz(12000) == "12 kHz");
}

TEST_CASE("waveform columns hold the lowest and highest sample they cover") {
  std::vector<float> samples{0.1f, -0.5f, 0.9f, 0.2f, -0.3f, 0.0f};
  auto two = WaveformPeaks(samples, 2);
  REQUIRE(two.size() == 2);
  CHECK(two[0].min == -0.5f);
  CHECK(two[0].max == 0.9f);
  CHECK(two[1].min == -0.3f);
  CHECK(two[1].max == 0.2f);
  auto many = WaveformPeaks(samples, 12);  // more columns than samples: no empty column
  CHECK(many[11].min == 0.0f);
  CHECK(many[1].max == 0.1f);
  CHECK(WaveformPeaks({}, 3).size() == 3);
}
