// The recording player's analysis in pieces (src/core/dsp): SpectrogramBuilder and ClipAnalysis
// must end exactly where the one-go functions do, whatever the size of the pieces.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>
#include <vector>

#include "core/dsp/clip_analysis.hpp"
#include "core/dsp/dominant_frequency.hpp"
#include "core/dsp/spectrogram.hpp"
#include "core/dsp/waveform_peaks.hpp"
#include "dsp_signals.hpp"

using namespace salik::dsp;

namespace {

// Bit for bit, not approximately: the pieces must run the same arithmetic in the same order.
bool SameBits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

void CheckSameShape(const Spectrogram& a, const Spectrogram& b) {
  CHECK(a.sample_rate == b.sample_rate);
  CHECK(a.frame_size == b.frame_size);
  CHECK(a.hop == b.hop);
  CHECK(a.frames == b.frames);
  CHECK(a.bins == b.bins);
}

// A 440 Hz tone over noise, 3 s: long enough for ~140 frames.
std::vector<float> Recording() { return test::Mix(test::Tone(440, 0.4, 3.0), test::Noise(0.05, 3.0)); }

}  // namespace

TEST_CASE("a spectrogram built in pieces is bit-identical to one computed at once") {
  const auto samples = Recording();
  const Spectrogram whole = ComputeSpectrogram(samples, test::kRate);
  REQUIRE(whole.frames > 100);
  for (size_t piece : {size_t{1}, size_t{7}, size_t{64}, whole.frames, size_t{100000}}) {
    INFO("frames per call: " << piece);
    SpectrogramBuilder builder(samples, test::kRate);
    size_t calls = 0;
    double last_progress = builder.Progress();
    CHECK(last_progress == 0.0);
    while (!builder.Done()) {
      size_t done_before = builder.FramesDone();
      size_t did = builder.Advance(piece);
      CHECK(did == std::min(piece, whole.frames - done_before));
      CHECK(builder.FramesDone() == done_before + did);
      CHECK(builder.Progress() >= last_progress);
      last_progress = builder.Progress();
      ++calls;
      REQUIRE(calls <= whole.frames);  // every call moves on
    }
    CHECK(calls == (whole.frames + piece - 1) / piece);
    CHECK(builder.Progress() == 1.0);
    CHECK(builder.Advance(piece) == 0);  // done stays done
    CheckSameShape(builder.Result(), whole);
    CHECK(SameBits(builder.Result().db, whole.db));
  }
}

TEST_CASE("the builder's early frames are final before the rest are computed") {
  const auto samples = Recording();
  const Spectrogram whole = ComputeSpectrogram(samples, test::kRate);
  SpectrogramBuilder builder(samples, test::kRate);
  builder.Advance(10);
  CHECK_FALSE(builder.Done());
  CHECK(builder.Progress() == Approx(10.0 / whole.frames));
  CHECK(std::memcmp(builder.Result().Frame(0), whole.Frame(0), 10 * whole.bins * sizeof(float)) == 0);
}

TEST_CASE("empty, unusable and short recordings: the builder is done at once or after one frame") {
  SpectrogramBuilder empty({}, test::kRate);
  CHECK(empty.Done());
  CHECK(empty.Progress() == 1.0);
  CHECK(empty.Advance(5) == 0);
  CHECK(empty.Result().frames == 0);

  const auto tiny = test::Tone(440, 0.5, 0.01);  // shorter than one frame
  SpectrogramBuilder no_rate(tiny, 0);
  CHECK(no_rate.Done());
  CHECK(no_rate.Result().frames == 0);

  SpectrogramBuilder short_one(tiny, test::kRate);
  CHECK_FALSE(short_one.Done());
  CHECK(short_one.Progress() == 0.0);
  CHECK(short_one.Advance(1) == 1);
  CHECK(short_one.Done());
  CHECK(SameBits(short_one.Result().db, ComputeSpectrogram(tiny, test::kRate).db));
}

TEST_CASE("a power sum of a spectrogram's frames gives DominantFrequency's reading") {
  const auto samples = Recording();
  const Spectrogram s = ComputeSpectrogram(samples, test::kRate);
  PowerSum sum(s.bins);
  for (size_t f = 0; f < s.frames; ++f) sum.Add(s.Frame(f));
  CHECK(sum.Frames() == s.frames);
  auto from_sum = DominantFrequency(sum, s.HzPerBin());
  auto direct = DominantFrequency(s);
  REQUIRE(from_sum);
  REQUIRE(direct);
  CHECK(from_sum->hz == direct->hz);
  CHECK(from_sum->level_db == direct->level_db);
  CHECK(from_sum->hz == Approx(440).margin(2));
  CHECK_FALSE(DominantFrequency(PowerSum(s.bins), s.HzPerBin()));  // no frames: no reading
}

TEST_CASE("texture rows made in pieces equal the whole texture") {
  const auto samples = Recording();
  const Spectrogram s = ComputeSpectrogram(samples, test::kRate);
  const auto whole = SpectrogramTexture(s, -90, -10);
  std::vector<uint8_t> pieces(whole.size(), 7);
  for (size_t f = 0; f < s.frames; f += 5) SpectrogramTextureRows(s, -90, -10, f, f + 5, pieces.data());
  CHECK(pieces == whole);
}

TEST_CASE("a clip analysed step by step ends with the one-go results") {
  const auto samples = Recording();
  const Spectrogram whole = ComputeSpectrogram(samples, test::kRate);
  float loudest = *std::max_element(whole.db.begin(), whole.db.end());
  const auto texels = SpectrogramTexture(whole, loudest - ClipAnalysis::kTextureRangeDb, loudest);
  const auto tone = DominantFrequency(whole);
  REQUIRE(tone);

  // A zero budget does one small piece per call: the most steps there can be.
  for (auto budget : {std::chrono::steady_clock::duration::zero(),
                      std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::milliseconds(2))}) {
    ClipAnalysis analysis(samples, test::kRate);
    CHECK_FALSE(analysis.Done());
    double last = analysis.Progress();
    CHECK(last == 0.0);
    size_t steps = 0;
    bool finished = false;
    while (!finished) {
      finished = analysis.Step(budget);
      CHECK(analysis.Progress() >= last);
      CHECK(analysis.Progress() <= 1.0);
      last = analysis.Progress();
      REQUIRE(++steps < 10 * whole.frames);
    }
    if (budget == std::chrono::steady_clock::duration::zero()) CHECK(steps > whole.frames);  // one piece per call
    CHECK(analysis.Done());
    CHECK(analysis.Progress() == 1.0);
    CHECK(SameBits(analysis.spectrogram().db, whole.db));
    CHECK(analysis.loudest_db() == loudest);
    REQUIRE(analysis.tone());
    CHECK(analysis.tone()->hz == tone->hz);
    CHECK(analysis.tone()->prominence_db == tone->prominence_db);
    CHECK(analysis.texels() == texels);
    CHECK(analysis.OverviewDone());
    CHECK(analysis.Step(budget));  // done stays done
  }
}

TEST_CASE("an empty clip is analysed at once; a silent one has no tone") {
  ClipAnalysis none;
  CHECK(none.Done());
  CHECK(none.Progress() == 1.0);
  CHECK(none.spectrogram().frames == 0);
  CHECK(none.texels().empty());
  ClipAnalysis empty({}, test::kRate);
  CHECK(empty.Done());
  CHECK_FALSE(empty.tone());

  std::vector<float> silence(48000, 0.0f);
  ClipAnalysis quiet(silence, test::kRate);
  while (!quiet.Step(std::chrono::milliseconds(50))) {
  }
  CHECK_FALSE(quiet.tone());
  CHECK(quiet.loudest_db() == Approx(-120.0f));
  CHECK(quiet.texels().size() == quiet.spectrogram().frames * 2048);
}

TEST_CASE("peaks made from blocks of one sample are WaveformPeaks exactly; coarser blocks keep the extremes") {
  const auto samples = test::Mix(test::Tone(50, 0.6, 0.5), test::Noise(0.2, 0.5));
  std::vector<PeakColumn> singles(BlockCount(samples.size(), 1));
  BlockPeaks(samples, 1, 0, singles.size(), singles.data());
  for (size_t columns : {size_t{1}, size_t{7}, size_t{300}, samples.size() + 5}) {
    auto exact = WaveformPeaks(samples, columns);
    auto coarse = CoarsenPeaks(singles, columns);
    REQUIRE(coarse.size() == exact.size());
    bool same = true;
    for (size_t i = 0; i < exact.size(); ++i) same &= exact[i].min == coarse[i].min && exact[i].max == coarse[i].max;
    CHECK(same);
  }
  // Blocks of 100 in two pieces: the last block is shorter; the whole clip's extremes survive.
  std::vector<PeakColumn> blocks(BlockCount(samples.size(), 100));
  CHECK(blocks.size() == (samples.size() + 99) / 100);
  BlockPeaks(samples, 100, 0, 50, blocks.data());
  BlockPeaks(samples, 100, 50, blocks.size() + 10, blocks.data());  // past the end: clamped
  auto one = CoarsenPeaks(blocks, 1);
  auto whole = WaveformPeaks(samples, 1);
  CHECK(one[0].min == whole[0].min);
  CHECK(one[0].max == whole[0].max);
  CHECK(CoarsenPeaks({}, 4).size() == 4);  // nothing yet: flat columns
}

TEST_CASE("a clip's waveform overview is ready within the first steps, long before the spectrogram") {
  const auto samples = test::Noise(0.5, 20.0);
  ClipAnalysis analysis(samples, test::kRate);
  CHECK_FALSE(analysis.OverviewDone());
  CHECK(analysis.overview().size() <= ClipAnalysis::kOverviewBlocks);
  CHECK(analysis.overview().size() >= ClipAnalysis::kOverviewBlocks / 2);
  size_t steps = 0;
  while (!analysis.OverviewDone()) {
    analysis.Step(std::chrono::steady_clock::duration::zero());
    ++steps;
  }
  CHECK(steps < 100);
  CHECK(analysis.Progress() < 0.05);
  auto overview = CoarsenPeaks(analysis.overview(), 1);
  auto whole = WaveformPeaks(samples, 1);
  CHECK(overview[0].min == whole[0].min);
  CHECK(overview[0].max == whole[0].max);
}
