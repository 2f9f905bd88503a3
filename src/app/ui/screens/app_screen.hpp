// The screens. DrawApp picks the screen for the current route; each screen is a function of the
// state that edits its own form fields in place and sends everything else as actions.
#pragma once

#include "state/actions.hpp"
#include "state/app_state.hpp"

namespace salik::ui {

using Dispatcher = void (*)(const app::Action&);

void DrawApp(app::AppState& state, Dispatcher dispatch);

// One per screen (ui/screens/*.cpp).
float DrawTopBar(app::AppState& state, Dispatcher dispatch);  // returns its height
void DrawLanding(app::AppState& state, Dispatcher dispatch);
void DrawSignIn(app::AppState& state, Dispatcher dispatch);
void DrawSignUp(app::AppState& state, Dispatcher dispatch);
void DrawCustomerHome(app::AppState& state, Dispatcher dispatch);
void DrawPostIssue(app::AppState& state, Dispatcher dispatch);
void DrawIssueDetail(app::AppState& state, Dispatcher dispatch);
void DrawMechanicProfile(app::AppState& state, Dispatcher dispatch);
void DrawMechanicFeed(app::AppState& state, Dispatcher dispatch);
void DrawRespond(app::AppState& state, Dispatcher dispatch);
void DrawAdminVerification(app::AppState& state, Dispatcher dispatch);
void DrawConversations(app::AppState& state, Dispatcher dispatch);
// A conversation lays out its own windows (header, messages, composer) below the top bar.
void DrawChat(app::AppState& state, Dispatcher dispatch, float top);

}  // namespace salik::ui
