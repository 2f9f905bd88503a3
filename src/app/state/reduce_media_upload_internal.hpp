// What the media-upload reducer files share (reduce_media_upload*.cpp).
#pragma once

#include "state/app_state.hpp"
#include "state/commands.hpp"

namespace salik::app {

// Posting moves the wizard's attachments into the upload queue; uploads run one at a time.
Commands ReduceUploadQueue(AppState& state, const Action& action);

}  // namespace salik::app
