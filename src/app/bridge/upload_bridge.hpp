// Uploads of Blobs held by the browser (web/upload_bridge.js), with XMLHttpRequest for progress;
// answers come back as UploadProgress and UploadFinished actions. Also carries out every media
// command of the reducer (state/media_upload_actions.hpp).
#pragma once

#include "state/commands.hpp"

namespace salik::bridge {

// Listens for drops and pointer kinds; call once at start.
void StartMediaBridges();
// Carries out a recorder, file or upload command; false for any other command.
bool RunMediaCommand(const app::Command& command);

}  // namespace salik::bridge
