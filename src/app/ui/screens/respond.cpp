// A mechanic's answer to an issue: diagnosis, cost range, fix time, confidence.
#include "ui/components/issue_card.hpp"
#include "ui/icons.hpp"
#include "ui/screens/app_screen.hpp"
#include "ui/screens/form_errors.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace salik::ui {

void DrawRespond(app::AppState& s, Dispatcher dispatch) {
  auto& f = s.respond;
  const auto& e = f.error;
  const auto& c = Colors();
  BeginColumn(Sizes().narrow_max_width + 120);
  if (Link("Back to the issue")) dispatch(app::Navigate{{app::Screen::IssueDetail, s.route.id}});
  if (f.sent) {
    BeginCard("sent", "Response sent");
    IconTile(icon::kCheckCircle, c.success, c.success_soft);
    Heading("Your response was sent", 2);
    Text("The car owner sees your diagnosis now. Chat with them to ask what the issue leaves open.", TextStyle::Body,
         c.text_muted);
    if (Button("Chat with the car owner", {.icon = icon::kComment, .busy = s.chat.starting == s.route.id + ":"}))
      dispatch(app::OpenChatWith{s.route.id, ""});
    if (s.chat.start_error) Banner(s.chat.start_error->message);
    if (Button("Back to open issues", {.kind = ButtonKind::Secondary})) dispatch(app::Navigate{{app::Screen::MechanicFeed, {}}});
    EndCard();
    EndColumn();
    return;
  }
  Heading("Respond to: " + (s.issue.loaded ? s.issue.data.title : std::string("…")), 1);
  if (s.issue.loaded) Text(CarLine(s.issue.data), TextStyle::Small, c.text_muted);
  BeginCard("respond", "Your response");
  TextField("Your initial diagnosis", f.diagnosis,
            {.placeholder = "Based on the description this sounds like worn brake pads touching the rotor…",
             .error = FieldError(e, "initial_diagnosis"), .required = true, .lines = 5});
  bool phone = IsPhoneWidth();
  float half = phone ? -1.0f : (ColumnWidth() - ImGui::GetStyle().ItemSpacing.x) / 2.0f;
  TextField("Minimum cost (AED)", f.cost_min, {.placeholder = "150", .error = FieldError(e, "estimated_cost_min"),
                                               .numeric = true, .required = true, .width = half});
  if (!phone) ImGui::SameLine();
  TextField("Maximum cost (AED)", f.cost_max, {.placeholder = "300", .error = FieldError(e, "estimated_cost_max"),
                                               .numeric = true, .required = true, .width = half});
  TextField("Estimated fix time", f.fix_time, {.placeholder = "1-2 hours", .error = FieldError(e, "estimated_fix_time")});
  Segmented("Confidence", f.confidence, {"Low", "Medium", "High"});
  Checkbox("I recommend a video call for a better diagnosis", f.needs_video_call);
  EndCard();
  Banner(GeneralError(e, {"initial_diagnosis", "estimated_cost_min", "estimated_cost_max", "estimated_fix_time"}));
  if (Button("Submit response", {.icon = icon::kCheck, .width = phone ? -1.0f : 0.0f, .busy = f.busy}))
    dispatch(app::SubmitResponse{});
  EndColumn();
}

}  // namespace salik::ui
