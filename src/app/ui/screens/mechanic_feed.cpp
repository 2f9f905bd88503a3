// The mechanic's home: open issues with filters, or the pending-verification screen.
#include <vector>

#include "ui/components/issue_card.hpp"
#include "ui/components/verification_documents.hpp"
#include "ui/icons.hpp"
#include "ui/screens/app_screen.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace salik::ui {
namespace {

template <typename E>
std::vector<std::string_view> WithAny(const char* any, const std::vector<E>& values) {
  std::vector<std::string_view> out{any};
  for (E v : values) out.push_back(Label(v));
  return out;
}

void DrawPending(app::AppState& s, Dispatcher dispatch) {
  const auto& c = Colors();
  const auto& m = *s.session->mechanic;
  BeginCard("pending", "Verification");
  if (m.verification_status == VerificationStatus::Rejected) {
    IconTile(icon::kWarning, c.danger, c.danger_soft);
    Heading("Your application was not approved", 2);
    Text("Reason: " + (m.rejection_reason.empty() ? std::string("none given") : m.rejection_reason));
    Text("Update your profile and contact support to be reviewed again.", TextStyle::Body, c.text_muted);
  } else {
    IconTile(icon::kClock, c.warning, c.warning_soft);
    Heading("Pending verification", 2);
    Text("Thanks for joining. An admin reviews new mechanics, usually within 24 hours. Once you are verified, "
         "open issues from car owners appear here.",
         TextStyle::Body, c.text_muted);
  }
  EndCard();
  DrawMyDocumentsSummary(s, dispatch);
}

}  // namespace

void DrawMechanicFeed(app::AppState& s, Dispatcher dispatch) {
  const auto& c = Colors();
  BeginColumn(Sizes().content_max_width);
  Banner(s.notice, false);
  if (!s.session || !s.session->mechanic || s.session->mechanic->verification_status != VerificationStatus::Verified) {
    if (s.session && s.session->mechanic) DrawPending(s, dispatch);
    EndColumn();
    return;
  }
  Heading("Open issues", 1);
  Text("Car owners waiting for a diagnosis. Filter to what you know best.", TextStyle::Body, c.text_muted);
  auto& f = s.feed_filter;
  BeginCard("filters", "Filters");
  bool changed = false;
  bool phone = IsPhoneWidth();
  float w = phone ? -1.0f : (ColumnWidth() - 3 * ImGui::GetStyle().ItemSpacing.x) / 4.0f;
  changed |= Select("Category", f.category, WithAny("Any category", AllCategories()), w);
  if (!phone) ImGui::SameLine();
  changed |= Select("Urgency", f.urgency, WithAny("Any urgency", AllUrgencies()), w);
  if (!phone) ImGui::SameLine();
  changed |= Select("Budget", f.budget, WithAny("Any budget", AllBudgetRanges()), w);
  if (!phone) ImGui::SameLine();
  if (TextField("City", f.city, {.placeholder = "Any city", .width = phone ? -1.0f : w})) changed = true;
  if (Button("Apply filters", {.kind = ButtonKind::Secondary, .icon = icon::kFilter, .small = true})) changed = true;
  EndCard();
  if (changed) dispatch(app::RefreshFeed{});

  const auto& feed = s.feed;
  if (feed.error) {
    Banner(feed.error->message);
  } else if (!feed.loaded) {
    Text("Loading open issues…", TextStyle::Body, c.text_muted);
  } else if (feed.data.empty()) {
    BeginCard("empty", "No open issues");
    Heading("No open issues match", 3);
    Text("Try fewer filters, or check back soon: new issues arrive all day.", TextStyle::Body, c.text_muted);
    EndCard();
  } else {
    Text(std::to_string(feed.data.size()) + (feed.data.size() == 1 ? " issue" : " issues"), TextStyle::SmallBold,
         c.text_muted);
    BeginList("feed", "Open issues");
    for (const auto& issue : feed.data)
      if (IssueCard(issue, IssueCardFor::Mechanic)) dispatch(app::Navigate{{app::Screen::IssueDetail, issue.id}});
    EndList();
  }
  EndColumn();
}

}  // namespace salik::ui
