// "My issues": the car owner's dashboard.
#include "ui/components/issue_card.hpp"
#include "ui/icons.hpp"
#include "ui/screens/app_screen.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace salik::ui {

void DrawCustomerHome(app::AppState& s, Dispatcher dispatch) {
  const auto& c = Colors();
  BeginColumn(Sizes().content_max_width);
  Banner(s.notice, false);
  std::string first_name = s.session ? s.session->user.full_name.substr(0, s.session->user.full_name.find(' ')) : "";
  Heading("My issues", 1);
  Text("Hello " + first_name + ". Here is everything you have asked our mechanics.", TextStyle::Body, c.text_muted);
  if (Button("Post an issue", {.icon = icon::kPlus, .width = IsPhoneWidth() ? -1.0f : 0.0f}))
    dispatch(app::Navigate{{app::Screen::PostIssue, {}}});
  Spacer(8);
  const auto& issues = s.my_issues;
  if (issues.error) {
    Banner(issues.error->message);
    if (Button("Try again", {.kind = ButtonKind::Secondary})) dispatch(app::Navigate{{app::Screen::CustomerHome, {}}});
  } else if (!issues.loaded) {
    Text("Loading your issues…", TextStyle::Body, c.text_muted);
  } else if (issues.data.empty()) {
    BeginCard("empty", "No issues yet");
    IconTile(icon::kCar, c.primary, c.primary_soft);
    Heading("Post your first issue", 2);
    Text("Describe what your car is doing and verified mechanics will answer with a diagnosis and a cost "
         "estimate. It takes about two minutes.",
         TextStyle::Body, c.text_muted);
    if (Button("Post your first issue", {.icon = icon::kWrench})) dispatch(app::Navigate{{app::Screen::PostIssue, {}}});
    EndCard();
  } else {
    BeginList("issues", "My issues");
    for (const auto& issue : issues.data)
      if (IssueCard(issue, IssueCardFor::Owner)) dispatch(app::Navigate{{app::Screen::IssueDetail, issue.id}});
    EndList();
  }
  EndColumn();
}

}  // namespace salik::ui
