#include "bridge/media_viewer_input.hpp"

#include <emscripten/emscripten.h>

#include "platform/frame_scheduler.hpp"

extern "C" void salik_media_viewer_listen(int on);

namespace salik::bridge {
namespace {

struct Listening {
  bool on = false;
  ViewerGestures pending;
};

Listening& L() {
  static Listening l;
  return l;
}

}  // namespace

void ListenForViewerGestures(bool on) {
  if (L().on == on) return;
  L().on = on;
  L().pending = {};
  salik_media_viewer_listen(on ? 1 : 0);
}

ViewerGestures TakeViewerGestures() {
  ViewerGestures g = L().pending;
  L().pending = {};
  return g;
}

}  // namespace salik::bridge

using salik::bridge::L;

extern "C" {
// 1 left, 2 right, 3 zoom in, 4 zoom out, 5 reset.
EMSCRIPTEN_KEEPALIVE void salik_media_viewer_key(int key) {
  auto& g = L().pending;
  if (key == 1) g.step -= 1;
  if (key == 2) g.step += 1;
  if (key == 3) g.zoom_steps += 1;
  if (key == 4) g.zoom_steps -= 1;
  if (key == 5) g.reset = true;
  salik::platform::RequestFrames(2);
}
EMSCRIPTEN_KEEPALIVE void salik_media_viewer_double(double, double) {
  L().pending.reset = true;
  salik::platform::RequestFrames(2);
}
EMSCRIPTEN_KEEPALIVE void salik_media_viewer_pinch(double factor, double x, double y) {
  auto& g = L().pending;
  g.pinch *= static_cast<float>(factor);
  g.pinch_x = static_cast<float>(x);
  g.pinch_y = static_cast<float>(y);
  salik::platform::RequestFrames(2);
}
EMSCRIPTEN_KEEPALIVE void salik_media_viewer_pan(double dx, double dy) {
  auto& g = L().pending;
  g.pan_x += static_cast<float>(dx);
  g.pan_y += static_cast<float>(dy);
  salik::platform::RequestFrames(2);
}
}
