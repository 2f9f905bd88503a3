// Overlays: modal dialogs (an ImGui modal popup with the theme's look and a dialog node in the
// mirror) and the drop target shown while files are dragged over the page.
#include "a11y/mirror.hpp"
#include "platform/display.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "ui/widgets_internal.hpp"

namespace salik::ui {

bool BeginDialog(const char* id, std::string_view title, bool& open) {
  if (open && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
  const auto& d = platform::Display();
  float width = ImMin(480.0f, d.css_width - 32.0f);
  ImGui::SetNextWindowPos(ImVec2(d.css_width * 0.5f, d.css_height * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24, 24));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, Sizes().radius + 4);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  ImGui::PushStyleColor(ImGuiCol_PopupBg, Colors().surface);
  bool shown = ImGui::BeginPopupModal(id, nullptr,
                                      ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove |
                                          ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(3);
  if (!shown) {
    open = false;
    return false;
  }
  if (!open || platform::TakeEscape()) {
    open = false;
    ImGui::CloseCurrentPopup();
  }
  a11y::BeginContainer(ImGui::GetID("##dialog"), a11y::Role::Dialog, title);
  detail::PushColumn(ImGui::GetCursorPosX(), width - 48.0f);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 48.0f);
  // A close mark in the corner: on a phone a tall dialog's own buttons can be a scroll away.
  ImVec2 below_title_start = ImGui::GetCursorPos();
  ButtonOptions close{.kind = ButtonKind::Ghost, .icon = icon::kTimes, .small = true, .icon_only = true,
                      .accessible_name = "Close"};
  ImGui::SetCursorPos(ImVec2(width - 16.0f - ButtonWidth("##close-dialog", close), below_title_start.y - 6.0f));
  if (Button("##close-dialog", close)) {
    open = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::SetCursorPos(below_title_start);
  Heading(title, 2);
  return true;
}

void EndDialog() {
  ImGui::PopTextWrapPos();
  detail::PopColumn();
  a11y::EndContainer(ImGui::GetCurrentWindow()->Rect());
  ImGui::EndPopup();
}

void DropOverlay(const char* message) {
  const auto& c = Colors();
  const auto& d = platform::Display();
  // The foreground list: over every window, text included (the window's own list would put the
  // text under the card).
  auto* dl = ImGui::GetForegroundDrawList();
  ImRect all(ImVec2(8, 8), ImVec2(d.css_width - 8, d.css_height - 8));
  dl->AddRectFilled(all.Min, all.Max, IM_COL32(14, 107, 92, 40), 16.0f);
  dl->AddRect(all.Min, all.Max, c.primary, 16.0f, 0, 3.0f);
  // A heading where it fits on one line; on a phone the body font, wrapped if it must be.
  float room = all.GetWidth() - 64.0f;
  ImFont* font = GetFonts().h3;
  if (detail::MeasureText(font, message).x > room) font = GetFonts().body_bold;
  ImVec2 ts = detail::MeasureText(font, message, room);
  ImVec2 p(ImFloor(all.GetCenter().x - ts.x * 0.5f), ImFloor(all.GetCenter().y - ts.y * 0.5f));
  dl->AddRectFilled(ImVec2(p.x - 20, p.y - 14), ImVec2(p.x + ts.x + 20, p.y + ts.y + 14), c.surface, 12.0f);
  float size = font->FontSize * ImGui::GetIO().FontGlobalScale;
  dl->AddText(font, size, p, c.primary, message, nullptr, room);
}

}  // namespace salik::ui
