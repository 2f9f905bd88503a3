#include "bridge/audio_clip.hpp"

#include <chrono>

namespace salik::bridge {
namespace {

struct Clips {
  AudioClip clip;
  std::vector<dsp::PeakColumn> peaks;
  int peaks_revision = -1;
  bool peaks_whole = false;  // made from the finished overview (else made again next time)
  int next_revision = 1;
};

Clips& C() {
  static Clips c;
  return c;
}

}  // namespace

const AudioClip& KeepClip(std::string media_id, std::vector<float> samples, double sample_rate) {
  AudioClip& clip = C().clip;
  clip.analysis = {};  // reads the old samples: gone before they are
  clip.media_id = std::move(media_id);
  clip.sample_rate = sample_rate;
  clip.samples = std::move(samples);
  clip.analysis = dsp::ClipAnalysis(clip.samples, sample_rate);
  clip.revision = C().next_revision++;
  C().peaks.clear();
  return clip;
}

const AudioClip* FindClip(const std::string& media_id) {
  const AudioClip& clip = C().clip;
  return !media_id.empty() && clip.media_id == media_id ? &clip : nullptr;
}

bool AdvanceClipAnalysis(double budget_ms) {
  AudioClip& clip = C().clip;
  if (clip.analysis.Done()) return false;
  auto budget = std::chrono::duration<double, std::milli>(budget_ms);
  return clip.analysis.Step(std::chrono::duration_cast<std::chrono::steady_clock::duration>(budget));
}

const std::vector<dsp::PeakColumn>& ClipPeaks(const AudioClip& clip, size_t columns) {
  Clips& c = C();
  // From the analysis's fine overview, so a new width costs next to nothing; while the overview
  // is still being made (its first few frames) the columns are made again each frame.
  if (c.peaks_revision != clip.revision || c.peaks.size() != columns || !c.peaks_whole) {
    c.peaks = dsp::CoarsenPeaks(clip.analysis.overview(), columns);
    c.peaks_revision = clip.revision;
    c.peaks_whole = clip.analysis.OverviewDone();
  }
  return c.peaks;
}

}  // namespace salik::bridge
