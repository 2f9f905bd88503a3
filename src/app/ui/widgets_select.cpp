// A drop-down: a field-like box (role combobox) that opens a list of options (role listbox).
#include <string>

#include "a11y/mirror.hpp"
#include "platform/display.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "ui/widgets_internal.hpp"

namespace salik::ui {

bool Select(const char* label, int& selected, const std::vector<std::string_view>& options, float width_request) {
  detail::AlignToColumn();
  ImGui::PushID(label);
  ImGuiID id = ImGui::GetID("##select");
  std::string_view text = VisibleLabel(label);
  const auto& c = Colors();
  ImFont* label_font = GetFonts().small_bold;
  ImFont* font = GetFonts().body;
  float width = detail::ResolveWidth(width_request, detail::ColumnWidth());

  ImVec2 pos = ImGui::GetCursorScreenPos();
  detail::DrawText(label_font, pos, c.text, text);
  float label_h = detail::MeasureText(label_font, text).y + 7.0f;
  ImRect box(ImVec2(pos.x, pos.y + label_h), ImVec2(pos.x + width, pos.y + label_h + Sizes().control_height));
  ImGui::ItemSize(ImRect(pos, box.Max));
  bool changed = false;
  bool visible = ImGui::ItemAdd(box, id);
  bool hovered = false, held = false;
  bool pressed = visible && ImGui::ButtonBehavior(box, id, &hovered, &held);
  if (a11y::TakeActivation(id)) pressed = true;
  const char* popup_id = "##options";
  bool open = ImGui::IsPopupOpen(popup_id);
  if (pressed) {
    if (open) ImGui::CloseCurrentPopup();
    else ImGui::OpenPopup(popup_id);
    open = !open;
  }
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

  auto* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(box.Min, box.Max, hovered ? c.surface_muted : c.surface, Sizes().control_radius);
  dl->AddRect(box.Min, box.Max, open ? c.primary : c.border, Sizes().control_radius, 0, open ? 2.0f : 1.0f);
  std::string_view current = selected >= 0 && selected < static_cast<int>(options.size()) ? options[selected] : "Choose…";
  ImVec2 ts = detail::MeasureText(font, current);
  detail::DrawText(font, ImVec2(box.Min.x + 14.0f, ImFloor(box.GetCenter().y - ts.y * 0.5f)),
                   selected >= 0 ? c.text : c.text_faint, current);
  detail::DrawText(GetFonts().small, ImVec2(box.Max.x - 30.0f, box.GetCenter().y - 8.0f), c.text_muted,
                   icon::kChevronDown);
  if (a11y::IsFocusVisible(id)) detail::DrawFocusRing(box, Sizes().control_radius);
  a11y::Node(id, {.role = a11y::Role::Combobox, .name = text, .rect = box, .flags = open ? a11y::kExpanded : 0u,
                  .value = current});

  // The list opens below the box, or above it when there is no room below.
  float row_h = 42.0f;
  float list_h = row_h * options.size() + 12.0f;
  float below = platform::Display().css_height - box.Max.y - 8.0f;
  bool open_below = below >= ImMin(list_h, 180.0f) || below >= box.Min.y;
  float list_shown_h = ImMin(list_h, open_below ? below : box.Min.y - 8.0f);
  ImVec2 list_pos(box.Min.x, open_below ? box.Max.y + 6.0f : box.Min.y - 6.0f - list_shown_h);
  ImGui::SetNextWindowPos(list_pos);
  ImGui::SetNextWindowSize(ImVec2(width, list_shown_h));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(6, 6));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  if (ImGui::BeginPopup(popup_id, ImGuiWindowFlags_NoMove)) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    a11y::BeginContainer(ImGui::GetID("##listbox"), a11y::Role::Listbox, text);
    for (size_t i = 0; i < options.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      ImGuiID oid = ImGui::GetID("##option");
      ImVec2 p = ImGui::GetCursorScreenPos();
      ImRect rb(p, ImVec2(p.x + ImGui::GetContentRegionAvail().x, p.y + row_h));
      ImGui::ItemSize(rb);
      ImGui::ItemAdd(rb, oid);
      bool oh = false, oheld = false;
      bool chosen = ImGui::ButtonBehavior(rb, oid, &oh, &oheld);
      if (a11y::TakeActivation(oid)) chosen = true;
      bool on = static_cast<int>(i) == selected;
      if (oh || on) w->DrawList->AddRectFilled(rb.Min, rb.Max, on ? c.primary_soft : c.surface_muted, 8.0f);
      ImVec2 ots = detail::MeasureText(font, options[i]);
      detail::DrawText(on ? GetFonts().body_bold : font, ImVec2(rb.Min.x + 12.0f, ImFloor(rb.GetCenter().y - ots.y * 0.5f)),
                       on ? c.primary : c.text, options[i]);
      if (on) detail::DrawText(GetFonts().small, ImVec2(rb.Max.x - 28.0f, rb.GetCenter().y - 8.0f), c.primary, icon::kCheck);
      a11y::Node(oid, {.role = a11y::Role::Option, .name = options[i], .rect = rb, .flags = on ? a11y::kSelected : 0u});
      if (chosen) {
        changed = selected != static_cast<int>(i);
        selected = static_cast<int>(i);
        ImGui::CloseCurrentPopup();
      }
      ImGui::PopID();
    }
    if (platform::TakeEscape()) ImGui::CloseCurrentPopup();
    a11y::EndContainer(w->Rect());
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar(2);
  ImGui::PopID();
  return changed;
}

}  // namespace salik::ui
