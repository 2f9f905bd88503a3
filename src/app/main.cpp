// SalikChat's web app: starts the display, then draws a frame whenever something changed.
#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>

#include "a11y/mirror.hpp"
#include "app_runtime.hpp"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"  // the input queue
#include "platform/display.hpp"
#include "platform/frame_scheduler.hpp"
#include "ui/screens/app_screen.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

extern "C" void salik_set_cursor(int cursor);

namespace {

void DrawFrame() {
  using namespace salik;
  const auto& display = platform::Display();
  if (platform::TakePixelRatioChanged()) {
    ui::LoadFonts(display.pixel_ratio);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(display.css_width, display.css_height);
  io.DisplayFramebufferScale = ImVec2(display.pixel_ratio, display.pixel_ratio);
  io.DeltaTime = 1.0f / 60.0f;

  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  a11y::BeginFrame();
  ui::DrawApp(app::State(), app::Dispatch);
  a11y::EndFrame();
  ImGui::Render();
  // ImGui takes one button change per frame; a burst (a double click, then a click) can outlast
  // the frames its events asked for, so draw until the queue is empty or a click is lost.
  if (!ImGui::GetCurrentContext()->InputEventsQueue.empty()) platform::RequestFrames(1);

  static int last_cursor = -1;
  int cursor = ImGui::GetMouseCursor();
  if (cursor != last_cursor) salik_set_cursor(last_cursor = cursor);

  glViewport(0, 0, static_cast<int>(display.css_width * display.pixel_ratio),
             static_cast<int>(display.css_height * display.pixel_ratio));
  ImVec4 bg = ImGui::ColorConvertU32ToFloat4(ui::Colors().background);
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  platform::MarkFirstFrameShown();
}

}  // namespace

int main() {
  using namespace salik;
  if (!platform::StartDisplay()) {
    EM_ASM({ document.getElementById('boot').innerHTML = '<p>SalikChat needs a browser with WebGL2. Please update your browser.</p>'; });
    return 1;
  }
  ui::LoadFonts(platform::Display().pixel_ratio);
  platform::TakePixelRatioChanged();
  ui::ApplyStyle();
  ImGui_ImplOpenGL3_Init("#version 300 es");
  platform::SetFrameFunction(DrawFrame);
  platform::SetScrollHandler(ui::ScrollPageBy);
  app::StartApp();
  platform::RequestFrames(2);
  return 0;
}
