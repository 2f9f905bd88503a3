#include "platform/display.hpp"

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include "imgui.h"
#include "platform/frame_scheduler.hpp"

extern "C" {
void salik_platform_start();
void salik_platform_ready();
}

namespace salik::platform {
namespace {

struct DisplayState {
  DisplayInfo info;
  bool ratio_changed = false;
  void (*scroll_by)(float) = nullptr;
  bool escape = false;
  bool first_frame_marked = false;
};

DisplayState& D() {
  static DisplayState d;
  return d;
}

}  // namespace

bool StartDisplay() {
  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  attrs.majorVersion = 2;
  attrs.minorVersion = 0;
  attrs.alpha = false;
  attrs.antialias = false;  // ImGui anti-aliases its own shapes
  attrs.depth = false;
  attrs.stencil = false;
  attrs.premultipliedAlpha = false;
  attrs.powerPreference = EM_WEBGL_POWER_PREFERENCE_LOW_POWER;
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE ctx = emscripten_webgl_create_context("#canvas", &attrs);
  if (ctx <= 0) return false;
  emscripten_webgl_make_context_current(ctx);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing to persist between visits
  io.LogFilename = nullptr;
  io.BackendPlatformName = "salikchat_web";
  io.ConfigInputTrickleEventQueue = true;
  salik_platform_start();
  return true;
}

const DisplayInfo& Display() { return D().info; }

bool TakePixelRatioChanged() {
  bool changed = D().ratio_changed;
  D().ratio_changed = false;
  return changed;
}

void SetScrollHandler(void (*scroll_by)(float dy)) { D().scroll_by = scroll_by; }

bool TakeEscape() {
  bool e = D().escape;
  D().escape = false;
  return e;
}

void MarkFirstFrameShown() {
  if (D().first_frame_marked) return;
  D().first_frame_marked = true;
  salik_platform_ready();
}

}  // namespace salik::platform

// --- called from web/platform.js
using salik::platform::D;
using salik::platform::RequestFrames;

extern "C" {
EMSCRIPTEN_KEEPALIVE void salik_on_resize(double css_width, double css_height, double ratio) {
  auto& info = D().info;
  if (static_cast<float>(ratio) != info.pixel_ratio) D().ratio_changed = true;
  info.css_width = static_cast<float>(css_width);
  info.css_height = static_cast<float>(css_height);
  info.pixel_ratio = static_cast<float>(ratio);
  RequestFrames(2);
}

// kind: 0 down, 1 move, 2 up, 3 cancel (the pointer leaves without a click)
EMSCRIPTEN_KEEPALIVE void salik_on_pointer(int kind, double x, double y, int button) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
  io.AddMousePosEvent(static_cast<float>(x), static_cast<float>(y));
  int b = button == 2 ? 1 : button == 1 ? 2 : 0;
  if (kind == 0) io.AddMouseButtonEvent(b, true);
  if (kind == 2 || kind == 3) io.AddMouseButtonEvent(b, false);
  RequestFrames(kind == 1 ? 2 : 3);
}

EMSCRIPTEN_KEEPALIVE void salik_on_wheel(double dx, double dy) {
  ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(dx), static_cast<float>(dy));
  RequestFrames(3);
}

EMSCRIPTEN_KEEPALIVE void salik_on_scroll_request(double dy) {
  if (D().scroll_by) D().scroll_by(static_cast<float>(dy));
  RequestFrames(2);
}

EMSCRIPTEN_KEEPALIVE void salik_on_key(int key) {
  if (key == 1) D().escape = true;
  RequestFrames(2);
}
}
