// Sign in, sign up, sign out, and restoring the session at start.
#include <nlohmann/json.hpp>

#include "core/json_codecs.hpp"
#include "core/validation.hpp"
#include "state/reduce.hpp"

namespace salik::app {
namespace {

using nlohmann::json;

// Reads {"token", "user", "mechanic"?} or a bare user from /api/auth/me.
std::optional<Session> SessionFrom(const std::string& body, const std::string& token) {
  auto j = json::parse(body, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  Session s;
  s.token = j.contains("token") && j["token"].is_string() ? j["token"].get<std::string>() : token;
  const json& user = j.contains("user") && j["user"].is_object() ? j["user"] : j;
  s.user = user.get<Profile>();
  if (s.user.id.empty()) return std::nullopt;
  const json* mech = nullptr;
  if (user.contains("mechanic") && user["mechanic"].is_object()) mech = &user["mechanic"];
  if (j.contains("mechanic") && j["mechanic"].is_object()) mech = &j["mechanic"];
  if (mech) s.mechanic = mech->get<MechanicProfile>();
  return s;
}

Commands SignedIn(AppState& s, Session session) {
  s.sign_in = SignInForm{};
  s.sign_up = SignUpForm{};
  if (session.user.role == Role::Mechanic && !session.mechanic) {
    // Sign-in answers carry no mechanic profile; where they land depends on it, so fetch it
    // the way a reload does before showing any screen.
    s.booting = true;
    s.boot_token = session.token;
    return {StoreToken{session.token}, HttpCommand{Request::Me, "GET", "/api/auth/me", "", session.token, "boot"}};
  }
  s.session = std::move(session);
  s.booting = false;
  Commands out{StoreToken{s.session->token}};
  Commands enter = EnterRoute(s, HomeRoute(s));
  out.insert(out.end(), enter.begin(), enter.end());
  return out;
}

}  // namespace

Commands ReduceAuth(AppState& s, const Action& action) {
  if (auto* start = std::get_if<AppStarted>(&action)) {
    Route wanted = FromHash(start->hash);
    if (start->stored_token.empty()) {
      s.booting = false;
      return EnterRoute(s, wanted);
    }
    s.booting = true;
    s.route = wanted;
    s.boot_token = start->stored_token;
    return {HttpCommand{Request::Me, "GET", "/api/auth/me", "", start->stored_token, "boot"}};
  }
  if (std::holds_alternative<SubmitSignIn>(action)) {
    auto& f = s.sign_in;
    f.error.reset();
    if (auto e = CheckEmail(Trim(f.email))) f.error = e;
    else if (f.password.empty()) f.error = BadRequest("missing_field", "Enter your password.", "password");
    if (f.error || f.busy) return {};
    f.busy = true;
    json body{{"email", Trim(f.email)}, {"password", f.password}};
    return {HttpCommand{Request::SignIn, "POST", "/api/auth/login", body.dump(), "", ""}};
  }
  if (std::holds_alternative<SubmitSignUp>(action)) {
    auto& f = s.sign_up;
    json body{{"email", Trim(f.email)}, {"password", f.password}, {"full_name", Trim(f.full_name)},
              {"city", Trim(f.city)}, {"role", f.role == 1 ? "mechanic" : "customer"}};
    auto parsed = ParseSignup(body);  // the server's own rules, before a round trip
    f.error.reset();
    if (!parsed) f.error = parsed.error();
    if (f.error || f.busy) return {};
    f.busy = true;
    return {HttpCommand{Request::SignUp, "POST", "/api/auth/signup", body.dump(), "", ""}};
  }
  if (std::holds_alternative<SignOut>(action)) {
    std::string token = s.session ? s.session->token : "";
    AppState fresh;
    fresh.booting = false;
    s = std::move(fresh);
    Commands out{StoreToken{""}, SetHash{""}};
    if (!token.empty()) out.push_back(HttpCommand{Request::SignOut, "POST", "/api/auth/logout", "", token, ""});
    return out;
  }
  auto* done = std::get_if<HttpDone>(&action);
  if (!done) return {};
  switch (done->request) {
    case Request::SignIn:
    case Request::SignUp: {
      auto& busy = done->request == Request::SignIn ? s.sign_in.busy : s.sign_up.busy;
      auto& error = done->request == Request::SignIn ? s.sign_in.error : s.sign_up.error;
      busy = false;
      if (done->status == 200 || done->status == 201) {
        if (auto session = SessionFrom(done->body, "")) return SignedIn(s, std::move(*session));
      }
      error = ErrorFromBody(done->status, done->body);
      return {};
    }
    case Request::Me: {
      bool booting = done->context == "boot";
      std::optional<Session> session;
      if (done->status == 200)
        session = SessionFrom(done->body, booting ? s.boot_token : (s.session ? s.session->token : ""));
      if (!booting) {
        if (session && s.session) {
          s.session->user = session->user;
          s.session->mechanic = session->mechanic;
        }
        break;  // a 401 here signs out like any other request (below)
      }
      s.boot_token.clear();
      s.booting = false;
      if (session) {
        // Back from a reload: the screen in the address, if this user may see it.
        Route wanted = s.route;
        s.session = std::move(*session);
        return EnterRoute(s, NeedsSession(wanted.screen) ? wanted : HomeRoute(s));
      }
      // Expired or revoked, or an answer that is not a user: start signed out, on the page they
      // asked for if it is public.
      Commands out;
      if (done->status == 401) {
        out.push_back(StoreToken{""});
        s.notice = "Your session has ended. Please sign in again.";
      } else {
        // Keep the token: a reload once the network is back signs the user straight in.
        s.notice = "We could not reach SalikChat. Check your connection and reload the page.";
      }
      Commands enter = EnterRoute(s, NeedsSession(s.route.screen) ? Route{Screen::SignIn, {}} : s.route);
      out.insert(out.end(), enter.begin(), enter.end());
      return out;
    }
    default: break;
  }
  // Any other request answered 401: the session is gone.
  if (done->status == 401 && s.session && done->request != Request::SignOut) {
    AppState fresh;
    fresh.booting = false;
    s = std::move(fresh);
    s.notice = "Your session has ended. Please sign in again.";
    Commands out{StoreToken{""}};
    Commands enter = EnterRoute(s, {Screen::SignIn, {}});
    out.insert(out.end(), enter.begin(), enter.end());
    return out;
  }
  return {};
}

}  // namespace salik::app
