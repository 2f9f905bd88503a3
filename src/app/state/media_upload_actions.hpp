// Actions and commands of the recorder, the file dialog, drag-and-drop and the uploads. The
// browser side (web/capture_bridge.js, file_input_bridge.js, upload_bridge.js) reports facts;
// the reducers (reduce_media_upload*.cpp) decide.
#pragma once

#include <string>

#include "state/media_upload_state.hpp"

namespace salik::app {

// --- user intents
// The record button went down: a click, a key, or a finger (`touch`: held to record).
struct RecordPressed {
  bool touch = false;
};
struct RecordReleased {};  // the finger that pressed it was lifted
struct PickFiles {
  MediaType type = MediaType::Image;  // which button: sets the dialog's accept filter
  bool chat = false;                  // the chat's attach button: every kind the server takes
};
struct RemoveAttachment {
  int id = 0;
};
// The verification documents added on the mechanic's profile: upload them now.
struct UploadDocuments {};
struct RetryUpload {
  int id = 0;
};

// --- what the browser reports
struct CaptureStarted {};
struct CaptureLevel {
  double rms = 0;  // the input's amplitude over the last few ms
  double elapsed_seconds = 0;
};
struct CaptureFailed {
  CaptureFailure failure = CaptureFailure::Other;
  std::string detail;
};
struct CaptureDone {
  int handle = 0;  // 0: nothing was recorded
  double bytes = 0;
  double seconds = 0;
  std::string mime;
};
// A file from the dialog or dropped onto the app, already held as a Blob under `handle`.
struct FileOffered {
  int handle = 0;
  std::string name;
  std::string mime;
  double bytes = 0;
  double seconds = 0;  // audio and video, when the browser could read it
  bool dropped = false;
};
struct DragOver {
  bool over = false;
};
struct UploadProgress {
  int id = 0;
  double sent = 0;
};
struct UploadFinished {
  int id = 0;
  int status = 0;  // 0: the network failed
  std::string body;
};

// --- commands
struct StartCapture {};
struct StopCapture {};
struct OpenFileDialog {
  std::string accept;
};
// POST the Blob `handle` to `path`; answers UploadProgress… then UploadFinished for `id`.
struct UploadBlob {
  int id = 0;
  int handle = 0;
  std::string path;
  std::string mime;
  std::string token;
};
struct ReleaseBlob {
  int handle = 0;
};
// Signed out: stop the microphone, abort uploads and forget every Blob, reporting nothing back.
struct DropAllMedia {};

}  // namespace salik::app
