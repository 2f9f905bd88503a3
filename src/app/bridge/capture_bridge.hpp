// The microphone recorder's browser side (web/capture_bridge.js): start, stop, and what kind of
// pointer pressed last. Events come back as actions: CaptureStarted, CaptureLevel (every 50 ms),
// CaptureFailed, CaptureDone (with the recording's Blob handle).
#pragma once

namespace salik::bridge {

void InstallCapture();
void StartCapture();
void StopCapture();
void CancelCapture();  // stops without reporting back, keeps nothing
// The last press came from a finger (so the record button records while held).
bool LastPointerWasTouch();

}  // namespace salik::bridge
