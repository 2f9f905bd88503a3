// What the widget files share and screens never need: the column stack and drawing helpers.
#pragma once

#include <string_view>

#include "imgui.h"
#include "imgui_internal.h"

namespace salik::ui::detail {

// The current column: its left edge (window-local x) and width. Cards and pages push columns.
struct Column {
  float x = 0;
  float width = 0;
};
void PushColumn(float x, float width);
void PopColumn();
const Column& CurrentColumn();
// Places the cursor at the column's left edge if it is at the start of a line.
void AlignToColumn();
float ColumnWidth();
// Resolves a requested width: 0 = natural, -1 = whole column, else that many pixels.
float ResolveWidth(float requested, float natural);

void DrawFocusRing(const ImRect& rect, float rounding);
void DrawSpinner(ImVec2 centre, float radius, ImU32 color);
// Text drawn with a given font at its nominal size.
void DrawText(ImFont* font, ImVec2 pos, ImU32 color, std::string_view text);
ImVec2 MeasureText(ImFont* font, std::string_view text, float wrap_width = -1.0f);

}  // namespace salik::ui::detail
