// The bar across the top: the brand, the role's places, and signing in or out.
#include <functional>
#include <vector>

#include "a11y/mirror.hpp"

#include "imgui_internal.h"
#include "platform/display.hpp"
#include "state/chat_model.hpp"
#include "state/reduce.hpp"
#include "ui/icons.hpp"
#include "ui/screens/app_screen.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "ui/widgets_internal.hpp"

namespace salik::ui {
namespace {

struct NavItem {
  const char* label;
  const char* icon;
  app::Route route;
};

std::vector<NavItem> NavFor(const app::AppState& s) {
  using app::Screen;
  if (!s.session) return {};
  switch (s.session->user.role) {
    case Role::Customer:
      return {{"My issues", icon::kList, {Screen::CustomerHome, {}}},
              {"Post an issue", icon::kPlus, {Screen::PostIssue, {}}},
              {"Messages", icon::kComments, {Screen::Conversations, {}}}};
    case Role::Mechanic:
      return {{"Open issues", icon::kInbox, {Screen::MechanicFeed, {}}},
              {"Messages", icon::kComments, {Screen::Conversations, {}}},
              {"My profile", icon::kUser, {Screen::MechanicProfile, {}}}};
    case Role::Admin: return {{"Verification", icon::kShield, {Screen::AdminVerification, {}}}};
  }
  return {};
}

}  // namespace

float DrawTopBar(app::AppState& s, Dispatcher dispatch) {
  const auto& d = platform::Display();
  bool phone = IsPhoneWidth();
  float height = phone ? 60.0f : 68.0f;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(d.css_width, height));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, Colors().surface);
  ImGui::Begin("##topbar", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleColor();
  a11y::BeginContainer(ImGui::GetID("##navigation"), a11y::Role::Navigation, "SalikChat");
  auto* dl = ImGui::GetWindowDrawList();
  dl->AddLine(ImVec2(0, height - 1), ImVec2(d.css_width, height - 1), Colors().border);

  float pad = phone ? 14.0f : 28.0f;
  // Brand: a teal tile with a car, and the name. It is a link home.
  ImGui::SetCursorPos(ImVec2(pad, (height - 36.0f) * 0.5f));
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImGuiID brand_id = ImGui::GetID("SalikChat home");
  ImVec2 name_size = detail::MeasureText(GetFonts().h3, "SalikChat");
  ImRect brand(p, ImVec2(p.x + 36 + 10 + name_size.x, p.y + 36));
  ImGui::ItemSize(brand);
  ImGui::ItemAdd(brand, brand_id);
  bool hovered = false, held = false;
  bool home = ImGui::ButtonBehavior(brand, brand_id, &hovered, &held);
  if (a11y::TakeActivation(brand_id)) home = true;
  dl->AddRectFilled(p, ImVec2(p.x + 36, p.y + 36), Colors().primary, 10.0f);
  detail::DrawText(GetFonts().body, ImVec2(p.x + 9, p.y + 9), Colors().on_primary, icon::kCar);
  detail::DrawText(GetFonts().h3, ImVec2(p.x + 46, p.y + (36 - name_size.y) * 0.5f), Colors().text, "SalikChat");
  a11y::Node(brand_id, {.role = a11y::Role::Link, .name = "SalikChat home", .rect = brand});
  if (home) dispatch(app::Navigate{s.session ? app::HomeRoute(s) : app::Route{}});

  // Right side, laid out from the right edge.
  struct Entry {
    const char* label;
    ButtonOptions options;
    std::function<void()> on_press;
  };
  std::vector<Entry> entries;
  std::string messages_name;
  int unread = 0;
  if (s.booting) {
  } else if (!s.session) {
    if (s.route.screen != app::Screen::SignIn)
      entries.push_back({"Sign in", {.kind = ButtonKind::Ghost, .small = true},
                         [&] { dispatch(app::Navigate{{app::Screen::SignIn, {}}}); }});
    if (s.route.screen != app::Screen::SignUp)
      entries.push_back({"Get started", {.kind = ButtonKind::Primary, .small = true},
                         [&] { dispatch(app::Navigate{{app::Screen::SignUp, {}}}); }});
  } else {
    for (const auto& item : NavFor(s)) {
      bool messages = item.route.screen == app::Screen::Conversations;
      bool current = s.route.screen == item.route.screen || (messages && s.route.screen == app::Screen::Chat);
      ButtonOptions options{.kind = current ? ButtonKind::Secondary : ButtonKind::Ghost, .icon = item.icon,
                            .small = true, .icon_only = phone};
      if (messages) {
        // The unread total, live: drawn as a badge and read out with the button's name.
        unread = static_cast<int>(app::chat::TotalUnread(s.chat));
        if (unread > 0) {
          messages_name = "Messages, " + std::to_string(unread) + " unread";
          options.badge = unread;
          options.accessible_name = messages_name;
        }
      }
      entries.push_back({item.label, options, [&, route = item.route] { dispatch(app::Navigate{route}); }});
    }
    entries.push_back({"Sign out", {.kind = ButtonKind::Ghost, .icon = icon::kSignOut, .small = true, .icon_only = phone},
                       [&] { dispatch(app::SignOut{}); }});
  }
  float x = d.css_width - pad;
  for (auto& e : entries) x -= ButtonWidth(e.label, e.options) + 8.0f;
  x += 8.0f;
  for (auto& e : entries) {
    ImGui::SetCursorPos(ImVec2(x, (height - 36.0f) * 0.5f));
    if (Button(e.label, e.options)) e.on_press();
    x += ButtonWidth(e.label, e.options) + 8.0f;
  }
  a11y::EndContainer(ImRect(ImVec2(0, 0), ImVec2(d.css_width, height)));
  ImGui::End();
  return height;
}

}  // namespace salik::ui
