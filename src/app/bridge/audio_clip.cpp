#include "bridge/audio_clip.hpp"

#include <algorithm>

namespace salik::bridge {
namespace {

struct Clips {
  AudioClip clip;
  std::vector<dsp::PeakColumn> peaks;
  int peaks_revision = -1;
  int next_revision = 1;
};

Clips& C() {
  static Clips c;
  return c;
}

}  // namespace

const AudioClip& KeepClip(std::string media_id, std::vector<float> samples, double sample_rate) {
  AudioClip& clip = C().clip;
  clip.media_id = std::move(media_id);
  clip.sample_rate = sample_rate;
  clip.samples = std::move(samples);
  clip.spectrogram = dsp::ComputeSpectrogram(clip.samples, sample_rate);
  const auto& db = clip.spectrogram.db;
  clip.loudest_db = db.empty() ? 0.0f : *std::max_element(db.begin(), db.end());
  clip.tone = dsp::DominantFrequency(clip.spectrogram);
  clip.revision = C().next_revision++;
  C().peaks.clear();
  return clip;
}

const AudioClip* FindClip(const std::string& media_id) {
  const AudioClip& clip = C().clip;
  return !media_id.empty() && clip.media_id == media_id ? &clip : nullptr;
}

const std::vector<dsp::PeakColumn>& ClipPeaks(const AudioClip& clip, size_t columns) {
  Clips& c = C();
  if (c.peaks_revision != clip.revision || c.peaks.size() != columns) {
    c.peaks = dsp::WaveformPeaks(clip.samples, columns);
    c.peaks_revision = clip.revision;
  }
  return c.peaks;
}

}  // namespace salik::bridge
