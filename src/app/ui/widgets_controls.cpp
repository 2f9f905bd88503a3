// Buttons, links, checkboxes and segmented choices.
#include <string>

#include "a11y/mirror.hpp"
#include "platform/frame_scheduler.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "ui/widgets_internal.hpp"

namespace salik::ui {

std::string_view VisibleLabel(const char* label) {
  std::string_view s(label);
  auto cut = s.find("##");
  return cut == std::string_view::npos ? s : s.substr(0, cut);
}

namespace {

struct Look {
  ImU32 bg, bg_hover, bg_pressed, fg, border;
};

Look LookFor(ButtonKind kind) {
  const auto& c = Colors();
  switch (kind) {
    case ButtonKind::Primary: return {c.primary, c.primary_hover, c.primary_pressed, c.on_primary, 0};
    case ButtonKind::Secondary: return {c.surface, c.surface_muted, c.border, c.text, c.border_strong};
    case ButtonKind::Ghost: return {0, c.primary_soft, c.primary_soft, c.primary, 0};
    case ButtonKind::Danger: return {c.danger, IM_COL32(170, 38, 34, 255), IM_COL32(140, 30, 28, 255), c.on_primary, 0};
  }
  return {};
}

ImU32 Faded(ImU32 col) { return (col & 0x00FFFFFF) | (static_cast<ImU32>(((col >> 24) & 0xFF) * 0.45f) << 24); }

}  // namespace

namespace {
std::string ButtonContent(std::string_view text, const ButtonOptions& o) {
  if (o.icon_only && o.icon) return o.icon;
  return o.icon ? std::string(o.icon) + (text.empty() ? "" : "   ") + std::string(text) : std::string(text);
}
}  // namespace

float ButtonWidth(const char* label, const ButtonOptions& o) {
  ImFont* font = o.small ? GetFonts().small_bold : GetFonts().body_bold;
  float pad = o.icon_only ? (o.small ? 11.0f : 15.0f) : o.small ? 14.0f : 22.0f;
  return detail::MeasureText(font, ButtonContent(VisibleLabel(label), o)).x + 2 * pad + (o.busy ? 26.0f : 0.0f);
}

bool Button(const char* label, const ButtonOptions& o) {
  detail::AlignToColumn();
  ImGuiID id = ImGui::GetID(label);
  std::string_view text = VisibleLabel(label);
  ImFont* font = o.small ? GetFonts().small_bold : GetFonts().body_bold;
  std::string content = ButtonContent(text, o);
  ImVec2 text_size = detail::MeasureText(font, content);
  float height = o.small ? 36.0f : Sizes().control_height;
  float width = detail::ResolveWidth(o.width, ButtonWidth(label, o));
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImRect bb(pos, ImVec2(pos.x + width, pos.y + height));
  ImGui::ItemSize(bb);
  bool inert = o.disabled || o.busy;
  uint32_t flags = (o.disabled ? a11y::kDisabled : 0) | (o.busy ? a11y::kBusy : 0);
  // Declared even when scrolled out of view: keyboards, screen readers and tests reach it.
  std::string_view name = !o.accessible_name.empty() ? o.accessible_name : text.empty() ? std::string_view("Button") : text;
  a11y::Node(id, {.role = a11y::Role::Button, .name = name, .rect = bb, .flags = flags});
  if (!ImGui::ItemAdd(bb, id)) return a11y::TakeActivation(id) && !inert;

  bool hovered = false, held = false;
  bool pressed = ImGui::ButtonBehavior(bb, id, &hovered, &held) && !inert;
  if (a11y::TakeActivation(id) && !inert) pressed = true;
  if (hovered && !inert) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

  Look look = LookFor(o.kind);
  ImU32 bg = held ? look.bg_pressed : hovered ? look.bg_hover : look.bg;
  ImU32 fg = look.fg;
  if (o.disabled) {
    bg = Faded(bg);
    fg = Faded(fg);
  }
  auto* dl = ImGui::GetWindowDrawList();
  float r = Sizes().control_radius;
  if (bg) dl->AddRectFilled(bb.Min, bb.Max, bg, r);
  if (look.border) dl->AddRect(bb.Min, bb.Max, o.disabled ? Faded(look.border) : look.border, r);
  float content_w = text_size.x + (o.busy ? 26.0f : 0.0f);
  ImVec2 tp(ImFloor(bb.Min.x + (width - content_w) * 0.5f), ImFloor(bb.Min.y + (height - text_size.y) * 0.5f));
  if (o.busy) {
    detail::DrawSpinner(ImVec2(tp.x + 8, bb.GetCenter().y), 7.0f, fg);
    tp.x += 26.0f;
    platform::RequestFrameAfter(40);  // keep the spinner turning while busy
  }
  detail::DrawText(font, tp, fg, content);
  if (o.badge > 0) {
    // A count over the top-right corner, on a white ring so it reads on any button colour.
    std::string count = o.badge > 99 ? "99+" : std::to_string(o.badge);
    ImFont* small = GetFonts().small_bold;
    ImVec2 cs = detail::MeasureText(small, count);
    float h = 18.0f, w = ImMax(h, cs.x + 10.0f);
    ImVec2 c0(bb.Max.x - w * 0.6f, bb.Min.y - 5.0f);
    dl->AddRectFilled(ImVec2(c0.x - 2, c0.y - 2), ImVec2(c0.x + w + 2, c0.y + h + 2), Colors().surface, 999.0f);
    dl->AddRectFilled(c0, ImVec2(c0.x + w, c0.y + h), Colors().danger, 999.0f);
    detail::DrawText(small, ImVec2(ImFloor(c0.x + (w - cs.x) * 0.5f), ImFloor(c0.y + (h - cs.y) * 0.5f)),
                     Colors().on_primary, count);
  }
  if (a11y::IsFocusVisible(id)) detail::DrawFocusRing(bb, r);
  return pressed;
}

bool Link(const char* label) {
  detail::AlignToColumn();
  ImGuiID id = ImGui::GetID(label);
  std::string_view text = VisibleLabel(label);
  ImFont* font = GetFonts().body_bold;
  ImVec2 size = detail::MeasureText(font, text);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  // A taller hit box than the text, for fingers.
  ImRect bb(ImVec2(pos.x, pos.y), ImVec2(pos.x + size.x, pos.y + ImMax(size.y, 28.0f)));
  ImGui::ItemSize(bb);
  a11y::Node(id, {.role = a11y::Role::Link, .name = text, .rect = bb});
  if (!ImGui::ItemAdd(bb, id)) return a11y::TakeActivation(id);
  bool hovered = false, held = false;
  bool pressed = ImGui::ButtonBehavior(bb, id, &hovered, &held);
  if (a11y::TakeActivation(id)) pressed = true;
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImU32 col = hovered ? Colors().primary_hover : Colors().primary;
  ImVec2 tp(pos.x, pos.y + (bb.GetHeight() - size.y) * 0.5f);
  detail::DrawText(font, tp, col, text);
  if (hovered) ImGui::GetWindowDrawList()->AddLine(ImVec2(tp.x, tp.y + size.y), ImVec2(tp.x + size.x, tp.y + size.y), col);
  if (a11y::IsFocusVisible(id)) detail::DrawFocusRing(bb, 4.0f);
  return pressed;
}

bool Checkbox(const char* label, bool& value) {
  detail::AlignToColumn();
  ImGuiID id = ImGui::GetID(label);
  std::string_view text = VisibleLabel(label);
  ImFont* font = GetFonts().body;
  const float box = 22.0f, gap = 12.0f;
  float text_w = detail::ColumnWidth() - box - gap;
  ImVec2 text_size = detail::MeasureText(font, text, text_w);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float height = ImMax(box, text_size.y) + 8.0f;
  ImRect bb(pos, ImVec2(pos.x + box + gap + text_size.x, pos.y + height));
  ImGui::ItemSize(bb);
  bool visible = ImGui::ItemAdd(bb, id);
  bool hovered = false, held = false;
  bool pressed = visible && ImGui::ButtonBehavior(bb, id, &hovered, &held);
  if (a11y::TakeActivation(id)) pressed = true;
  if (pressed) value = !value;
  a11y::Node(id, {.role = a11y::Role::Checkbox, .name = text, .rect = bb, .flags = value ? a11y::kChecked : 0u});
  if (!visible) return pressed;
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  const auto& c = Colors();
  auto* dl = ImGui::GetWindowDrawList();
  ImRect b(ImVec2(pos.x, pos.y + (height - box) * 0.5f), ImVec2(pos.x + box, pos.y + (height + box) * 0.5f));
  if (value) {
    dl->AddRectFilled(b.Min, b.Max, c.primary, 6.0f);
    detail::DrawText(GetFonts().small, ImVec2(b.Min.x + 4.5f, b.Min.y + 3.5f), c.on_primary, icon::kCheck);
  } else {
    dl->AddRectFilled(b.Min, b.Max, c.surface, 6.0f);
    dl->AddRect(b.Min, b.Max, hovered ? c.primary : c.border_strong, 6.0f, 0, 1.5f);
  }
  float px = font->FontSize * ImGui::GetIO().FontGlobalScale;
  dl->AddText(font, px, ImVec2(pos.x + box + gap, pos.y + (height - text_size.y) * 0.5f), c.text, text.data(),
              text.data() + text.size(), text_w);
  if (a11y::IsFocusVisible(id)) detail::DrawFocusRing(b, 6.0f);
  return pressed;
}

bool Segmented(const char* label, int& selected, const std::vector<std::string_view>& options) {
  detail::AlignToColumn();
  ImGui::PushID(label);
  std::string_view text = VisibleLabel(label);
  const auto& c = Colors();
  ImFont* label_font = GetFonts().small_bold;
  if (!text.empty()) {
    detail::DrawText(label_font, ImGui::GetCursorScreenPos(), c.text_muted, text);
    ImGui::Dummy(ImVec2(1, detail::MeasureText(label_font, text).y));
  }
  detail::AlignToColumn();
  float width = detail::ColumnWidth();
  float height = 44.0f;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImRect whole(pos, ImVec2(pos.x + width, pos.y + height));
  a11y::BeginContainer(ImGui::GetID("##group"), a11y::Role::RadioGroup, text);
  auto* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(whole.Min, whole.Max, c.surface_muted, Sizes().control_radius);
  dl->AddRect(whole.Min, whole.Max, c.border, Sizes().control_radius);
  bool changed = false;
  float seg_w = width / static_cast<float>(options.size());
  for (size_t i = 0; i < options.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    ImGuiID id = ImGui::GetID("##seg");
    ImRect bb(ImVec2(pos.x + seg_w * i, pos.y), ImVec2(pos.x + seg_w * (i + 1), pos.y + height));
    ImGui::ItemAdd(bb, id);
    bool hovered = false, held = false;
    bool pressed = ImGui::ButtonBehavior(bb, id, &hovered, &held);
    if (a11y::TakeActivation(id)) pressed = true;
    if (pressed && selected != static_cast<int>(i)) {
      selected = static_cast<int>(i);
      changed = true;
    }
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    bool on = selected == static_cast<int>(i);
    ImRect inner = bb;
    inner.Expand(-4.0f);
    if (on) {
      dl->AddRectFilled(inner.Min, inner.Max, c.surface, Sizes().control_radius - 3);
      dl->AddRect(inner.Min, inner.Max, c.primary, Sizes().control_radius - 3, 0, 1.5f);
    } else if (hovered) {
      dl->AddRectFilled(inner.Min, inner.Max, IM_COL32(0, 0, 0, 8), Sizes().control_radius - 3);
    }
    ImFont* f = on ? GetFonts().body_bold : GetFonts().body;
    ImVec2 ts = detail::MeasureText(f, options[i]);
    detail::DrawText(f, ImVec2(ImFloor(bb.GetCenter().x - ts.x * 0.5f), ImFloor(bb.GetCenter().y - ts.y * 0.5f)),
                     on ? c.primary : c.text_muted, options[i]);
    if (a11y::IsFocusVisible(id)) detail::DrawFocusRing(inner, Sizes().control_radius - 3);
    a11y::Node(id, {.role = a11y::Role::Radio, .name = options[i], .rect = bb, .flags = on ? a11y::kChecked : 0u});
    ImGui::PopID();
  }
  ImGui::ItemSize(whole);
  a11y::EndContainer(whole);
  ImGui::PopID();
  return changed;
}

}  // namespace salik::ui
