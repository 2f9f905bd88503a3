// The one place the app state changes. Pure: no I/O, so it is tested natively (tests/unit).
#pragma once

#include "state/actions.hpp"
#include "state/app_state.hpp"
#include "state/commands.hpp"

namespace salik::app {

Commands Reduce(AppState& state, const Action& action);

// The screen a signed-in user lands on: their role's home.
Route HomeRoute(const AppState& state);

// Per-area reducers, called by Reduce.
Commands ReduceAuth(AppState& state, const Action& action);
Commands ReduceIssues(AppState& state, const Action& action);
Commands ReduceMechanic(AppState& state, const Action& action);
Commands ReduceAdmin(AppState& state, const Action& action);
// Loads what a screen shows when the user arrives on it.
Commands EnterRoute(AppState& state, const Route& route);

}  // namespace salik::app
