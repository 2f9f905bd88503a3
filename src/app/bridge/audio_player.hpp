// The C++ face of web/audio_bridge.js: carries out the player reducer's commands (decode, play,
// stop) and answers with AudioDecoded / AudioFailed / AudioEnded. The live playback position is
// read every frame while playing, so it never passes through the state.
#pragma once

#include <functional>

#include "state/actions.hpp"
#include "state/commands.hpp"

namespace salik::bridge {

// Runs `command` if it is one of the player's; false otherwise. Answers go to `dispatch`.
bool RunAudioCommand(const app::Command& command, const std::function<void(const app::Action&)>& dispatch);
// Seconds into the recording now, or a negative number when nothing is playing.
double AudioPosition();

}  // namespace salik::bridge
