#include "ui/components/spectrogram_view.hpp"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "a11y/mirror.hpp"
#include "core/dsp/frequency_axis.hpp"
#include "imgui.h"
#include "imgui_internal.h"
#include "shaders/shaders.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "ui/widgets_internal.hpp"

namespace salik::ui {
namespace {

constexpr float kAxisWidth = 50.0f;   // room for "10 kHz" left of the picture
constexpr float kAxisHeight = 20.0f;  // room for the seconds under it

// --- GPU side: one program, one texture for the clip on screen.
struct Gpu {
  GLuint program = 0;
  GLuint vao = 0;
  GLint u_rect = -1, u_magnitudes = -1, u_seconds = -1, u_frame_map = -1, u_log2_hz = -1, u_bin_map = -1;
  bool failed = false;
  GLuint texture = 0;
  int texture_revision = -1;
};

Gpu& G() {
  static Gpu g;
  return g;
}

GLuint Compile(GLenum kind, std::string_view source) {
  GLuint shader = glCreateShader(kind);
  const char* text = source.data();
  GLint length = static_cast<GLint>(source.size());
  glShaderSource(shader, 1, &text, &length);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[512] = {};
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    std::fprintf(stderr, "spectrogram shader: %s\n", log);
    glDeleteShader(shader);
    return 0;
  }
  return shader;
}

bool EnsureProgram() {
  Gpu& g = G();
  if (g.program || g.failed) return g.program != 0;
  GLuint vs = Compile(GL_VERTEX_SHADER, shaders::kSpectrogramVert);
  GLuint fs = Compile(GL_FRAGMENT_SHADER, shaders::kSpectrogramFrag);
  if (vs && fs) {
    g.program = glCreateProgram();
    glAttachShader(g.program, vs);
    glAttachShader(g.program, fs);
    glLinkProgram(g.program);
    GLint ok = 0;
    glGetProgramiv(g.program, GL_LINK_STATUS, &ok);
    if (!ok) {
      glDeleteProgram(g.program);
      g.program = 0;
    }
  }
  if (vs) glDeleteShader(vs);
  if (fs) glDeleteShader(fs);
  if (!g.program) {
    g.failed = true;
    return false;
  }
  g.u_rect = glGetUniformLocation(g.program, "u_rect");
  g.u_magnitudes = glGetUniformLocation(g.program, "u_magnitudes");
  g.u_seconds = glGetUniformLocation(g.program, "u_seconds");
  g.u_frame_map = glGetUniformLocation(g.program, "u_frame_map");
  g.u_log2_hz = glGetUniformLocation(g.program, "u_log2_hz");
  g.u_bin_map = glGetUniformLocation(g.program, "u_bin_map");
  glGenVertexArrays(1, &g.vao);  // empty: the vertex shader makes its corners from gl_VertexID
  return true;
}

// Uploads the clip's magnitudes once per clip (the analysis made the texels, a few rows per frame).
void EnsureTexture(const bridge::AudioClip& clip) {
  Gpu& g = G();
  if (g.texture_revision == clip.revision) return;
  const auto& s = clip.spectrogram();
  const auto& texels = clip.analysis.texels();
  if (!g.texture) glGenTextures(1, &g.texture);
  glBindTexture(GL_TEXTURE_2D, g.texture);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, static_cast<GLsizei>(s.frame_size / 2), static_cast<GLsizei>(s.frames), 0,
               GL_RED, GL_UNSIGNED_BYTE, texels.data());
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindTexture(GL_TEXTURE_2D, 0);
  g.texture_revision = clip.revision;
}

// What the draw callback needs; it runs later, inside ImGui_ImplOpenGL3_RenderDrawData.
struct DrawParams {
  ImRect rect;
  float seconds[2];
  float frame_map[3];
  float log2_hz[2];
  float bin_map[2];
};

void DrawCallback(const ImDrawList*, const ImDrawCmd* cmd) {
  const Gpu& g = G();
  const auto* p = static_cast<const DrawParams*>(cmd->UserCallbackData);
  const ImDrawData* dd = ImGui::GetDrawData();
  if (!g.program || !g.texture || !dd) return;
  ImVec2 origin = dd->DisplayPos, size = dd->DisplaySize, scale = dd->FramebufferScale;
  auto clip_x = [&](float x) { return (x - origin.x) / size.x * 2.0f - 1.0f; };
  auto clip_y = [&](float y) { return 1.0f - (y - origin.y) / size.y * 2.0f; };
  // The command's clip rectangle (the page's scroll area) in framebuffer pixels, origin bottom-left.
  float fb_h = size.y * scale.y;
  ImVec4 c = cmd->ClipRect;
  glScissor(static_cast<GLint>((c.x - origin.x) * scale.x), static_cast<GLint>(fb_h - (c.w - origin.y) * scale.y),
            static_cast<GLsizei>((c.z - c.x) * scale.x), static_cast<GLsizei>((c.w - c.y) * scale.y));
  glUseProgram(g.program);
  glBindVertexArray(g.vao);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, g.texture);
  glUniform1i(g.u_magnitudes, 0);
  glUniform4f(g.u_rect, clip_x(p->rect.Min.x), clip_y(p->rect.Min.y), clip_x(p->rect.Max.x), clip_y(p->rect.Max.y));
  glUniform2fv(g.u_seconds, 1, p->seconds);
  glUniform3fv(g.u_frame_map, 1, p->frame_map);
  glUniform2fv(g.u_log2_hz, 1, p->log2_hz);
  glUniform2fv(g.u_bin_map, 1, p->bin_map);
  glDisable(GL_BLEND);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

// A tick step for the time axis that leaves at least `min_px` between labels.
double TimeStep(double span, float width, float min_px) {
  for (double step : {0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0})
    if (span / step * min_px <= width) return step;
  return 60.0;
}

std::string SecondsLabel(double t, double step) {
  char buf[24];
  std::snprintf(buf, sizeof buf, step < 0.1 ? "%.2f s" : step < 1 ? "%.1f s" : "%.0f s", t);
  return buf;
}

// Interaction kept between frames: where a drag started.
struct Drag {
  ImGuiID id = 0;
  float start_x = 0;
  double start_view = 0;
  bool moved = false;
};

Drag& D() {
  static Drag d;
  return d;
}

}  // namespace

SpectrogramInput SpectrogramView(const char* id_label, const SpectrogramSpec& spec) {
  SpectrogramInput input;
  const auto& c = Colors();
  detail::AlignToColumn();
  ImGuiID id = ImGui::GetID(id_label);
  float width = detail::ColumnWidth();
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImRect whole(pos, ImVec2(pos.x + width, pos.y + spec.height + kAxisHeight));
  ImRect plot(ImVec2(pos.x + kAxisWidth, pos.y), ImVec2(pos.x + width, pos.y + spec.height));
  ImGui::ItemSize(whole);
  a11y::Node(id, {.role = a11y::Role::Text, .name = "Spectrogram", .rect = plot});
  bool visible = ImGui::ItemAdd(plot, id);
  auto* dl = ImGui::GetWindowDrawList();
  if (!visible || !spec.clip || !spec.clip->Analysed() || spec.clip->spectrogram().frames == 0) {
    dl->AddRectFilled(plot.Min, plot.Max, c.surface_muted, 8.0f);
    return input;
  }
  const auto& s = spec.clip->spectrogram();
  double t0 = spec.view_start, t1 = std::max(spec.view_end, spec.view_start + 1e-3);
  auto x_of = [&](double t) { return plot.Min.x + static_cast<float>((t - t0) / (t1 - t0)) * plot.GetWidth(); };
  auto t_of = [&](float x) { return t0 + (x - plot.Min.x) / plot.GetWidth() * (t1 - t0); };
  dsp::LogFrequencyAxis axis{spec.min_hz, std::min(spec.max_hz, s.sample_rate / 2)};
  auto y_of = [&](double hz) { return plot.Max.y - static_cast<float>(axis.ToUnit(hz)) * plot.GetHeight(); };

  // --- input: click seeks, drag pans, Ctrl + wheel zooms about the pointer.
  bool hovered = false, held = false;
  ImGui::ButtonBehavior(plot, id, &hovered, &held, ImGuiButtonFlags_PressedOnClickRelease);
  ImGuiIO& io = ImGui::GetIO();
  Drag& drag = D();
  if (ImGui::IsItemActivated()) drag = {id, io.MousePos.x, t0, false};
  if (held && drag.id == id) {
    float dx = io.MousePos.x - drag.start_x;
    if (std::fabs(dx) > 4.0f) drag.moved = true;
    bool zoomed = t1 - t0 < spec.clip->Duration() - 1e-6;
    if (drag.moved && zoomed) {
      double shift = -dx / plot.GetWidth() * (t1 - t0);
      input.zoom_start = drag.start_view + shift;
      input.zoom_end = drag.start_view + shift + (t1 - t0);
    }
  }
  if (ImGui::IsItemDeactivated() && drag.id == id) {
    if (!drag.moved && plot.Contains(io.MousePos)) input.seek = std::clamp(t_of(io.MousePos.x), 0.0, spec.clip->Duration());
    drag = {};
  }
  if (hovered && io.KeyCtrl && io.MouseWheel != 0) {
    double at = t_of(io.MousePos.x);
    double factor = io.MouseWheel > 0 ? 1 / 1.25 : 1.25;
    input.zoom_start = at - (at - t0) * factor;
    input.zoom_end = at + (t1 - at) * factor;
  }
  if (hovered) ImGui::SetMouseCursor(t1 - t0 < spec.clip->Duration() - 1e-6 ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_Hand);

  // --- the picture, by the shader
  if (EnsureProgram()) {
    EnsureTexture(*spec.clip);
    static DrawParams params;  // one spectrogram on screen; it lives until the frame is rendered
    params.rect = plot;
    params.seconds[0] = static_cast<float>(t0);
    params.seconds[1] = static_cast<float>(t1);
    params.frame_map[0] = static_cast<float>(s.sample_rate / s.hop);
    params.frame_map[1] = static_cast<float>(-(s.frame_size / 2.0) / s.hop);
    params.frame_map[2] = static_cast<float>(s.frames);
    params.log2_hz[0] = static_cast<float>(std::log2(axis.min_hz));
    params.log2_hz[1] = static_cast<float>(std::log2(axis.max_hz));
    params.bin_map[0] = static_cast<float>(s.HzPerBin());
    params.bin_map[1] = static_cast<float>(s.frame_size / 2);
    dl->AddCallback(DrawCallback, &params);
    dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
  } else {
    dl->AddRectFilled(plot.Min, plot.Max, IM_COL32(20, 20, 30, 255));
  }

  // --- overlays: loop selection, cursor, frame
  dl->PushClipRect(plot.Min, plot.Max, true);
  if (spec.looping) {
    float a = x_of(spec.loop_start), b = x_of(spec.loop_end);
    dl->AddRectFilled(ImVec2(a, plot.Min.y), ImVec2(b, plot.Max.y), IM_COL32(255, 255, 255, 28));
    dl->AddLine(ImVec2(a, plot.Min.y), ImVec2(a, plot.Max.y), IM_COL32(255, 255, 255, 150), 1.0f);
    dl->AddLine(ImVec2(b, plot.Min.y), ImVec2(b, plot.Max.y), IM_COL32(255, 255, 255, 150), 1.0f);
  }
  if (spec.cursor >= t0 && spec.cursor <= t1) {
    float x = x_of(spec.cursor);
    dl->AddLine(ImVec2(x, plot.Min.y), ImVec2(x, plot.Max.y), IM_COL32(255, 255, 255, 235), 2.0f);
  }
  dl->PopClipRect();
  dl->AddRect(plot.Min, plot.Max, c.border, 0.0f);

  // --- axes: Hz on the left (log ticks), seconds underneath
  ImFont* font = GetFonts().small;
  for (double hz : axis.Ticks()) {
    float y = y_of(hz);
    std::string label = dsp::FormatHz(hz);
    ImVec2 size = detail::MeasureText(font, label);
    float ty = std::clamp(y - size.y / 2, plot.Min.y, plot.Max.y - size.y);
    detail::DrawText(font, ImVec2(plot.Min.x - 6 - size.x, ty), c.text_muted, label);
    dl->AddLine(ImVec2(plot.Min.x - 4, y), ImVec2(plot.Min.x, y), c.border_strong);
  }
  double step = TimeStep(t1 - t0, plot.GetWidth(), 64.0f);
  for (double t = std::ceil(t0 / step) * step; t <= t1 + 1e-9; t += step) {
    float x = x_of(t);
    std::string label = SecondsLabel(t, step);
    ImVec2 size = detail::MeasureText(font, label);
    float tx = std::clamp(x - size.x / 2, plot.Min.x, plot.Max.x - size.x);
    dl->AddLine(ImVec2(x, plot.Max.y), ImVec2(x, plot.Max.y + 4), c.border_strong);
    detail::DrawText(font, ImVec2(tx, plot.Max.y + 4), c.text_muted, label);
  }
  return input;
}

void SpectrogramProgress(const char* id_label, double progress, float height) {
  const auto& c = Colors();
  detail::AlignToColumn();
  ImGuiID id = ImGui::GetID(id_label);
  float width = detail::ColumnWidth();
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImRect whole(pos, ImVec2(pos.x + width, pos.y + height + kAxisHeight));
  ImRect plot(ImVec2(pos.x + kAxisWidth, pos.y), ImVec2(pos.x + width, pos.y + height));
  ImGui::ItemSize(whole);  // the same room as the spectrogram: nothing jumps when it arrives
  int pct = static_cast<int>(std::clamp(progress, 0.0, 1.0) * 100.0);
  std::string line = "Analysing the recording\xE2\x80\xA6 " + std::to_string(pct) + "%";
  a11y::Node(id, {.role = a11y::Role::Text, .name = line, .rect = plot, .flags = a11y::kBusy});
  if (!ImGui::ItemAdd(plot, id)) return;
  auto* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(plot.Min, plot.Max, c.surface_muted, 8.0f);
  ImFont* font = GetFonts().body;
  ImVec2 size = detail::MeasureText(font, line);
  float bar_w = std::min(plot.GetWidth() - 48.0f, 320.0f);
  float mid_x = (plot.Min.x + plot.Max.x) * 0.5f, mid_y = (plot.Min.y + plot.Max.y) * 0.5f;
  detail::DrawText(font, ImVec2(mid_x - size.x * 0.5f, mid_y - size.y - 6.0f), c.text_muted, line);
  ImVec2 bar(mid_x - bar_w * 0.5f, mid_y + 6.0f);
  dl->AddRectFilled(bar, ImVec2(bar.x + bar_w, bar.y + 6.0f), c.border, 3.0f);
  if (pct > 0) dl->AddRectFilled(bar, ImVec2(bar.x + std::max(6.0f, bar_w * pct / 100.0f), bar.y + 6.0f), c.primary, 3.0f);
}

}  // namespace salik::ui
