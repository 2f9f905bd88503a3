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
Commands ReduceChat(AppState& state, const Action& action);      // reduce_chat.cpp
Commands ReduceChatLink(AppState& state, const Action& action);  // reduce_chat_link.cpp: the WebSocket
Commands ReduceMediaUpload(AppState& state, const Action& action);  // reduce_media_upload*.cpp
// Loads what a screen shows when the user arrives on it.
Commands EnterRoute(AppState& state, const Route& route);
// The chat screens' part of EnterRoute (called before `state.route` changes).
Commands EnterChatRoute(AppState& state, const Route& route);
// Starts the chat (outbox, conversation list, then the socket) when a car owner or mechanic is
// signed in, and stops it when they are not.
Commands SyncChatWithSession(AppState& state);

}  // namespace salik::app
