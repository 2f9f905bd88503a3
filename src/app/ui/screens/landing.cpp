// The first page a visitor sees: what SalikChat does and the way in.
#include "ui/icons.hpp"
#include "ui/screens/app_screen.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace salik::ui {
namespace {

void Feature(const char* id, const char* icon_glyph, const char* title, const char* body) {
  BeginCard(id, title);
  IconTile(icon_glyph, Colors().primary, Colors().primary_soft);
  Heading(title, 3);
  Text(body, TextStyle::Body, Colors().text_muted);
  EndCard();
}

}  // namespace

void DrawLanding(app::AppState& s, Dispatcher dispatch) {
  const auto& c = Colors();
  BeginColumn(Sizes().content_max_width);
  Banner(s.notice, false);
  Spacer(IsPhoneWidth() ? 12 : 40);
  Badge("Verified mechanics across the UAE", c.primary, c.primary_soft, icon::kShield);
  Spacer(4);
  Heading("Find out what is wrong with your car", 1);
  Text("Describe the problem, record the engine sound and add photos. Verified mechanics answer with a "
       "diagnosis and a cost estimate, usually within minutes.",
       TextStyle::Body, c.text_muted);
  Spacer(8);
  bool phone = IsPhoneWidth();
  if (Button("Get a diagnosis", {.kind = ButtonKind::Primary, .icon = icon::kWrench, .width = phone ? -1.0f : 0.0f})) {
    s.sign_up.role = 0;
    dispatch(app::Navigate{{app::Screen::SignUp, {}}});
  }
  if (!phone) ImGui::SameLine();
  if (Button("I am a mechanic", {.kind = ButtonKind::Secondary, .width = phone ? -1.0f : 0.0f})) {
    s.sign_up.role = 1;
    dispatch(app::Navigate{{app::Screen::SignUp, {}}});
  }
  Spacer(phone ? 20 : 48);
  Heading("How it works", 2);
  Feature("f1", icon::kMicrophone, "1. Post your problem",
          "Tell us what happens and when. Record the engine sound, add photos or a short video.");
  Feature("f2", icon::kCertificate, "2. Get answers from verified mechanics",
          "Every mechanic is checked by our team. Each answer has a diagnosis, a cost range in AED and a fix time.");
  Feature("f3", icon::kComment, "3. Chat, call and fix it",
          "Ask follow-up questions in chat or start a video call, then get it fixed with confidence.");
  EndColumn();
}

}  // namespace salik::ui
