// Headings, paragraphs, banners and badges.
#include "a11y/mirror.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "ui/widgets_internal.hpp"

namespace salik::ui {
namespace detail {

void DrawText(ImFont* font, ImVec2 pos, ImU32 color, std::string_view text) {
  float size = font->FontSize * ImGui::GetIO().FontGlobalScale;
  ImGui::GetWindowDrawList()->AddText(font, size, pos, color, text.data(), text.data() + text.size());
}

ImVec2 MeasureText(ImFont* font, std::string_view text, float wrap_width) {
  float size = font->FontSize * ImGui::GetIO().FontGlobalScale;
  return font->CalcTextSizeA(size, FLT_MAX, wrap_width, text.data(), text.data() + text.size());
}

void DrawSpinner(ImVec2 centre, float radius, ImU32 color) {
  float t = static_cast<float>(ImGui::GetTime()) * 6.0f;
  auto* dl = ImGui::GetWindowDrawList();
  dl->PathArcTo(centre, radius, t, t + 4.2f, 24);
  dl->PathStroke(color, 0, 2.0f);
}

void DrawFocusRing(const ImRect& rect, float rounding) {
  ImRect r = rect;
  r.Expand(3.0f);
  ImGui::GetWindowDrawList()->AddRect(r.Min, r.Max, Colors().focus_ring, rounding + 3.0f, 0, 3.0f);
}

}  // namespace detail

namespace {

ImFont* FontFor(TextStyle style) {
  Fonts& f = GetFonts();
  switch (style) {
    case TextStyle::Body: return f.body;
    case TextStyle::BodyBold: return f.body_bold;
    case TextStyle::Small: return f.small;
    case TextStyle::SmallBold: return f.small_bold;
  }
  return f.body;
}

// A stable mirror id for a piece of static text within the current ID scope.
ImGuiID TextId(std::string_view text) {
  return ImHashStr(text.data(), text.size(), ImGui::GetID("##text"));
}

void WrappedText(ImFont* font, std::string_view text, ImU32 color, a11y::Role role, int level, bool centred) {
  detail::AlignToColumn();
  float width = detail::ColumnWidth();
  ImVec2 size = detail::MeasureText(font, text, width);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  if (centred) pos.x += ImMax(0.0f, (width - size.x) * 0.5f);
  ImRect bb(pos, ImVec2(pos.x + size.x, pos.y + size.y));
  ImGui::ItemSize(ImVec2(centred ? width : size.x, size.y));
  a11y::Node(TextId(text), {.role = role, .name = text, .rect = bb, .level = level});
  if (!ImGui::ItemAdd(bb, 0)) return;
  float px = font->FontSize * ImGui::GetIO().FontGlobalScale;
  ImGui::GetWindowDrawList()->AddText(font, px, pos, color ? color : Colors().text, text.data(),
                                      text.data() + text.size(), width);
}

}  // namespace

void Heading(std::string_view text, int level, ImU32 color) {
  Fonts& f = GetFonts();
  ImFont* font = level <= 1 ? f.h1 : level == 2 ? f.h2 : f.h3;
  if (level <= 1 && IsPhoneWidth()) font = f.h2;
  WrappedText(font, text, color, a11y::Role::Heading, level, false);
}

void Text(std::string_view text, TextStyle style, ImU32 color) {
  WrappedText(FontFor(style), text, color ? color : Colors().text, a11y::Role::Text, 0, false);
}

void TextCentered(std::string_view text, TextStyle style, ImU32 color) {
  WrappedText(FontFor(style), text, color ? color : Colors().text, a11y::Role::Text, 0, true);
}

void TextLine(std::string_view text, TextStyle style, ImU32 color, float width) {
  detail::AlignToColumn();
  ImFont* font = FontFor(style);
  float avail = width > 0 ? width : detail::ResolveWidth(-1, 0);
  std::string shown(text);
  if (detail::MeasureText(font, shown).x > avail) {
    // Cut on a UTF-8 boundary until the text and the ellipsis fit.
    const char* ellipsis = "\xE2\x80\xA6";
    while (!shown.empty() && detail::MeasureText(font, shown + ellipsis).x > avail) {
      shown.pop_back();
      while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) shown.pop_back();
      if (!shown.empty() && static_cast<unsigned char>(shown.back()) >= 0xC0) shown.pop_back();
    }
    while (!shown.empty() && shown.back() == ' ') shown.pop_back();
    shown += ellipsis;
  }
  ImVec2 size = detail::MeasureText(font, shown);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImRect bb(pos, ImVec2(pos.x + size.x, pos.y + size.y));
  ImGui::ItemSize(size);
  a11y::Node(TextId(text), {.role = a11y::Role::Text, .name = text, .rect = bb});
  if (!ImGui::ItemAdd(bb, 0)) return;
  detail::DrawText(font, pos, color ? color : Colors().text, shown);
}

void Banner(std::string_view message, bool is_error) {
  if (message.empty()) return;
  detail::AlignToColumn();
  const auto& c = Colors();
  ImFont* font = GetFonts().body;
  float width = detail::ColumnWidth();
  const float pad = 14.0f, icon_w = 26.0f;
  ImVec2 text_size = detail::MeasureText(font, message, width - 2 * pad - icon_w);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImRect bb(pos, ImVec2(pos.x + width, pos.y + text_size.y + 2 * pad));
  ImGui::ItemSize(bb);
  a11y::Node(TextId(message), {.role = a11y::Role::Alert, .name = message, .rect = bb});
  if (!ImGui::ItemAdd(bb, 0)) return;
  auto* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(bb.Min, bb.Max, is_error ? c.danger_soft : c.success_soft, Sizes().control_radius);
  ImU32 fg = is_error ? c.danger : c.success;
  detail::DrawText(font, ImVec2(pos.x + pad, pos.y + pad), fg, is_error ? icon::kWarning : icon::kCheckCircle);
  float px = font->FontSize * ImGui::GetIO().FontGlobalScale;
  dl->AddText(font, px, ImVec2(pos.x + pad + icon_w, pos.y + pad), fg, message.data(),
              message.data() + message.size(), width - 2 * pad - icon_w);
}

void Badge(std::string_view text, ImU32 fg, ImU32 bg, const char* icon) {
  detail::AlignToColumn();
  ImFont* font = GetFonts().small_bold;
  std::string label = icon ? std::string(icon) + "  " + std::string(text) : std::string(text);
  ImVec2 size = detail::MeasureText(font, label);
  const float pad_x = 10.0f, pad_y = 5.0f;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImRect bb(pos, ImVec2(pos.x + size.x + 2 * pad_x, pos.y + size.y + 2 * pad_y));
  ImGui::ItemSize(bb);
  a11y::Node(TextId(text), {.role = a11y::Role::Text, .name = text, .rect = bb});
  if (!ImGui::ItemAdd(bb, 0)) return;
  ImGui::GetWindowDrawList()->AddRectFilled(bb.Min, bb.Max, bg, 999.0f);
  detail::DrawText(font, ImVec2(pos.x + pad_x, pos.y + pad_y), fg, label);
}

void IconTile(const char* icon_glyph, ImU32 fg, ImU32 bg) {
  detail::AlignToColumn();
  const float size = 44.0f;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImRect bb(pos, ImVec2(pos.x + size, pos.y + size));
  ImGui::ItemSize(bb);
  if (!ImGui::ItemAdd(bb, 0)) return;
  ImGui::GetWindowDrawList()->AddRectFilled(bb.Min, bb.Max, bg, 12.0f);
  ImFont* font = GetFonts().h3;
  ImVec2 ts = detail::MeasureText(font, icon_glyph);
  detail::DrawText(font, ImVec2(ImFloor(bb.GetCenter().x - ts.x * 0.5f), ImFloor(bb.GetCenter().y - ts.y * 0.5f)), fg,
                   icon_glyph);
}

void SameLineIfFits(float next_width) {
  const auto& col = detail::CurrentColumn();
  float right = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + ImGui::GetScrollX();
  float limit = (col.width > 0 ? col.x + col.width : ImGui::GetWindowWidth());
  if (right + ImGui::GetStyle().ItemSpacing.x + next_width <= limit) ImGui::SameLine();
}

}  // namespace salik::ui
