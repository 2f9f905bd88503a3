// The dominant frequency and engine speed (src/core/dsp/dominant_frequency.cpp).
#include <catch2/catch.hpp>

#include "core/dsp/dominant_frequency.hpp"
#include "dsp_signals.hpp"

using namespace salik::dsp;

namespace {

std::optional<Tone> DominantOf(const std::vector<float>& samples, const ToneSearch& search = {}) {
  return DominantFrequency(ComputeSpectrogram(samples, test::kRate), search);
}

}  // namespace

TEST_CASE("a 440 Hz tone in noise reads within 1 % of 440 Hz") {
  auto tone = DominantOf(test::Mix(test::Tone(440, 0.3, 3.0), test::Noise(0.1, 3.0)));
  REQUIRE(tone);
  CHECK(tone->hz == Approx(440).epsilon(0.01));
  CHECK(tone->prominence_db > 20);
}

TEST_CASE("off-bin tones are placed between bins, closer than a bin's width") {
  for (double hz : {97.0, 123.4, 441.7, 2345.6}) {
    auto tone = DominantOf(test::Tone(hz, 0.5, 2.0));
    REQUIRE(tone);
    INFO(hz);
    CHECK(std::abs(tone->hz - hz) < 0.25 * 48000.0 / 4096);
  }
}

TEST_CASE("of two tones the louder one is dominant") {
  auto mixed = test::Mix(test::Tone(180, 0.2, 2.0), test::Tone(620, 0.5, 2.0));
  auto tone = DominantOf(mixed);
  REQUIRE(tone);
  CHECK(tone->hz == Approx(620).epsilon(0.01));
  auto swapped = test::Mix(test::Tone(180, 0.5, 2.0), test::Tone(620, 0.2, 2.0));
  CHECK(DominantOf(swapped)->hz == Approx(180).epsilon(0.01));
}

TEST_CASE("silence and plain noise have no clear tone") {
  CHECK_FALSE(DominantOf(std::vector<float>(96000, 0.0f)).has_value());
  CHECK_FALSE(DominantOf(test::Noise(0.3, 2.0)).has_value());
  CHECK_FALSE(DominantOf(test::Tone(440, 0.0001, 2.0)).has_value());  // -80 dBFS: too quiet to trust
  CHECK_FALSE(DominantOf({}).has_value());
}

TEST_CASE("DC and rumble below the search range never win") {
  std::vector<float> offset(96000, 0.6f);  // a DC offset far louder than the tone
  auto tone = DominantOf(test::Mix(offset, test::Tone(300, 0.1, 2.0)));
  REQUIRE(tone);
  CHECK(tone->hz == Approx(300).epsilon(0.01));
  auto rumble = test::Mix(test::Tone(12, 0.8, 2.0), test::Tone(150, 0.1, 2.0));
  CHECK(DominantOf(rumble)->hz == Approx(150).epsilon(0.01));
}

TEST_CASE("a frame range limits the reading to that part of the recording") {
  auto first = test::Tone(200, 0.5, 1.0);
  auto second = test::Tone(900, 0.5, 1.0);
  first.insert(first.end(), second.begin(), second.end());
  auto s = ComputeSpectrogram(first, test::kRate);
  ToneSearch late;
  late.first_frame = s.FrameAt(1.2);
  late.last_frame = s.FrameAt(1.9);
  CHECK(DominantFrequency(s, late)->hz == Approx(900).epsilon(0.01));
  ToneSearch early;
  early.last_frame = s.FrameAt(0.8);
  CHECK(DominantFrequency(s, early)->hz == Approx(200).epsilon(0.01));
  ToneSearch empty;
  empty.first_frame = 5;
  empty.last_frame = 5;
  CHECK_FALSE(DominantFrequency(s, empty).has_value());
}

TEST_CASE("engine speed is the firing frequency times 120 over the cylinders") {
  CHECK(EngineRpm(30, 4) == Approx(900));
  CHECK(EngineRpm(440, 4) == Approx(13200));
  CHECK(EngineRpm(100, 3) == Approx(4000));
  CHECK(EngineRpm(100, 6) == Approx(2000));
  CHECK(EngineRpm(100, 8) == Approx(1500));
  CHECK(EngineRpm(100, 0) == 0);
}
