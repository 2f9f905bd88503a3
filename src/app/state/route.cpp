#include "state/route.hpp"

#include <array>
#include <cctype>
#include <string_view>

namespace salik::app {
namespace {

struct Entry {
  Screen screen;
  std::string_view path;  // "#/path" or "#/path/<id>"
  bool has_id;
};

constexpr std::array kRoutes{
    Entry{Screen::Landing, "", false},
    Entry{Screen::SignIn, "signin", false},
    Entry{Screen::SignUp, "signup", false},
    Entry{Screen::CustomerHome, "my-issues", false},
    Entry{Screen::PostIssue, "post", false},
    Entry{Screen::IssueDetail, "issues", true},
    Entry{Screen::MechanicProfile, "profile", false},
    Entry{Screen::MechanicFeed, "feed", false},
    Entry{Screen::Respond, "respond", true},
    Entry{Screen::AdminVerification, "admin/verification", false},
    Entry{Screen::Conversations, "chats", false},
    Entry{Screen::Chat, "chats", true},
};

bool IsSafeId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) return false;
  return true;
}

}  // namespace

std::string ToHash(const Route& route) {
  for (const auto& e : kRoutes)
    if (e.screen == route.screen) {
      if (e.path.empty()) return "";
      std::string h = "#/" + std::string(e.path);
      if (e.has_id) h += "/" + route.id;
      return h;
    }
  return "";
}

Route FromHash(const std::string& hash) {
  std::string_view h(hash);
  if (h.rfind("#/", 0) != 0) return {};
  h.remove_prefix(2);
  for (const auto& e : kRoutes) {
    if (e.path.empty()) continue;
    if (!e.has_id && h == e.path) return {e.screen, {}};
    if (e.has_id && h.size() > e.path.size() + 1 && h.substr(0, e.path.size()) == e.path &&
        h[e.path.size()] == '/') {
      std::string_view id = h.substr(e.path.size() + 1);
      if (IsSafeId(id)) return {e.screen, std::string(id)};
    }
  }
  return {};
}

bool NeedsSession(Screen screen) {
  return screen != Screen::Landing && screen != Screen::SignIn && screen != Screen::SignUp;
}

}  // namespace salik::app
