// Page, column, card and list containers.
#include <vector>

#include "a11y/mirror.hpp"
#include "platform/display.hpp"
#include "platform/frame_scheduler.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "ui/widgets_internal.hpp"

namespace salik::ui {
namespace detail {
namespace {
std::vector<Column>& Columns() {
  static std::vector<Column> stack;
  return stack;
}
}  // namespace

void PushColumn(float x, float width) { Columns().push_back({x, width}); }
void PopColumn() {
  if (!Columns().empty()) Columns().pop_back();
}
const Column& CurrentColumn() {
  static const Column whole{0, 0};
  return Columns().empty() ? whole : Columns().back();
}
void AlignToColumn() {
  const Column& c = CurrentColumn();
  if (ImGui::GetCursorPosX() < c.x) ImGui::SetCursorPosX(c.x);
}
float ColumnWidth() {
  const Column& c = CurrentColumn();
  return c.width > 0 ? c.width : ImGui::GetContentRegionAvail().x;
}
float ResolveWidth(float requested, float natural) {
  if (requested < 0) {
    // The rest of the line: after SameLine, a "full width" item takes what is left.
    const Column& c = CurrentColumn();
    if (c.width <= 0) return ImGui::GetContentRegionAvail().x;
    return ImMax(1.0f, c.x + c.width - ImGui::GetCursorPosX());
  }
  if (requested == 0) return natural;
  return ImMin(requested, ColumnWidth());
}
}  // namespace detail

namespace {
struct CardFrame {
  ImVec2 start;
  float width;
  bool in_list;
};
std::vector<CardFrame>& Cards() {
  static std::vector<CardFrame> stack;
  return stack;
}
constexpr float kCardPadding = 20.0f;
}  // namespace

float ColumnWidth() { return detail::ColumnWidth(); }

bool IsPhoneWidth() { return platform::Display().css_width < Sizes().phone_breakpoint; }

namespace {
// The page window drawn last: the one the mirror's scroll hand-over (ScrollPageBy) moves.
const char*& CurrentPageName() {
  static const char* name = "##page";
  return name;
}

void BeginPageWindow(const char* id, float top, float bottom) {
  const auto& d = platform::Display();
  CurrentPageName() = id;
  ImGui::SetNextWindowPos(ImVec2(0, top));
  ImGui::SetNextWindowSize(ImVec2(d.css_width, ImMax(1.0f, d.css_height - top - bottom)));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, Colors().background);
  ImGui::Begin(id, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleColor();
  ImGui::GetCurrentWindow()->Flags &= ~ImGuiWindowFlags_NoScrollWithMouse;
}
}  // namespace

void BeginKnownPage(const char* id, float top, float bottom, float content_height, float scroll_y) {
  ImGui::SetNextWindowContentSize(ImVec2(0, content_height));
  ImGui::SetNextWindowScroll(ImVec2(-1.0f, ImMax(0.0f, scroll_y)));
  BeginPageWindow(id, top, bottom);
}

void EndKnownPage() { ImGui::End(); }

float PendingScroll(const char* id) {
  ImGuiWindow* w = ImGui::FindWindowByName(id);
  if (!w) return 0;
  // Wheel input sets a target that Begin applies; the mirror's hand-over moves Scroll itself.
  return w->ScrollTarget.y < FLT_MAX ? w->ScrollTarget.y : w->Scroll.y;
}

void PlaceAt(float x, float y) { ImGui::SetCursorPos(ImVec2(x, y)); }

void BeginPanel(const char* id, float top, float height) {
  const auto& d = platform::Display();
  ImGui::SetNextWindowPos(ImVec2(0, top));
  ImGui::SetNextWindowSize(ImVec2(d.css_width, height));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, Colors().surface);
  ImGui::Begin(id, nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleColor();
  auto* dl = ImGui::GetWindowDrawList();
  dl->AddLine(ImVec2(0, top), ImVec2(d.css_width, top), Colors().border);
  dl->AddLine(ImVec2(0, top + height - 1), ImVec2(d.css_width, top + height - 1), Colors().border);
}

void EndPanel() { ImGui::End(); }

void BeginPage(const char* id, float top) {
  const auto& d = platform::Display();
  CurrentPageName() = id;
  ImGui::SetNextWindowPos(ImVec2(0, top));
  ImGui::SetNextWindowSize(ImVec2(d.css_width, d.css_height - top));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, Colors().background);
  ImGui::Begin(id, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_AlwaysVerticalScrollbar * 0);
  ImGui::PopStyleColor();
  // Touch and wheel scrolling of the whole page.
  ImGui::GetCurrentWindow()->Flags &= ~ImGuiWindowFlags_NoScrollWithMouse;
  Spacer(IsPhoneWidth() ? 16.0f : 28.0f);
}

void ScrollPageBy(float dy) {
  ImGuiWindow* page = ImGui::FindWindowByName(CurrentPageName());
  if (!page) return;
  // Straight into the window, not SetScrollY (which waits a frame), then one frame drawn now.
  page->Scroll.y = ImClamp(page->Scroll.y + dy, 0.0f, page->ScrollMax.y);
  page->ScrollTarget = ImVec2(FLT_MAX, FLT_MAX);
  platform::DrawNow();
}

void EndPage() {
  Spacer(48.0f);
  ImGui::End();
}

float PageColumnWidth(float max_width) {
  float pad = IsPhoneWidth() ? 16.0f : Sizes().page_padding;
  return ImMin(max_width, platform::Display().css_width - 2 * pad);
}

void BeginColumn(float max_width) {
  float avail = ImGui::GetWindowWidth();
  float pad = IsPhoneWidth() ? 16.0f : Sizes().page_padding;
  float width = ImMin(max_width, avail - 2 * pad);
  float x = ImFloor((avail - width) * 0.5f);
  detail::PushColumn(x, width);
  ImGui::SetCursorPosX(x);
  ImGui::PushTextWrapPos(x + width);
}

void EndColumn() {
  ImGui::PopTextWrapPos();
  detail::PopColumn();
}

void Spacer(float height) { ImGui::Dummy(ImVec2(1, height)); }

void BeginCard(const char* id, std::string_view accessible_name, bool in_list) {
  detail::AlignToColumn();
  ImGui::PushID(id);
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  float width = detail::ColumnWidth();
  Cards().push_back({ImGui::GetCursorScreenPos(), width, in_list});
  a11y::BeginContainer(ImGui::GetID("##card"), in_list ? a11y::Role::ListItem : a11y::Role::Group,
                       accessible_name);
  w->DrawList->ChannelsSplit(2);
  w->DrawList->ChannelsSetCurrent(1);
  float x = ImGui::GetCursorPosX() + kCardPadding;
  detail::PushColumn(x, width - 2 * kCardPadding);
  ImGui::PushTextWrapPos(x + width - 2 * kCardPadding);
  ImGui::Dummy(ImVec2(1, kCardPadding - ImGui::GetStyle().ItemSpacing.y));
}

void EndCard() {
  ImGui::Dummy(ImVec2(1, kCardPadding - ImGui::GetStyle().ItemSpacing.y));
  ImGui::PopTextWrapPos();
  detail::PopColumn();
  CardFrame f = Cards().back();
  Cards().pop_back();
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  ImVec2 end(f.start.x + f.width, ImGui::GetCursorScreenPos().y - ImGui::GetStyle().ItemSpacing.y);
  w->DrawList->ChannelsSetCurrent(0);
  const auto& c = Colors();
  float r = Sizes().radius;
  // A soft shadow, then the card.
  w->DrawList->AddRectFilled(ImVec2(f.start.x, f.start.y + 2), ImVec2(end.x, end.y + 2), IM_COL32(16, 24, 40, 10), r);
  w->DrawList->AddRectFilled(f.start, end, c.surface, r);
  w->DrawList->AddRect(f.start, end, c.border, r);
  w->DrawList->ChannelsMerge();
  a11y::EndContainer(ImRect(f.start, end));
  ImGui::PopID();
}

void BeginList(const char* id, std::string_view accessible_name) {
  ImGui::PushID(id);
  a11y::BeginContainer(ImGui::GetID("##list"), a11y::Role::List, accessible_name);
  ImGui::BeginGroup();
}

void EndList() {
  ImGui::EndGroup();
  a11y::EndContainer(ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax()));
  ImGui::PopID();
}

}  // namespace salik::ui
