// SalikChat's look: calm colours, Inter, rounded cards, generous spacing. Every screen takes its
// colours, fonts and sizes from here, never from literals.
#pragma once

#include "imgui.h"

namespace salik::ui {

struct Palette {
  ImU32 background = IM_COL32(244, 246, 248, 255);
  ImU32 surface = IM_COL32(255, 255, 255, 255);
  ImU32 surface_muted = IM_COL32(248, 250, 251, 255);
  ImU32 border = IM_COL32(226, 230, 234, 255);
  ImU32 border_strong = IM_COL32(196, 203, 210, 255);
  ImU32 text = IM_COL32(23, 32, 42, 255);
  ImU32 text_muted = IM_COL32(94, 106, 120, 255);
  ImU32 text_faint = IM_COL32(140, 150, 162, 255);
  ImU32 primary = IM_COL32(14, 107, 92, 255);  // deep teal
  ImU32 primary_hover = IM_COL32(11, 90, 77, 255);
  ImU32 primary_pressed = IM_COL32(8, 72, 62, 255);
  ImU32 primary_soft = IM_COL32(226, 242, 238, 255);
  ImU32 on_primary = IM_COL32(255, 255, 255, 255);
  ImU32 accent = IM_COL32(232, 146, 26, 255);  // amber, ratings
  ImU32 danger = IM_COL32(196, 48, 43, 255);
  ImU32 danger_soft = IM_COL32(252, 234, 232, 255);
  ImU32 warning = IM_COL32(176, 112, 0, 255);
  ImU32 warning_soft = IM_COL32(255, 244, 220, 255);
  ImU32 success = IM_COL32(22, 128, 61, 255);
  ImU32 success_soft = IM_COL32(224, 245, 232, 255);
  ImU32 info_soft = IM_COL32(230, 240, 252, 255);
  ImU32 info = IM_COL32(30, 90, 170, 255);
  ImU32 focus_ring = IM_COL32(14, 107, 92, 110);
};

struct Fonts {
  ImFont* body = nullptr;       // 16 px regular, with icons
  ImFont* body_bold = nullptr;  // 16 px semibold, with icons
  ImFont* small = nullptr;      // 13.5 px regular, with icons
  ImFont* small_bold = nullptr; // 13.5 px semibold
  ImFont* h3 = nullptr;         // 18 px semibold
  ImFont* h2 = nullptr;         // 22 px semibold, with icons
  ImFont* h1 = nullptr;         // 30 px semibold
};

struct Metrics {
  float radius = 12.0f;         // cards
  float control_radius = 10.0f; // buttons, fields
  float control_height = 46.0f; // touch-friendly
  float gap = 16.0f;
  float page_padding = 24.0f;
  float content_max_width = 960.0f;
  float narrow_max_width = 520.0f;  // forms
  float phone_breakpoint = 640.0f;
};

const Palette& Colors();
Fonts& GetFonts();
const Metrics& Sizes();

// Builds the fonts for a device pixel ratio (rasterised at full resolution, drawn scaled back),
// and applies the style. Call again when the ratio changes.
void LoadFonts(float pixel_ratio);
void ApplyStyle();

}  // namespace salik::ui
