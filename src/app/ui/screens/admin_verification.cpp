// The admin's verification queue: each pending mechanic with their documents, approve or reject
// with a reason.
#include "core/money.hpp"
#include "core/time_text.hpp"
#include "ui/components/verification_documents.hpp"
#include "ui/icons.hpp"
#include "ui/screens/app_screen.hpp"
#include "ui/screens/form_errors.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace salik::ui {
namespace {

std::string Specialties(const MechanicProfile& m) {
  std::string out;
  for (const auto& s : m.specializations) {
    auto cat = CategoryFromWire(s);
    if (!out.empty()) out += ", ";
    out += cat ? std::string(Label(*cat)) : s;
  }
  return out.empty() ? "Not given" : out;
}

// Rejecting needs a reason the mechanic will read: asked for in a dialog.
void DrawRejectDialog(app::AppState& s, Dispatcher dispatch) {
  auto& v = s.verification;
  const MechanicProfile* m = nullptr;
  for (const auto& candidate : s.queue.data)
    if (candidate.id == v.rejecting_id) m = &candidate;
  bool open = m != nullptr;
  std::string title = m ? "Reject " + m->full_name + "?" : std::string("Reject");
  if (BeginDialog("##reject", title, open)) {
    Text("They will see your reason and can update their profile. Be specific.", TextStyle::Body, Colors().text_muted);
    TextField("Reason for rejection", v.reason,
              {.placeholder = "The trade licence is not readable.", .error = FieldError(v.error, "reason"),
               .required = true, .lines = 3});
    Banner(GeneralError(v.error, {"reason"}));
    bool busy = m && v.busy_id == m->id;
    if (Button("Confirm rejection", {.kind = ButtonKind::Danger, .busy = busy}) && m)
      dispatch(app::DecideVerification{m->id, false});
    ImGui::SameLine();
    if (Button("Cancel", {.kind = ButtonKind::Secondary})) open = false;
    EndDialog();
  }
  if (!open && m) dispatch(app::StartRejecting{""});
}

}  // namespace

void DrawAdminVerification(app::AppState& s, Dispatcher dispatch) {
  const auto& c = Colors();
  auto& v = s.verification;
  BeginColumn(Sizes().content_max_width);
  Banner(s.notice, false);
  Heading("Mechanic verification", 1);
  const auto& q = s.queue;
  if (q.error) {
    Banner(q.error->message);
    EndColumn();
    return;
  }
  if (!q.loaded) {
    Text("Loading the queue…", TextStyle::Body, c.text_muted);
    EndColumn();
    return;
  }
  Text(q.data.empty() ? "Nobody is waiting." : std::to_string(q.data.size()) + " waiting for review", TextStyle::Body,
       c.text_muted);
  if (q.data.empty()) {
    BeginCard("empty", "Queue empty");
    IconTile(icon::kCheckCircle, c.success, c.success_soft);
    Heading("All caught up", 3);
    Text("New mechanics appear here as soon as they sign up.", TextStyle::Body, c.text_muted);
    EndCard();
  }
  BeginList("queue", "Pending mechanics");
  for (const auto& m : q.data) {
    ImGui::PushID(m.id.c_str());
    BeginCard("mechanic", m.full_name, true);
    Heading(m.full_name, 3);
    Text("Applied " + ShortDate(m.created_at) + (m.city.empty() ? "" : "  \xC2\xB7  " + m.city), TextStyle::Small, c.text_muted);
    Text("Specialty: " + Specialties(m));
    Text("Experience: " + std::to_string(m.experience_years) + " years  \xC2\xB7  Rate: " +
             (m.hourly_rate ? FormatAed(m.hourly_rate) + "/hr" : std::string("not set")) + "  \xC2\xB7  " +
             std::string(Label(m.service_tier)),
         TextStyle::Small, c.text_muted);
    if (!m.bio.empty()) Text(m.bio);
    DrawCandidateDocuments(s, m.id, dispatch);
    Spacer(4);
    bool busy = v.busy_id == m.id;
    if (Button("Approve", {.icon = icon::kCheck, .busy = busy})) dispatch(app::DecideVerification{m.id, true});
    ImGui::SameLine();
    if (Button("Reject", {.kind = ButtonKind::Secondary, .icon = icon::kTimes})) dispatch(app::StartRejecting{m.id});
    if (busy && v.rejecting_id.empty()) Banner(GeneralError(v.error, {"reason"}));
    EndCard();
    ImGui::PopID();
  }
  EndList();
  DrawRejectDialog(s, dispatch);
  EndColumn();
}

}  // namespace salik::ui
