#include "ui/theme.hpp"

namespace salik::ui {
namespace {

// Latin, Latin-1, general punctuation (dashes, quotes, ellipsis, bullet), arrows.
const ImWchar kTextRanges[] = {0x0020, 0x00FF, 0x2010, 0x2027, 0x2190, 0x2193, 0x2212, 0x2212, 0x2248, 0x2248, 0};
const ImWchar kIconRanges[] = {0xF000, 0xF2E0, 0};

ImFont* AddFont(const char* path, float px, float ratio, bool with_icons) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = false;
  ImFont* font = io.Fonts->AddFontFromFileTTF(path, px * ratio, &cfg, kTextRanges);
  if (font && with_icons) {
    ImFontConfig icons;
    icons.MergeMode = true;
    icons.PixelSnapH = true;
    icons.GlyphMinAdvanceX = px * ratio * 1.15f;  // icons line up in lists
    icons.GlyphOffset = ImVec2(0, 0.5f * ratio);
    io.Fonts->AddFontFromFileTTF("/fonts/fontawesome-webfont.ttf", px * 0.92f * ratio, &icons, kIconRanges);
  }
  return font;
}

}  // namespace

const Palette& Colors() {
  static const Palette p;
  return p;
}

Fonts& GetFonts() {
  static Fonts f;
  return f;
}

const Metrics& Sizes() {
  static const Metrics m;
  return m;
}

void LoadFonts(float ratio) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const char* regular = "/fonts/Inter-Regular.otf";
  const char* semibold = "/fonts/Inter-SemiBold.otf";
  Fonts& f = GetFonts();
  f.body = AddFont(regular, 16.0f, ratio, true);
  f.body_bold = AddFont(semibold, 16.0f, ratio, true);
  f.small = AddFont(regular, 13.5f, ratio, true);
  f.small_bold = AddFont(semibold, 13.5f, ratio, true);
  f.h3 = AddFont(semibold, 18.0f, ratio, true);
  f.h2 = AddFont(semibold, 22.0f, ratio, true);
  f.h1 = AddFont(semibold, 30.0f, ratio, false);
  io.Fonts->Build();
  io.FontDefault = f.body;
  io.FontGlobalScale = 1.0f / ratio;
}

void ApplyStyle() {
  ImGuiStyle& s = ImGui::GetStyle();
  s = ImGuiStyle();
  s.WindowPadding = ImVec2(0, 0);
  s.WindowRounding = 0;
  s.WindowBorderSize = 0;
  s.ChildRounding = Sizes().radius;
  s.ChildBorderSize = 0;
  s.PopupRounding = Sizes().control_radius;
  s.PopupBorderSize = 1;
  s.FramePadding = ImVec2(14, 12);
  s.FrameRounding = Sizes().control_radius;
  s.FrameBorderSize = 1;
  s.ItemSpacing = ImVec2(12, 12);
  s.ItemInnerSpacing = ImVec2(8, 6);
  s.ScrollbarSize = 10;
  s.ScrollbarRounding = 8;
  s.GrabRounding = 8;
  s.SelectableTextAlign = ImVec2(0, 0.5f);
  s.AntiAliasedLines = true;
  s.AntiAliasedFill = true;

  const Palette& c = Colors();
  auto v = [](ImU32 col) { return ImGui::ColorConvertU32ToFloat4(col); };
  ImVec4* k = s.Colors;
  k[ImGuiCol_Text] = v(c.text);
  k[ImGuiCol_TextDisabled] = v(c.text_faint);
  k[ImGuiCol_WindowBg] = v(c.background);
  k[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  k[ImGuiCol_PopupBg] = v(c.surface);
  k[ImGuiCol_Border] = v(c.border);
  k[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
  k[ImGuiCol_FrameBg] = v(c.surface);
  k[ImGuiCol_FrameBgHovered] = v(c.surface_muted);
  k[ImGuiCol_FrameBgActive] = v(c.surface_muted);
  k[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  k[ImGuiCol_ScrollbarGrab] = v(c.border_strong);
  k[ImGuiCol_ScrollbarGrabHovered] = v(c.text_faint);
  k[ImGuiCol_ScrollbarGrabActive] = v(c.text_muted);
  k[ImGuiCol_CheckMark] = v(c.primary);
  k[ImGuiCol_Button] = v(c.primary);
  k[ImGuiCol_ButtonHovered] = v(c.primary_hover);
  k[ImGuiCol_ButtonActive] = v(c.primary_pressed);
  k[ImGuiCol_Header] = v(c.primary_soft);
  k[ImGuiCol_HeaderHovered] = v(c.primary_soft);
  k[ImGuiCol_HeaderActive] = v(c.primary_soft);
  k[ImGuiCol_Separator] = v(c.border);
  k[ImGuiCol_NavHighlight] = v(c.focus_ring);
  k[ImGuiCol_ModalWindowDimBg] = ImVec4(0.07f, 0.1f, 0.14f, 0.45f);
}

}  // namespace salik::ui
