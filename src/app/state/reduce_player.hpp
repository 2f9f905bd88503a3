// The recording player's reducer (reduce_player.cpp), called by Reduce like the other areas.
#pragma once

#include "state/actions.hpp"
#include "state/app_state.hpp"
#include "state/commands.hpp"

namespace salik::app {

Commands ReducePlayer(AppState& state, const Action& action);
// Stops playback when the user leaves the issue whose recording plays (Reduce calls it on Navigate).
Commands LeavePlayer(AppState& state, const Route& next);

}  // namespace salik::app
