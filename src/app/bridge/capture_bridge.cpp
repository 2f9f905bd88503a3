#include "bridge/capture_bridge.hpp"

#include <emscripten/emscripten.h>

#include "app_runtime.hpp"

extern "C" {
void salik_capture_install();
void salik_capture_start();
void salik_capture_stop();
void salik_capture_cancel();
int salik_capture_pointer_is_touch();
}

namespace salik::bridge {

void InstallCapture() { salik_capture_install(); }
void StartCapture() { salik_capture_start(); }
void StopCapture() { salik_capture_stop(); }
void CancelCapture() { salik_capture_cancel(); }
bool LastPointerWasTouch() { return salik_capture_pointer_is_touch() != 0; }

}  // namespace salik::bridge

extern "C" {
EMSCRIPTEN_KEEPALIVE void salik_capture_started() { salik::app::Dispatch(salik::app::CaptureStarted{}); }
EMSCRIPTEN_KEEPALIVE void salik_capture_level(double rms, double elapsed_seconds) {
  salik::app::Dispatch(salik::app::CaptureLevel{rms, elapsed_seconds});
}
// code: 0 refused, 1 no microphone, 2 unsupported, 3 other (web/capture_bridge.js)
EMSCRIPTEN_KEEPALIVE void salik_capture_failed(int code, const char* detail) {
  using salik::app::CaptureFailure;
  CaptureFailure failure = code == 0   ? CaptureFailure::Denied
                           : code == 1 ? CaptureFailure::NoDevice
                           : code == 2 ? CaptureFailure::Unsupported
                                       : CaptureFailure::Other;
  salik::app::Dispatch(salik::app::CaptureFailed{failure, detail ? detail : ""});
}
EMSCRIPTEN_KEEPALIVE void salik_capture_done(int handle, double bytes, double seconds, const char* mime) {
  salik::app::Dispatch(salik::app::CaptureDone{handle, bytes, seconds, mime ? mime : ""});
}
}
