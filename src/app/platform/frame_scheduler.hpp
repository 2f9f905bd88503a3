// Frames on demand. The app lays out and draws only when something changed: input, a network
// answer, a timer or an animation asks for a few frames; with nothing asked, the tab rests.
#pragma once

#include <functional>

namespace salik::platform {

// Draw at least `count` more frames (ImGui needs two or three to settle hover and clicks).
void RequestFrames(int count);
// Draw one frame after `ms` milliseconds (caret blink, "5 min ago" labels, polling).
void RequestFrameAfter(double ms);
// Draws a frame now, outside the animation-frame cycle (after a scroll the mirror must move
// before the browser event that asked for it returns).
void DrawNow();
// Installs the function that draws one frame; frames start when first requested.
void SetFrameFunction(std::function<void()> draw);

struct FrameStats {
  unsigned long long frames_drawn = 0;
  double last_frame_ms = 0;   // CPU time of the last frame's layout + draw
  double total_frame_ms = 0;  // since start
};
const FrameStats& Stats();

}  // namespace salik::platform
