// What the media-upload reducer files share (reduce_media_upload*.cpp).
#pragma once

#include "state/app_state.hpp"
#include "state/commands.hpp"

namespace salik::app {

// Posting moves the wizard's attachments into the upload queue; uploads run one at a time.
Commands ReduceUploadQueue(AppState& state, const Action& action);

// An open conversation takes files (the attach button, or dropped onto it): they upload at once.
inline bool ChatTakesFiles(const AppState& s) {
  return s.session && s.route.screen == Screen::Chat && !s.chat.open.id.empty() && !s.chat.user_id.empty();
}

}  // namespace salik::app
