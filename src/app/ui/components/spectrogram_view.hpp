// The spectrogram of the recording in the player: drawn on the GPU by shaders/spectrogram.frag
// from a texture of magnitudes, with a log-frequency axis in Hz, a time axis in seconds, the loop
// selection and the playback cursor. A click seeks, a drag pans a zoomed view, Ctrl + wheel (or a
// trackpad pinch) zooms time around the pointer.
#pragma once

#include <optional>

#include "bridge/audio_clip.hpp"

namespace salik::ui {

struct SpectrogramSpec {
  const bridge::AudioClip* clip = nullptr;
  double view_start = 0, view_end = 0;  // seconds
  double min_hz = 20, max_hz = 24000;
  double cursor = -1;                    // seconds; negative: none
  bool looping = false;
  double loop_start = 0, loop_end = 0;
  float height = 200;
};

struct SpectrogramInput {
  std::optional<double> seek;  // seconds
  std::optional<double> zoom_start, zoom_end;
};

SpectrogramInput SpectrogramView(const char* id, const SpectrogramSpec& spec);
// What stands where the spectrogram goes while the clip is being analysed: the same size, with
// "Analysing the recording… 40%" over a thin progress bar (progress 0..1).
void SpectrogramProgress(const char* id, double progress, float height);

}  // namespace salik::ui
