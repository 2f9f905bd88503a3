#include "ui/screens/app_screen.hpp"

#include "ui/components/media_viewer.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace salik::ui {

void DrawApp(app::AppState& s, Dispatcher dispatch) {
  using app::Screen;
  // The top bar first, so it comes first in Tab order; its mirror layer sits above the page.
  float bar_height = DrawTopBar(s, dispatch);
  if (!s.booting && s.route.screen == Screen::Chat) {
    DrawChat(s, dispatch, bar_height);
    DrawMediaViewer(s.media_viewer);
    return;
  }
  BeginPage("##page", bar_height);
  if (s.booting) {
    BeginColumn(Sizes().narrow_max_width);
    Spacer(80);
    TextCentered("Signing you in…", TextStyle::Body, Colors().text_muted);
    EndColumn();
  } else {
    switch (s.route.screen) {
      case Screen::Landing: DrawLanding(s, dispatch); break;
      case Screen::SignIn: DrawSignIn(s, dispatch); break;
      case Screen::SignUp: DrawSignUp(s, dispatch); break;
      case Screen::CustomerHome: DrawCustomerHome(s, dispatch); break;
      case Screen::PostIssue: DrawPostIssue(s, dispatch); break;
      case Screen::IssueDetail: DrawIssueDetail(s, dispatch); break;
      case Screen::MechanicProfile: DrawMechanicProfile(s, dispatch); break;
      case Screen::MechanicFeed: DrawMechanicFeed(s, dispatch); break;
      case Screen::Respond: DrawRespond(s, dispatch); break;
      case Screen::AdminVerification: DrawAdminVerification(s, dispatch); break;
      case Screen::Conversations: DrawConversations(s, dispatch); break;
      case Screen::Chat: break;  // above
    }
  }
  EndPage();
  DrawMediaViewer(s.media_viewer);  // over the page, and frees pictures nothing drew
}

}  // namespace salik::ui
