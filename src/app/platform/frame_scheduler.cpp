#include "platform/frame_scheduler.hpp"

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>

namespace salik::platform {
namespace {

struct Scheduler {
  std::function<void()> draw;
  int frames_wanted = 0;
  bool animation_frame_pending = false;
  double timer_due_ms = 0;  // 0 = no timer
  FrameStats stats;
};

Scheduler& S() {
  static Scheduler s;
  return s;
}

EM_BOOL OnAnimationFrame(double, void*) {
  Scheduler& s = S();
  s.animation_frame_pending = false;
  if (s.frames_wanted <= 0 || !s.draw) return EM_FALSE;
  --s.frames_wanted;
  double start = emscripten_get_now();
  s.draw();
  double spent = emscripten_get_now() - start;
  s.stats.frames_drawn++;
  s.stats.last_frame_ms = spent;
  s.stats.total_frame_ms += spent;
  if (s.frames_wanted > 0 && !s.animation_frame_pending) {
    s.animation_frame_pending = true;
    emscripten_request_animation_frame(OnAnimationFrame, nullptr);
  }
  return EM_FALSE;
}

void OnTimer(void*) {
  Scheduler& s = S();
  s.timer_due_ms = 0;
  RequestFrames(1);
}

}  // namespace

void RequestFrames(int count) {
  Scheduler& s = S();
  s.frames_wanted = std::max(s.frames_wanted, count);
  if (!s.animation_frame_pending) {
    s.animation_frame_pending = true;
    emscripten_request_animation_frame(OnAnimationFrame, nullptr);
  }
}

void RequestFrameAfter(double ms) {
  Scheduler& s = S();
  double due = emscripten_get_now() + ms;
  if (s.timer_due_ms != 0 && s.timer_due_ms <= due) return;  // an earlier timer is already set
  s.timer_due_ms = due;
  emscripten_set_timeout(OnTimer, ms, nullptr);
}

void SetFrameFunction(std::function<void()> draw) { S().draw = std::move(draw); }

void DrawNow() {
  Scheduler& s = S();
  if (!s.draw) return;
  double start = emscripten_get_now();
  s.draw();
  s.stats.frames_drawn++;
  s.stats.total_frame_ms += emscripten_get_now() - start;
}

const FrameStats& Stats() { return S().stats; }

}  // namespace salik::platform

extern "C" {
EMSCRIPTEN_KEEPALIVE void salik_request_frames(int count) { salik::platform::RequestFrames(count); }
EMSCRIPTEN_KEEPALIVE double salik_frames_drawn() {
  return static_cast<double>(salik::platform::Stats().frames_drawn);
}
EMSCRIPTEN_KEEPALIVE double salik_frame_ms_total() { return salik::platform::Stats().total_frame_ms; }
}
