// The decoded recording and what the analysis made of it: the samples (for the waveform), the
// spectrogram (for the picture and the dominant frequency). One clip at a time: the player shows
// one recording, and a 60 s clip is about 11 MB of samples.
//
// The analysis runs in pieces, a few milliseconds per animation frame (AdvanceClipAnalysis), so
// opening a long recording never freezes the page; until it is done only the waveform is ready.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/dsp/clip_analysis.hpp"
#include "core/dsp/waveform_peaks.hpp"

namespace salik::bridge {

struct AudioClip {
  std::string media_id;
  double sample_rate = 0;
  std::vector<float> samples;  // mono
  dsp::ClipAnalysis analysis;  // reads `samples`
  int revision = 0;            // changes with every new clip (textures follow it)

  double Duration() const { return sample_rate > 0 ? samples.size() / sample_rate : 0; }
  bool Analysed() const { return analysis.Done(); }
  // Final once Analysed().
  const dsp::Spectrogram& spectrogram() const { return analysis.spectrogram(); }
  float loudest_db() const { return analysis.loudest_db(); }                  // the top of the colour scale
  const std::optional<dsp::Tone>& tone() const { return analysis.tone(); }  // the whole recording's
};

// Keeps the samples as the current clip (replacing any other) and starts analysing them.
const AudioClip& KeepClip(std::string media_id, std::vector<float> samples, double sample_rate);
// The current clip if it is `media_id`'s, else nullptr.
const AudioClip* FindClip(const std::string& media_id);
// Works on the current clip's analysis for about `budget_ms` (called once per frame while it is
// under way). True on the call that finishes it: the caller then reports the results.
bool AdvanceClipAnalysis(double budget_ms);
// The waveform overview of the current clip, `columns` wide (cached for the last width asked);
// flat where the analysis has not reached yet.
const std::vector<dsp::PeakColumn>& ClipPeaks(const AudioClip& clip, size_t columns);

}  // namespace salik::bridge
