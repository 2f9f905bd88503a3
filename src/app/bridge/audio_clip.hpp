// The decoded recording and what the analysis made of it: the samples (for the waveform), the
// spectrogram (for the picture and the dominant frequency). One clip at a time: the player shows
// one recording, and a 60 s clip is about 11 MB of samples.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/dsp/dominant_frequency.hpp"
#include "core/dsp/spectrogram.hpp"
#include "core/dsp/waveform_peaks.hpp"

namespace salik::bridge {

struct AudioClip {
  std::string media_id;
  double sample_rate = 0;
  std::vector<float> samples;  // mono
  dsp::Spectrogram spectrogram;
  float loudest_db = 0;             // the spectrogram's loudest bin: the top of its colour scale
  std::optional<dsp::Tone> tone;    // the whole recording's dominant frequency
  int revision = 0;                 // changes with every new clip (textures follow it)

  double Duration() const { return sample_rate > 0 ? samples.size() / sample_rate : 0; }
};

// Analyses the samples and keeps them as the current clip (replacing any other).
const AudioClip& KeepClip(std::string media_id, std::vector<float> samples, double sample_rate);
// The current clip if it is `media_id`'s, else nullptr.
const AudioClip* FindClip(const std::string& media_id);
// The waveform overview of the current clip, `columns` wide (cached for the last width asked).
const std::vector<dsp::PeakColumn>& ClipPeaks(const AudioClip& clip, size_t columns);

}  // namespace salik::bridge
