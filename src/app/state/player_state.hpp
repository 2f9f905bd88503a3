// The recording player on an issue's page: which recording is loaded, whether it plays, the loop
// and zoom the mechanic chose, and what the analysis found. Pure data; reduce_player.cpp changes it.
// The samples and the spectrogram themselves are large and live in bridge/audio_clips.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/media.hpp"

namespace salik::app {

enum class ClipLoad { None, Loading, Ready, Failed };

// The frequency ranges the spectrogram can show: an engine's fundamentals, its harmonics, everything.
struct FrequencyRange {
  const char* label;
  double min_hz, max_hz;
};
inline constexpr FrequencyRange kFrequencyRanges[] = {
    {"20 Hz\xE2\x80\x93" "1 kHz", 20, 1000},
    {"20 Hz\xE2\x80\x93" "5 kHz", 20, 5000},
    {"Full", 20, 24000},
};
inline constexpr int kCylinderChoices[] = {3, 4, 6, 8};

struct PlayerState {
  std::string issue_id;            // the issue whose media these are
  std::vector<Media> issue_media;  // the open issue's media, oldest first (GET /api/issues/{id})
  std::string media_id;            // the recording in the player; empty: none
  ClipLoad load = ClipLoad::None;
  std::string error;               // why it could not be played

  double duration = 0;             // seconds, as decoded
  bool playing = false;
  double position = 0;             // where playback started or was paused (the bridge knows the live one)
  bool looping = false;            // a selection is set and playback repeats it
  double loop_start = 0, loop_end = 0;

  double view_start = 0, view_end = 0;  // the spectrogram's visible time range, seconds
  int frequency_range = 1;              // index into kFrequencyRanges
  int cylinders = 1;                    // index into kCylinderChoices: 4

  bool analysed = false;
  std::optional<double> dominant_hz;  // empty once analysed: no clear tone
};

// The loaded recording's media object, or nullptr.
const Media* PlayerMedia(const PlayerState& player);

}  // namespace salik::app
