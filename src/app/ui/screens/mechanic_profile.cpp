// A mechanic's profile: filled in at onboarding, editable later, with their verification documents.
#include "ui/components/verification_documents.hpp"
#include "ui/icons.hpp"
#include "ui/screens/app_screen.hpp"
#include "ui/screens/form_errors.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace salik::ui {

void DrawMechanicProfile(app::AppState& s, Dispatcher dispatch) {
  auto& f = s.onboarding;
  const auto& e = f.error;
  const auto& c = Colors();
  BeginColumn(Sizes().narrow_max_width + 120);
  bool first_time = !s.session || !s.session->mechanic ||
                    (s.session->mechanic->bio.empty() && s.session->mechanic->specializations.empty());
  Heading(first_time ? "Set up your mechanic profile" : "My profile", 1);
  Text(first_time ? "Car owners see this next to every answer you give. An admin reviews it before you can respond."
                  : "What car owners see next to your answers.",
       TextStyle::Body, c.text_muted);
  BeginCard("about", "About you");
  TextField("Bio", f.bio,
            {.placeholder = "Eight years at a Toyota dealer in Al Quoz; engines, gearboxes and diagnostics.",
             .error = FieldError(e, "bio"), .required = true, .lines = 4});
  TextField("City", f.city, {.placeholder = "Dubai", .error = FieldError(e, "city")});
  TextField("Experience (years)", f.experience_years,
            {.placeholder = "8", .error = FieldError(e, "experience_years"), .numeric = true});
  TextField("Hourly rate (AED)", f.hourly_rate,
            {.placeholder = "120", .hint = "For video consultations.", .error = FieldError(e, "hourly_rate"), .numeric = true});
  EndCard();
  BeginCard("specialties", "Specializations");
  Heading("Specializations", 3);
  Text("Choose what you know best.", TextStyle::Small, c.text_muted);
  for (size_t i = 0; i < AllCategories().size(); ++i) {
    bool on = f.specializations[i];
    std::string label(Label(AllCategories()[i]));
    if (Checkbox(label.c_str(), on)) f.specializations[i] = on;
  }
  if (auto m = FieldError(e, "specializations"); !m.empty()) Text(m, TextStyle::Small, c.danger);
  EndCard();
  BeginCard("tier", "Service tier");
  Segmented("Service tier", f.service_tier, {"Virtual only", "Workshop partner"});
  Text(f.service_tier == 0 ? "You diagnose remotely through chat and video calls."
                           : "You also take cars into a partner workshop and send repair quotes.",
       TextStyle::Small, c.text_muted);
  EndCard();
  DrawMyDocumentsSection(s, dispatch);
  Banner(GeneralError(e, {"bio", "city", "experience_years", "hourly_rate", "specializations"}));
  if (Button(first_time ? "Save and continue" : "Save profile", {.width = IsPhoneWidth() ? -1.0f : 0.0f, .busy = f.busy})) {
    // Documents added but not yet uploaded go up with the profile rather than being left behind.
    if (!s.media_upload.documents.empty()) dispatch(app::UploadDocuments{});
    dispatch(app::SaveMechanicProfile{});
  }
  EndColumn();
}

}  // namespace salik::ui
