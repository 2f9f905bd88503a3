// The open conversation's messages as a scrolling page between the chat's header and composer.
#pragma once

#include <string>

#include "state/app_state.hpp"
#include "ui/screens/app_screen.hpp"

namespace salik::ui {

// Only the rows in view are laid out and declared to the mirror (row heights are measured once
// per message and width), so 10,000 messages cost what a screenful costs. The list follows new
// messages while the reader is at the bottom and otherwise keeps their place, even when older
// history arrives above; it offers "Jump to latest", asks for older pages near the top, and marks
// the newest message read when it is in view. Answers true when a link pressed from the keyboard
// went away with its row (Retry, Delete): the composer should take the focus.
bool DrawMessageList(app::AppState& state, Dispatcher dispatch, float top, float bottom);

// The chat attachment whose recording the player dialog shows (chat_view.cpp draws the dialog).
void OpenRecordingDialog(const std::string& media_id);
const std::string& OpenRecording();  // empty: no dialog
void CloseRecordingDialog();

// The chat column's widest extent.
inline constexpr float kChatMaxWidth = 760.0f;

}  // namespace salik::ui
