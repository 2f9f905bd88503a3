// The posting wizard's media step (step 3: record engine sound, add photos and video) and the
// upload list shown once the issue is posted (step 5). State: state/media_upload_state.hpp.
#pragma once

#include "ui/screens/app_screen.hpp"

namespace salik::ui {

void DrawWizardMediaStep(app::AppState& state, Dispatcher dispatch);
// The posted issue's uploads with a progress bar each and Retry on failure; nothing when none.
void DrawWizardUploads(app::AppState& state, Dispatcher dispatch);
// One added file as a list row: thumbnail, name and Remove while a draft; then its upload's
// progress bar, status and Retry. Also the mechanic's verification documents (ui/components).
void AttachmentRow(const app::Attachment& attachment, Dispatcher dispatch);
// Recording in progress: the wizard's Next and Back wait for it to finish.
bool WizardMediaBusy(const app::AppState& state);

}  // namespace salik::ui
