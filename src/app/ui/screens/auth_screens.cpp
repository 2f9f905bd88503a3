// Signing in and creating an account.
#include "ui/icons.hpp"
#include "ui/screens/app_screen.hpp"
#include "ui/screens/form_errors.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace salik::ui {

void DrawSignIn(app::AppState& s, Dispatcher dispatch) {
  auto& f = s.sign_in;
  BeginColumn(Sizes().narrow_max_width);
  Spacer(IsPhoneWidth() ? 8 : 32);
  Banner(s.notice, s.notice.find("could not") != std::string::npos || s.notice.find("ended") != std::string::npos);
  BeginCard("signin", "Sign in");
  Heading("Welcome back", 1);
  Text("Sign in to see your issues and messages.", TextStyle::Body, Colors().text_muted);
  Spacer(4);
  bool submit = false;
  submit |= TextField("Email", f.email, {.placeholder = "name@example.com", .error = FieldError(f.error, "email"), .email = true});
  submit |= TextField("Password", f.password, {.placeholder = "Your password", .error = FieldError(f.error, "password"), .password = true});
  Banner(GeneralError(f.error, {"email", "password"}));
  Spacer(4);
  if (Button("Sign in", {.width = -1, .busy = f.busy}) || submit) dispatch(app::SubmitSignIn{});
  Spacer(2);
  Text("New to SalikChat?", TextStyle::Small, Colors().text_muted);
  if (Link("Create an account")) dispatch(app::Navigate{{app::Screen::SignUp, {}}});
  EndCard();
  EndColumn();
}

void DrawSignUp(app::AppState& s, Dispatcher dispatch) {
  auto& f = s.sign_up;
  BeginColumn(Sizes().narrow_max_width);
  Spacer(IsPhoneWidth() ? 8 : 32);
  BeginCard("signup", "Create your account");
  Heading("Create your account", 1);
  Text(f.role == 1 ? "Answer car owners' questions and grow your customer base. An admin verifies every mechanic."
                   : "Post your car problem and get answers from verified mechanics.",
       TextStyle::Body, Colors().text_muted);
  Spacer(4);
  Segmented("I am a", f.role, {"Car owner", "Mechanic"});
  bool submit = false;
  submit |= TextField("Full name", f.full_name, {.placeholder = "Your name", .error = FieldError(f.error, "full_name")});
  submit |= TextField("Email", f.email, {.placeholder = "name@example.com", .error = FieldError(f.error, "email"), .email = true});
  submit |= TextField("Password", f.password,
                      {.placeholder = "At least 8 characters", .hint = "Use 8 or more characters.",
                       .error = FieldError(f.error, "password"), .password = true});
  submit |= TextField("City", f.city, {.placeholder = "Dubai", .error = FieldError(f.error, "city")});
  Banner(GeneralError(f.error, {"full_name", "email", "password", "city"}));
  Spacer(4);
  if (Button("Create account", {.width = -1, .busy = f.busy}) || submit) dispatch(app::SubmitSignUp{});
  Spacer(2);
  Text("Already have an account?", TextStyle::Small, Colors().text_muted);
  if (Link("Sign in instead")) dispatch(app::Navigate{{app::Screen::SignIn, {}}});
  EndCard();
  EndColumn();
}

}  // namespace salik::ui
