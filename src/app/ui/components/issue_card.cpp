#include "ui/components/issue_card.hpp"

#include <emscripten/emscripten.h>

#include <cstdio>

#include "core/money.hpp"
#include "core/time_text.hpp"
#include "imgui.h"
#include "platform/frame_scheduler.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace salik::ui {
namespace {


}  // namespace

int64_t NowMillis() {
  // Whoever shows a relative time ("5 min ago") gets one frame a minute to keep it true.
  platform::RequestFrameAfter(60'000);
  return static_cast<int64_t>(EM_ASM_DOUBLE({ return Date.now(); }));
}

std::string CarLine(const Issue& i) {
  std::string s = i.car_make + " " + i.car_model + " " + std::to_string(i.car_year);
  if (i.car_mileage) s += " \xC2\xB7 " + FormatThousands(*i.car_mileage) + " km";
  s += " \xC2\xB7 " + std::string(Label(i.category));
  if (!i.location_city.empty()) s += " \xC2\xB7 " + i.location_city;
  return s;
}

void UrgencyBadge(Urgency u) {
  const auto& c = Colors();
  switch (u) {
    case Urgency::Urgent: Badge("URGENT", c.danger, c.danger_soft, icon::kBolt); break;
    case Urgency::Normal: Badge("NORMAL", c.warning, c.warning_soft); break;
    case Urgency::Low: Badge("LOW", c.text_muted, c.surface_muted); break;
  }
}

void IssueStatusBadge(IssueStatus status) {
  const auto& c = Colors();
  switch (status) {
    case IssueStatus::Open: Badge("Open", c.info, c.info_soft); break;
    case IssueStatus::InProgress: Badge("In progress", c.warning, c.warning_soft); break;
    case IssueStatus::Resolved: Badge("Resolved", c.success, c.success_soft, icon::kCheck); break;
    case IssueStatus::Closed: Badge("Closed", c.text_muted, c.surface_muted); break;
  }
}

bool IssueCard(const Issue& i, IssueCardFor viewer) {
  const auto& c = Colors();
  ImGui::PushID(i.id.c_str());
  BeginCard("issue", i.title, true);
  UrgencyBadge(i.urgency);
  ImGui::SameLine();
  if (viewer == IssueCardFor::Owner) IssueStatusBadge(i.status);
  else Badge(Label(i.category), c.primary, c.primary_soft);
  Heading(i.title, 3);
  Text(CarLine(i), TextStyle::Small, c.text_muted);
  std::string responses = i.response_count == 0   ? "No responses yet"
                          : i.response_count == 1 ? "1 response"
                                                  : std::to_string(i.response_count) + " responses";
  Text("Budget: " + std::string(Label(i.budget_range)) + "  \xC2\xB7  " + responses + "  \xC2\xB7  Posted " +
           RelativeTime(i.created_at, NowMillis()),
       TextStyle::Small, c.text_muted);
  bool pressed = Button(viewer == IssueCardFor::Owner ? "View issue" : "View details & respond",
                        {.kind = ButtonKind::Secondary, .icon = icon::kChevronRight, .small = true});
  EndCard();
  ImGui::PopID();
  return pressed;
}

bool ResponseCard(const MechanicResponse& r, const char* action, bool busy) {
  const auto& c = Colors();
  ImGui::PushID(r.id.c_str());
  BeginCard("response", "Response from " + r.mechanic_name, true);
  Heading(r.mechanic_name, 3);
  char rating[48];
  if (r.mechanic_rating_count > 0)
    std::snprintf(rating, sizeof rating, "%.1f (%d reviews)", r.mechanic_rating, r.mechanic_rating_count);
  else
    std::snprintf(rating, sizeof rating, "New on SalikChat");
  Badge(rating, c.accent, c.warning_soft, icon::kStar);
  if (r.mechanic_verified) {
    ImGui::SameLine();
    Badge("Verified", c.success, c.success_soft, icon::kCheckCircle);
  }
  Text("\xE2\x80\x9C" + r.initial_diagnosis + "\xE2\x80\x9D", TextStyle::Body, c.text);
  Text("Estimate: " + FormatAedRange(r.estimated_cost_min, r.estimated_cost_max), TextStyle::BodyBold, c.text);
  std::string meta = "Confidence: " + std::string(Label(r.confidence_level));
  if (!r.estimated_fix_time.empty()) meta = "Fix time: " + r.estimated_fix_time + "  \xC2\xB7  " + meta;
  Text(meta, TextStyle::Small, c.text_muted);
  if (r.needs_video_call) Badge("Suggests a video call", c.info, c.info_soft, icon::kVideo);
  bool pressed = false;
  if (action) {
    std::string name = std::string(action) + " with " + r.mechanic_name;
    pressed = Button(action, {.icon = icon::kComment, .busy = busy, .small = true, .accessible_name = name});
  }
  EndCard();
  ImGui::PopID();
  return pressed;
}

}  // namespace salik::ui
