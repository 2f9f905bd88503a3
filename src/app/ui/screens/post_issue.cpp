// The posting wizard: the problem, the car, media (post_issue_media.cpp), review and post.
#include <algorithm>
#include <string>
#include <vector>

#include "ui/components/issue_card.hpp"
#include "ui/icons.hpp"
#include "ui/screens/app_screen.hpp"
#include "ui/screens/form_errors.hpp"
#include "ui/screens/post_issue_media.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "ui/widgets_internal.hpp"

namespace salik::ui {
namespace {

template <typename E>
std::vector<std::string_view> Labels(const std::vector<E>& values) {
  std::vector<std::string_view> out;
  for (E v : values) out.push_back(Label(v));
  return out;
}

// "Step 2 of 4" and a progress bar.
void StepHeader(int step, const char* title) {
  const auto& c = Colors();
  Text("Step " + std::to_string(step) + " of 4", TextStyle::SmallBold, c.primary);
  Heading(title, 1);
  Spacer(2);
  ImGui::SetCursorPosX(detail::CurrentColumn().x);
  ImVec2 p = ImGui::GetCursorScreenPos();
  float col_w = detail::ColumnWidth();
  auto* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + col_w, p.y + 6), c.border, 3);
  dl->AddRectFilled(p, ImVec2(p.x + col_w * step / 4.0f, p.y + 6), c.primary, 3);
  ImGui::Dummy(ImVec2(col_w, 6));
  Spacer(4);
}

void ReviewRow(const char* label, const std::string& value) {
  Text(label, TextStyle::SmallBold, Colors().text_muted);
  Text(value.empty() ? "—" : value);
}

}  // namespace

void DrawPostIssue(app::AppState& s, Dispatcher dispatch) {
  auto& w = s.wizard;
  const auto& e = w.error;
  BeginColumn(Sizes().narrow_max_width + 120);
  if (w.step == 5) {
    BeginCard("posted", "Your issue is live");
    IconTile(icon::kCheckCircle, Colors().success, Colors().success_soft);
    Heading("Your issue is live!", 1);
    Text("Mechanics in your area can see it now. You will find their answers under My issues, usually within minutes.",
         TextStyle::Body, Colors().text_muted);
    if (Button("View my issue", {.width = IsPhoneWidth() ? -1.0f : 0.0f}))
      dispatch(app::Navigate{{app::Screen::IssueDetail, w.posted_issue_id}});
    if (!IsPhoneWidth()) ImGui::SameLine();
    if (Button("Post another", {.kind = ButtonKind::Secondary, .width = IsPhoneWidth() ? -1.0f : 0.0f}))
      dispatch(app::WizardStartOver{});
    EndCard();
    DrawWizardUploads(s, dispatch);
    EndColumn();
    return;
  }
  if (w.step == 1) {
    StepHeader(1, "What is wrong with your car?");
    BeginCard("step1", "The problem");
    TextField("Title", w.title,
              {.placeholder = "Grinding noise when I brake at low speed", .error = FieldError(e, "title"), .required = true});
    TextField("Description", w.description,
              {.placeholder = "What happens, since when, and when does it get worse?",
               .hint = "The more detail, the better the diagnosis.", .error = FieldError(e, "description"),
               .required = true, .lines = 5});
    Select("Category", w.category, Labels(AllCategories()));
    if (auto m = FieldError(e, "category"); !m.empty()) Text(m, TextStyle::Small, Colors().danger);
    Segmented("Urgency", w.urgency, Labels(AllUrgencies()));
    EndCard();
  } else if (w.step == 2) {
    StepHeader(2, "Tell us about your car");
    BeginCard("step2", "Your car");
    TextField("Make", w.car_make, {.placeholder = "Toyota", .error = FieldError(e, "car_make"), .required = true});
    TextField("Model", w.car_model, {.placeholder = "Camry", .error = FieldError(e, "car_model"), .required = true});
    TextField("Year", w.car_year, {.placeholder = "2022", .error = FieldError(e, "car_year"), .numeric = true, .required = true});
    TextField("Mileage (km)", w.car_mileage, {.placeholder = "85,000", .error = FieldError(e, "car_mileage"), .numeric = true});
    Select("Budget", w.budget, Labels(AllBudgetRanges()));
    TextField("City", w.location_city, {.placeholder = "Dubai", .error = FieldError(e, "location_city")});
    EndCard();
  } else if (w.step == 3) {
    StepHeader(3, "Let mechanics hear and see it");
    DrawWizardMediaStep(s, dispatch);
  } else {
    StepHeader(4, "Review and post");
    BeginCard("review", "Review your issue");
    ReviewRow("Title", w.title);
    ReviewRow("Description", w.description);
    ReviewRow("Category", w.category >= 0 ? std::string(Label(AllCategories()[w.category])) : "");
    ReviewRow("Urgency", std::string(Label(AllUrgencies()[w.urgency])));
    ReviewRow("Car", w.car_make + " " + w.car_model + " " + w.car_year +
                         (w.car_mileage.empty() ? "" : " \xC2\xB7 " + w.car_mileage + " km"));
    ReviewRow("Budget", std::string(Label(AllBudgetRanges()[w.budget])));
    ReviewRow("City", w.location_city);
    size_t files = s.media_upload.draft.size();
    ReviewRow("Files", files == 0   ? ""
                       : files == 1 ? "1 file, uploaded after posting"
                                    : std::to_string(files) + " files, uploaded after posting");
    EndCard();
  }
  Banner(GeneralError(e, {"title", "description", "category", "car_make", "car_model", "car_year", "car_mileage",
                          "location_city"}));
  Spacer(4);
  bool phone = IsPhoneWidth();
  bool recording = WizardMediaBusy(s);  // a recording finishes before the wizard moves on
  if (w.step > 1) {
    if (Button("Back", {.kind = ButtonKind::Secondary, .icon = icon::kChevronLeft, .disabled = recording}))
      dispatch(app::WizardBack{});
    ImGui::SameLine();
  }
  if (w.step < 4) {
    if (Button("Next", {.width = phone ? -1.0f : 0.0f, .disabled = recording})) dispatch(app::WizardNext{});
  } else if (Button("Post issue", {.icon = icon::kCheck, .width = phone ? -1.0f : 0.0f, .busy = w.busy})) {
    dispatch(app::WizardPost{});
  }
  EndColumn();
}

}  // namespace salik::ui
