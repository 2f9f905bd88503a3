// The canvas, its WebGL2 context, its size in CSS pixels and its device pixel ratio, and the
// input that web/platform.js forwards to Dear ImGui.
#pragma once

namespace salik::platform {

struct DisplayInfo {
  float css_width = 0, css_height = 0;
  float pixel_ratio = 1;
};

// Creates the WebGL2 context and the ImGui context and starts listening for input.
bool StartDisplay();
const DisplayInfo& Display();
// True once after the pixel ratio changed (fonts must be rebuilt for crisp text).
bool TakePixelRatioChanged();
// Who scrolls the page when the DOM mirror asks (scrollIntoView, assistive technology); it is
// called at once, inside the browser's scroll event, so the mirror has moved when the event ends.
void SetScrollHandler(void (*scroll_by)(float dy));
// Escape was pressed (closes popups and dialogs).
bool TakeEscape();
// Signals the page that the first frame is on screen (hides the boot spinner).
void MarkFirstFrameShown();

}  // namespace salik::platform
