#include "state/reduce.hpp"

#include <nlohmann/json.hpp>

#include "core/json_codecs.hpp"
#include "core/money.hpp"
#include "state/mechanic_documents_reduce.hpp"
#include "state/reduce_player.hpp"

namespace salik::app {
namespace {

// Screens each role may open; anything else sends the user to their home.
bool Allowed(const AppState& s, Screen screen) {
  if (!NeedsSession(screen)) return true;
  if (!s.session) return false;
  Role role = s.session->user.role;
  switch (screen) {
    case Screen::CustomerHome:
    case Screen::PostIssue: return role == Role::Customer;
    case Screen::IssueDetail: return true;
    case Screen::MechanicProfile:
    case Screen::MechanicFeed:
    case Screen::Respond: return role == Role::Mechanic;
    case Screen::AdminVerification: return role == Role::Admin;
    case Screen::Conversations:
    case Screen::Chat: return role == Role::Customer || role == Role::Mechanic;
    default: return true;
  }
}

std::string IssuesQuery(const FeedFilter& f) {
  std::string q = "/api/issues?limit=50";
  if (f.category > 0) q += "&category=" + std::string(ToWire(AllCategories()[f.category - 1]));
  if (f.urgency > 0) q += "&urgency=" + std::string(ToWire(AllUrgencies()[f.urgency - 1]));
  if (f.budget > 0) q += "&budget_range=" + std::string(ToWire(AllBudgetRanges()[f.budget - 1]));
  if (!f.city.empty()) {
    q += "&city=";
    for (unsigned char c : f.city) {
      if (std::isalnum(c)) q += static_cast<char>(c);
      else {
        char buf[4];
        snprintf(buf, sizeof buf, "%%%02X", c);
        q += buf;
      }
    }
  }
  return q;
}

Commands StartOrStopChat(AppState& s, const Action&) { return SyncChatWithSession(s); }

}  // namespace

Route HomeRoute(const AppState& s) {
  if (!s.session) return {Screen::Landing, {}};
  switch (s.session->user.role) {
    case Role::Customer: return {Screen::CustomerHome, {}};
    case Role::Admin: return {Screen::AdminVerification, {}};
    case Role::Mechanic: {
      const auto& m = s.session->mechanic;
      bool profile_empty = !m || (m->bio.empty() && m->specializations.empty());
      return {profile_empty ? Screen::MechanicProfile : Screen::MechanicFeed, {}};
    }
  }
  return {};
}

Commands EnterRoute(AppState& s, const Route& requested) {
  Route route = requested;
  if (s.booting && NeedsSession(route.screen)) {
    s.route = route;  // shown once the stored session is checked
    return {};
  }
  if (!Allowed(s, route.screen)) route = s.session ? HomeRoute(s) : Route{Screen::SignIn, {}};
  if (s.session && (route.screen == Screen::SignIn || route.screen == Screen::SignUp)) route = HomeRoute(s);
  Commands out{SetHash{ToHash(route)}};
  Commands chat = EnterChatRoute(s, route);
  out.insert(out.end(), chat.begin(), chat.end());
  s.route = route;
  std::string token = s.session ? s.session->token : "";
  auto get = [&](Request r, std::string path, std::string context = {}) {
    out.push_back(HttpCommand{r, "GET", std::move(path), "", token, std::move(context)});
  };
  switch (route.screen) {
    case Screen::CustomerHome:
      s.my_issues.loading = true;
      get(Request::MyIssues, "/api/issues?mine=1&limit=50");
      break;
    case Screen::PostIssue:
      if (s.wizard.step == 5) s.wizard = IssueWizard{};
      if (s.wizard.location_city.empty() && s.session) s.wizard.location_city = s.session->user.city;
      break;
    case Screen::IssueDetail:
    case Screen::Respond:
      if (s.issue.data.id != route.id) s.issue = {};
      s.issue.loading = true;
      s.responses.loading = true;
      s.status_error.reset();
      get(Request::Issue, "/api/issues/" + route.id, route.id);
      get(Request::Responses, "/api/issues/" + route.id + "/responses", route.id);
      if (route.screen == Screen::Respond && s.respond.sent) s.respond = ResponseForm{};
      break;
    case Screen::MechanicFeed:
      get(Request::Me, "/api/auth/me");
      s.feed.loading = true;
      get(Request::Feed, IssuesQuery(s.feed_filter));
      break;
    case Screen::MechanicProfile:
      if (s.session && !s.session->mechanic && s.onboarding.city.empty()) s.onboarding.city = s.session->user.city;
      if (s.session && s.session->mechanic && !s.onboarding.busy) {
        const auto& m = *s.session->mechanic;
        auto& f = s.onboarding;
        f = MechanicProfileForm{};
        f.bio = m.bio;
        if (m.experience_years) f.experience_years = std::to_string(m.experience_years);
        if (m.hourly_rate) f.hourly_rate = FormatAmount(m.hourly_rate);
        f.city = m.city.empty() ? s.session->user.city : m.city;
        f.service_tier = m.service_tier == ServiceTier::WorkshopPartner ? 1 : 0;
        for (size_t i = 0; i < AllCategories().size(); ++i)
          for (const auto& spec : m.specializations)
            if (spec == ToWire(AllCategories()[i])) f.specializations[i] = true;
      }
      break;
    case Screen::AdminVerification:
      s.queue.loading = true;
      get(Request::VerificationQueue, "/api/admin/verification-queue");
      break;
    default: break;
  }
  for (Command& c : EnterDocumentsRoute(s, route)) out.push_back(std::move(c));
  return out;
}

Commands Reduce(AppState& s, const Action& action) {
  if (auto* nav = std::get_if<Navigate>(&action)) {
    s.notice.clear();
    Commands out = LeavePlayer(s, nav->route);
    for (Command& c : EnterRoute(s, nav->route)) out.push_back(std::move(c));
    return out;
  }
  if (auto* refresh = std::get_if<RefreshFeed>(&action)) {
    (void)refresh;
    if (!s.session) return {};
    s.feed.loading = true;
    return {HttpCommand{Request::Feed, "GET", IssuesQuery(s.feed_filter), "", s.session->token, ""}};
  }
  bool had_session = s.session.has_value();
  bool online = s.chat.link.browser_online;
  int tokens = s.chat.next_token;
  Commands out = ReduceAuth(s, action);
  // Signed out (a 401 or Sign out): the state is fresh; nothing else may act on this action.
  if (had_session && !s.session) {
    // Facts about the browser, not the session: its network, and the chat timers still running
    // (whose tokens must not match the next session's).
    s.chat.link.browser_online = online;
    s.chat.next_token = tokens;
    out.push_back(SocketClose{});
    out.push_back(DropAllMedia{});  // the microphone and any upload stop with the session
    out.push_back(StopAudio{});     // and the recording player
    return out;
  }
  for (auto* part : {&ReduceIssues, &ReduceMechanic, &ReduceAdmin, &ReduceChat, &StartOrStopChat, &ReduceMediaUpload,
                     &ReducePlayer}) {
    Commands more = part(s, action);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

}  // namespace salik::app
