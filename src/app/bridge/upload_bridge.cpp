#include "bridge/upload_bridge.hpp"

#include <emscripten/emscripten.h>

#include "app_runtime.hpp"
#include "bridge/capture_bridge.hpp"
#include "bridge/file_input_bridge.hpp"

extern "C" {
void salik_upload_blob(int id, int handle, const char* path, const char* mime, const char* token);
void salik_blob_release(int handle);
void salik_uploads_drop_all();
}

namespace salik::bridge {

void StartMediaBridges() {
  InstallCapture();
  InstallFileDrop();
}

bool RunMediaCommand(const app::Command& command) {
  if (std::holds_alternative<app::StartCapture>(command)) {
    StartCapture();
  } else if (std::holds_alternative<app::StopCapture>(command)) {
    StopCapture();
  } else if (auto* dialog = std::get_if<app::OpenFileDialog>(&command)) {
    OpenFileDialog(dialog->accept);
  } else if (auto* upload = std::get_if<app::UploadBlob>(&command)) {
    salik_upload_blob(upload->id, upload->handle, upload->path.c_str(), upload->mime.c_str(), upload->token.c_str());
  } else if (auto* release = std::get_if<app::ReleaseBlob>(&command)) {
    salik_blob_release(release->handle);
  } else if (std::holds_alternative<app::DropAllMedia>(command)) {
    CancelCapture();
    salik_uploads_drop_all();
  } else {
    return false;
  }
  return true;
}

}  // namespace salik::bridge

extern "C" {
EMSCRIPTEN_KEEPALIVE void salik_upload_progress(int id, double sent) {
  salik::app::Dispatch(salik::app::UploadProgress{id, sent});
}
EMSCRIPTEN_KEEPALIVE void salik_upload_finished(int id, int status, const char* body) {
  salik::app::Dispatch(salik::app::UploadFinished{id, status, body ? body : ""});
}
}
