// Owns the app state and carries out the commands the reducer returns.
#pragma once

#include "state/actions.hpp"
#include "state/app_state.hpp"

namespace salik::app {

void Dispatch(const Action& action);
AppState& State();
// Restores the stored session and the screen in the address bar.
void StartApp();

}  // namespace salik::app
