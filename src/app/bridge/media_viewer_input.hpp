// The photo viewer's gestures that ImGui's input does not carry: pinch and one-finger pan on touch
// screens, arrow and +/- keys, and the browser's own double click (web/media_texture_bridge.js).
// Collected between frames; the viewer takes them once per frame while it is open.
#pragma once

namespace salik::bridge {

struct ViewerGestures {
  float pinch = 1.0f;          // zoom factor since the last frame (product of all pinches)
  float pinch_x = 0, pinch_y = 0;  // the pinch's centre, CSS px
  float pan_x = 0, pan_y = 0;  // one-finger drag since the last frame, CSS px
  int step = 0;                // -1 previous photo, +1 next
  int zoom_steps = 0;          // + and - presses
  bool reset = false;          // double click / double tap, or 0
};

// Listens while the viewer is open; stopping drops what was collected.
void ListenForViewerGestures(bool on);
ViewerGestures TakeViewerGestures();

}  // namespace salik::bridge
