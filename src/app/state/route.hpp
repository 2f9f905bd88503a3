// Where the user is. Kept in the location hash so a reload lands on the same screen.
#pragma once

#include <string>

namespace salik::app {

enum class Screen {
  Landing,
  SignIn,
  SignUp,
  CustomerHome,  // "My issues"
  PostIssue,
  IssueDetail,        // id = issue id
  MechanicProfile,    // onboarding and editing
  MechanicFeed,       // open issues (verified mechanics); pending screen otherwise
  Respond,            // id = issue id
  AdminVerification,
  Conversations,  // the user's chats
  Chat,           // id = conversation id
};

struct Route {
  Screen screen = Screen::Landing;
  std::string id;
  bool operator==(const Route&) const = default;
};

std::string ToHash(const Route& route);
Route FromHash(const std::string& hash);
// Whether a screen needs a signed-in user.
bool NeedsSession(Screen screen);

}  // namespace salik::app
