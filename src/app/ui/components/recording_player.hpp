// The recording player on an issue's page: the waveform with a playback cursor (click to seek,
// drag to loop a part), play / pause, the spectrogram with zoom and frequency range, and the
// dominant frequency with the engine speed for the cylinder count the viewer picks.
#pragma once

#include "state/actions.hpp"
#include "state/player_state.hpp"

namespace salik::ui {

// Draws nothing when the issue has no recording. While playing it asks for the next frame, so the
// cursor moves; paused, it asks for nothing and the tab rests.
void DrawRecordingPlayer(const app::PlayerState& player, void (*dispatch)(const app::Action&));

}  // namespace salik::ui
