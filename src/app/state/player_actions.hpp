// What the recording player's controls and its audio bridge say (reduce_player.cpp reduces them).
#pragma once

#include <optional>
#include <string>

#include "core/media.hpp"

namespace salik::app {

struct PlayerSelect {  // load another of the recordings
  std::string media_id;
};
// A recording outside the issue page (a chat attachment): the player loads it alone.
struct PlayerOpenRecording {
  Media media;
};
struct PlayerPlay {
  double from = 0;  // seconds
};
struct PlayerPause {
  double at = 0;  // the live position the bridge reported
};
struct PlayerSeek {
  double to = 0;
};
struct PlayerSetLoop {  // a selection dragged on the waveform
  double start = 0, end = 0;
};
struct PlayerClearLoop {
  double at = 0;  // the live position: playback carries on from there
};
struct PlayerZoom {  // the spectrogram's visible time range
  double start = 0, end = 0;
};
struct PlayerFrequencyRange {
  int index = 0;
};
struct PlayerCylinders {
  int index = 0;
};
// From the audio bridge: the recording is decoded (it can play; its analysis has begun), or it
// could not be.
struct AudioDecoded {
  std::string media_id;
  double duration = 0;
};
// The analysis of a decoded recording is done (it runs a few milliseconds per frame).
struct AudioAnalysed {
  std::string media_id;
  std::optional<double> dominant_hz;  // empty: no clear tone
};
struct AudioFailed {
  std::string media_id;
  std::string message;
};
struct AudioEnded {  // playback reached the end (not looping)
  std::string media_id;
};

}  // namespace salik::app
