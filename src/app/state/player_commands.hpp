// What the player reducer asks of the audio bridge (src/app/bridge/audio_player.cpp).
#pragma once

#include <string>

namespace salik::app {

// Fetch and decode the recording; answered with AudioDecoded or AudioFailed.
struct DecodeAudio {
  std::string media_id;
  std::string url;
};
// Play from `from` seconds; with loop_end > loop_start, repeat that part.
struct PlayAudio {
  std::string media_id;
  double from = 0;
  double loop_start = 0, loop_end = 0;
};
struct StopAudio {};  // pause: the position is already in the state

}  // namespace salik::app
