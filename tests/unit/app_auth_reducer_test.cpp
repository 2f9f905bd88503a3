// Sessions in the app's reducer (src/app/state/reduce_auth.cpp, reduce.cpp): restoring a stored
// token, signing in and up, signing out, a session that ends, and who may open which screen.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "app_test_support.hpp"
#include "state/reduce.hpp"

using namespace salik;
using namespace salik::app;
using nlohmann::json;

namespace {


// --- What the server answers (docs/api.md).
json CustomerJson() {
  return json{{"id", "6b1f0c52-9a3e-4d7b-8c21-0f4e5a6b7c8d"},
              {"role", "customer"},
              {"email", "amira@example.com"},
              {"full_name", "Amira Haddad"},
              {"phone", "+971501234567"},
              {"city", "Dubai"},
              {"country", "AE"},
              {"is_active", true},
              {"created_at", "2026-02-01T08:00:00.000Z"},
              {"updated_at", "2026-02-01T08:00:00.000Z"}};
}
json MechanicUserJson() {
  return json{{"id", "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"},
              {"role", "mechanic"},
              {"email", "omar.garage@example.com"},
              {"full_name", "Omar Saleh"},
              {"phone", ""},
              {"city", "Sharjah"},
              {"country", "AE"},
              {"is_active", true},
              {"created_at", "2026-01-10T09:30:00.000Z"},
              {"updated_at", "2026-01-10T09:30:00.000Z"}};
}
json MechanicProfileJson(const std::string& bio, json specializations, const std::string& status) {
  return json{{"id", "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"},
              {"full_name", "Omar Saleh"},
              {"city", "Sharjah"},
              {"bio", bio},
              {"specializations", specializations},
              {"experience_years", 12},
              {"hourly_rate", 15000},
              {"service_tier", "virtual_only"},
              {"verification_status", status},
              {"rejection_reason", ""},
              {"rating_avg", 4.6},
              {"rating_count", 18},
              {"is_available", true},
              {"verified_at", nullptr},
              {"created_at", "2026-01-10T09:30:00.000Z"}};
}
json AdminJson() {
  return json{{"id", "a0000000-0000-4000-8000-000000000001"},
              {"role", "admin"},
              {"email", "ops@salikchat.ae"},
              {"full_name", "Layla Ops"},
              {"city", "Abu Dhabi"},
              {"country", "AE"},
              {"is_active", true},
              {"created_at", "2026-01-01T00:00:00.000Z"},
              {"updated_at", "2026-01-01T00:00:00.000Z"}};
}


AppState SignedInCustomer() { return Restored(CustomerJson(), "tok-customer", "#/my-issues"); }

}  // namespace

TEST_CASE("a stored token is checked with /api/auth/me before any screen that needs a session") {
  AppState s;
  Commands cmds = Reduce(s, AppStarted{"tok-stored-1", "#/my-issues"});
  REQUIRE(cmds.size() == 1);
  auto http = Https(cmds);
  REQUIRE(http.size() == 1);
  CHECK(http[0].request == Request::Me);
  CHECK(http[0].method == "GET");
  CHECK(http[0].path == "/api/auth/me");
  CHECK(http[0].token == "tok-stored-1");
  CHECK(http[0].body.empty());
  CHECK(http[0].context == "boot");
  CHECK(s.booting);
  CHECK_FALSE(s.session);
  CHECK(s.route == Route{Screen::CustomerHome, ""});  // remembered for after the check
}

TEST_CASE("navigating while the stored session is checked only remembers the screen") {
  AppState s;
  Reduce(s, AppStarted{"tok-stored-1", ""});
  Commands cmds = Reduce(s, Navigate{{Screen::PostIssue, ""}});
  CHECK(cmds.empty());
  CHECK(s.route.screen == Screen::PostIssue);
  CHECK(s.booting);
}

TEST_CASE("a restored session opens the screen in the address when the role may see it") {
  Commands cmds;
  AppState s = Restored(CustomerJson(), "tok-stored-1", "#/my-issues", &cmds);
  REQUIRE(s.session);
  CHECK(s.session->token == "tok-stored-1");  // /api/auth/me carries no token; the stored one stays
  CHECK(s.session->user.id == "6b1f0c52-9a3e-4d7b-8c21-0f4e5a6b7c8d");
  CHECK(s.session->user.role == Role::Customer);
  CHECK(s.session->user.full_name == "Amira Haddad");
  CHECK(s.session->user.city == "Dubai");
  CHECK_FALSE(s.session->mechanic);
  CHECK_FALSE(s.booting);
  CHECK(s.boot_token.empty());
  CHECK(s.route == Route{Screen::CustomerHome, ""});
  CHECK(StoredTokens(cmds).empty());  // it is already stored
  CHECK(Hashes(cmds) == std::vector<std::string>{"#/my-issues"});
  auto http = Https(cmds);
  REQUIRE(http.size() == 1);
  CHECK(http[0].request == Request::MyIssues);
  CHECK(http[0].method == "GET");
  CHECK(http[0].path == "/api/issues?mine=1&limit=50");
  CHECK(http[0].token == "tok-stored-1");
}

TEST_CASE("a restored session opens the issue named in the address") {
  Commands cmds;
  AppState s = Restored(CustomerJson(), "tok-stored-1", "#/issues/5c3e1a2b-0d9f-4e8c-b7a6-112233445566", &cmds);
  CHECK(s.route == Route{Screen::IssueDetail, "5c3e1a2b-0d9f-4e8c-b7a6-112233445566"});
  auto http = Https(cmds);
  REQUIRE(http.size() == 2);
  CHECK(http[0].path == "/api/issues/5c3e1a2b-0d9f-4e8c-b7a6-112233445566");
  CHECK(http[1].path == "/api/issues/5c3e1a2b-0d9f-4e8c-b7a6-112233445566/responses");
  for (const auto& h : http) CHECK(h.token == "tok-stored-1");
}

TEST_CASE("a restored session on a public page goes to the role's home") {
  Commands cmds;
  AppState s = Restored(AdminJson(), "tok-admin", "#/signin", &cmds);
  REQUIRE(s.session);
  CHECK(s.session->user.role == Role::Admin);
  CHECK(s.route == Route{Screen::AdminVerification, ""});
  CHECK(Hashes(cmds) == std::vector<std::string>{"#/admin/verification"});
  auto http = Https(cmds);
  REQUIRE(http.size() == 1);
  CHECK(http[0].request == Request::VerificationQueue);
  CHECK(http[0].path == "/api/admin/verification-queue");
  CHECK(http[0].token == "tok-admin");
}

TEST_CASE("a 401 at start forgets the stored token and asks the user to sign in again") {
  AppState s;
  Reduce(s, AppStarted{"tok-expired", "#/my-issues"});
  Commands cmds = Reduce(s, HttpDone{Request::Me, 401, ErrorJson("unauthorized", "Please sign in to continue."), "boot"});
  CHECK(StoredTokens(cmds) == std::vector<std::string>{""});
  CHECK_FALSE(s.session);
  CHECK_FALSE(s.booting);
  CHECK(s.boot_token.empty());
  CHECK(s.route == Route{Screen::SignIn, ""});
  CHECK(Hashes(cmds) == std::vector<std::string>{"#/signin"});
  CHECK(Https(cmds).empty());
  CHECK_THAT(s.notice, Catch::Contains("sign in again"));
}

TEST_CASE("an expired token at start on a public page stays on that page") {
  AppState s;
  Reduce(s, AppStarted{"tok-expired", "#/signup"});
  Commands cmds = Reduce(s, HttpDone{Request::Me, 401, ErrorJson("unauthorized", "Please sign in to continue."), "boot"});
  CHECK(s.route == Route{Screen::SignUp, ""});
  CHECK(Hashes(cmds) == std::vector<std::string>{"#/signup"});
  CHECK(StoredTokens(cmds) == std::vector<std::string>{""});
}

TEST_CASE("a network failure at start keeps the stored token") {
  AppState s;
  Reduce(s, AppStarted{"tok-good", "#/post"});
  Commands cmds = Reduce(s, HttpDone{Request::Me, 0, "", "boot"});
  CHECK(StoredTokens(cmds).empty());  // a reload once the network is back signs straight in
  CHECK_FALSE(s.session);
  CHECK_FALSE(s.booting);
  CHECK(s.route == Route{Screen::SignIn, ""});
  CHECK(Hashes(cmds) == std::vector<std::string>{"#/signin"});
  CHECK_THAT(s.notice, Catch::Contains("could not reach"));
}

TEST_CASE("a server error at start keeps the stored token too") {
  AppState s;
  Reduce(s, AppStarted{"tok-good", ""});
  Commands cmds = Reduce(s, HttpDone{Request::Me, 500, ErrorJson("internal", "Something went wrong on our side."), "boot"});
  CHECK(StoredTokens(cmds).empty());
  CHECK(s.route == Route{Screen::Landing, ""});
  CHECK_FALSE(s.booting);
}

TEST_CASE("without a stored token a screen that needs a session asks the user to sign in") {
  AppState s;
  Commands cmds = Reduce(s, AppStarted{"", "#/post"});
  CHECK_FALSE(s.booting);
  CHECK(s.route == Route{Screen::SignIn, ""});
  CHECK(Hashes(cmds) == std::vector<std::string>{"#/signin"});
  CHECK(Https(cmds).empty());
  CHECK(StoredTokens(cmds).empty());
}

TEST_CASE("without a stored token a public page opens as asked") {
  AppState s;
  Commands cmds = Reduce(s, AppStarted{"", "#/signup"});
  CHECK(s.route == Route{Screen::SignUp, ""});
  CHECK(Hashes(cmds) == std::vector<std::string>{"#/signup"});
  CHECK(Https(cmds).empty());
}

TEST_CASE("sign-in checks the email and password before any request") {
  AppState s;
  Reduce(s, AppStarted{"", "#/signin"});
  s.sign_in.email = "amira.example.com";
  s.sign_in.password = "correct horse";
  CHECK(Reduce(s, SubmitSignIn{}).empty());
  REQUIRE(s.sign_in.error);
  CHECK(s.sign_in.error->field == "email");
  CHECK_FALSE(s.sign_in.busy);

  s.sign_in.email = "amira@example.com";
  s.sign_in.password = "";
  CHECK(Reduce(s, SubmitSignIn{}).empty());
  REQUIRE(s.sign_in.error);
  CHECK(s.sign_in.error->field == "password");
  CHECK(s.sign_in.error->code == "missing_field");
}

TEST_CASE("signing in posts the trimmed email and the password to /api/auth/login once") {
  AppState s;
  Reduce(s, AppStarted{"", "#/signin"});
  s.sign_in.email = "  amira@example.com ";
  s.sign_in.password = " pass word 1 ";  // passwords are not trimmed
  Commands cmds = Reduce(s, SubmitSignIn{});
  auto http = Https(cmds);
  REQUIRE(http.size() == 1);
  CHECK(http[0].request == Request::SignIn);
  CHECK(http[0].method == "POST");
  CHECK(http[0].path == "/api/auth/login");
  CHECK(http[0].token.empty());
  CHECK(json::parse(http[0].body) == json{{"email", "amira@example.com"}, {"password", " pass word 1 "}});
  CHECK(s.sign_in.busy);
  CHECK_FALSE(s.sign_in.error);
  CHECK(Reduce(s, SubmitSignIn{}).empty());  // a second tap while the first is under way
}

TEST_CASE("a successful sign-in stores the token and opens the role's home") {
  AppState s;
  Reduce(s, AppStarted{"", "#/signin"});
  s.sign_in.email = "amira@example.com";
  s.sign_in.password = "correct horse";
  Reduce(s, SubmitSignIn{});
  json answer{{"token", "tok-fresh-42"}, {"user", CustomerJson()}};
  Commands cmds = Reduce(s, HttpDone{Request::SignIn, 200, answer.dump(), ""});
  REQUIRE(s.session);
  CHECK(s.session->token == "tok-fresh-42");
  CHECK(s.session->user.email == "amira@example.com");
  REQUIRE_FALSE(cmds.empty());
  REQUIRE(std::holds_alternative<StoreToken>(cmds.front()));  // stored before anything uses it
  CHECK(std::get<StoreToken>(cmds.front()).token == "tok-fresh-42");
  CHECK(Hashes(cmds) == std::vector<std::string>{"#/my-issues"});
  auto http = Https(cmds);
  REQUIRE(http.size() == 1);
  CHECK(http[0].request == Request::MyIssues);
  CHECK(http[0].token == "tok-fresh-42");
  CHECK(s.route == Route{Screen::CustomerHome, ""});
  CHECK(s.sign_in.password.empty());  // the form does not keep the password
  CHECK_FALSE(s.sign_in.busy);
}

TEST_CASE("a refused sign-in shows the server's message and keeps the user signed out") {
  AppState s;
  Reduce(s, AppStarted{"", "#/signin"});
  s.sign_in.email = "amira@example.com";
  s.sign_in.password = "wrong password";
  Reduce(s, SubmitSignIn{});
  Commands cmds = Reduce(
      s, HttpDone{Request::SignIn, 401, ErrorJson("invalid_credentials", "That email and password do not match."), ""});
  CHECK(cmds.empty());  // not a "session ended": no token forgotten, no redirect
  CHECK_FALSE(s.session);
  CHECK_FALSE(s.sign_in.busy);
  REQUIRE(s.sign_in.error);
  CHECK(s.sign_in.error->status == 401);
  CHECK(s.sign_in.error->code == "invalid_credentials");
  CHECK(s.sign_in.error->message == "That email and password do not match.");
  CHECK(s.sign_in.email == "amira@example.com");
  CHECK(s.notice.empty());
  CHECK(s.route == Route{Screen::SignIn, ""});
}

TEST_CASE("a sign-in that cannot reach the server says so") {
  AppState s;
  Reduce(s, AppStarted{"", "#/signin"});
  s.sign_in.email = "amira@example.com";
  s.sign_in.password = "correct horse";
  Reduce(s, SubmitSignIn{});
  CHECK(Reduce(s, HttpDone{Request::SignIn, 0, "", ""}).empty());
  REQUIRE(s.sign_in.error);
  CHECK(s.sign_in.error->code == "network");
  CHECK_FALSE(s.sign_in.busy);
}

TEST_CASE("sign-up refuses what the server would refuse before a round trip") {
  AppState s;
  Reduce(s, AppStarted{"", "#/signup"});
  auto& f = s.sign_up;
  f.full_name = "Amira Haddad";
  f.email = "amira@example.com";
  f.city = "Dubai";

  f.password = "short";
  CHECK(Reduce(s, SubmitSignUp{}).empty());
  REQUIRE(f.error);
  CHECK(f.error->field == "password");

  f.password = "long enough password";
  f.full_name = " A ";
  CHECK(Reduce(s, SubmitSignUp{}).empty());
  REQUIRE(f.error);
  CHECK(f.error->field == "full_name");

  f.full_name = "Amira Haddad";
  f.email = "amira@";
  CHECK(Reduce(s, SubmitSignUp{}).empty());
  REQUIRE(f.error);
  CHECK(f.error->field == "email");
  CHECK_FALSE(f.busy);
}

TEST_CASE("signing up as a mechanic posts role mechanic and lands on the profile form") {
  AppState s;
  Reduce(s, AppStarted{"", "#/signup"});
  auto& f = s.sign_up;
  f.full_name = " Omar Saleh ";
  f.email = "omar.garage@example.com";
  f.password = "spanner-and-socket";
  f.city = "Sharjah ";
  f.role = 1;
  auto http = Https(Reduce(s, SubmitSignUp{}));
  REQUIRE(http.size() == 1);
  CHECK(http[0].request == Request::SignUp);
  CHECK(http[0].method == "POST");
  CHECK(http[0].path == "/api/auth/signup");
  CHECK(http[0].token.empty());
  CHECK(json::parse(http[0].body) == json{{"email", "omar.garage@example.com"},
                                          {"password", "spanner-and-socket"},
                                          {"full_name", "Omar Saleh"},
                                          {"city", "Sharjah"},
                                          {"role", "mechanic"}});
  CHECK(s.sign_up.busy);

  json answer{{"token", "tok-mech-1"}, {"user", MechanicUserJson()}};
  Commands cmds = Reduce(s, HttpDone{Request::SignUp, 201, answer.dump(), ""});
  CHECK(StoredTokens(cmds) == std::vector<std::string>{"tok-mech-1"});
  CHECK(s.sign_up.password.empty());
  // Where a mechanic lands depends on their mechanic profile, which /api/auth/me carries.
  http = Https(cmds);
  REQUIRE(http.size() == 1);
  CHECK(http[0].request == Request::Me);
  CHECK(http[0].path == "/api/auth/me");
  CHECK(http[0].token == "tok-mech-1");
  CHECK(Hashes(cmds).empty());

  cmds = Reduce(s, HttpDone{Request::Me, 200, MechanicUserJson().dump(), http[0].context});
  REQUIRE(s.session);
  CHECK(s.session->token == "tok-mech-1");
  CHECK(s.session->user.role == Role::Mechanic);
  CHECK_FALSE(s.booting);
  CHECK(s.route == Route{Screen::MechanicProfile, ""});
  CHECK(Hashes(cmds) == std::vector<std::string>{"#/profile"});
  CHECK(s.onboarding.city == "Sharjah");  // the form starts from the sign-up city
}

TEST_CASE("a returning mechanic who signs in lands on the feed once their profile is fetched") {
  AppState s;
  Reduce(s, AppStarted{"", "#/signin"});
  s.sign_in.email = "omar.garage@example.com";
  s.sign_in.password = "spanner-and-socket";
  Reduce(s, SubmitSignIn{});
  json answer{{"token", "tok-mech-2"}, {"user", MechanicUserJson()}};  // login answers carry no "mechanic"
  Commands cmds = Reduce(s, HttpDone{Request::SignIn, 200, answer.dump(), ""});
  CHECK(StoredTokens(cmds) == std::vector<std::string>{"tok-mech-2"});
  auto http = Https(cmds);
  REQUIRE(http.size() == 1);
  CHECK(http[0].request == Request::Me);
  CHECK(http[0].token == "tok-mech-2");

  json me = MechanicUserJson();
  me["mechanic"] = MechanicProfileJson("Twelve years on Japanese and German engines.", json::array({"engine"}),
                                       "verified");
  cmds = Reduce(s, HttpDone{Request::Me, 200, me.dump(), http[0].context});
  REQUIRE(s.session);
  CHECK(s.session->token == "tok-mech-2");
  REQUIRE(s.session->mechanic);
  CHECK(s.session->mechanic->verification_status == VerificationStatus::Verified);
  CHECK(s.route == Route{Screen::MechanicFeed, ""});
  CHECK(Hashes(cmds) == std::vector<std::string>{"#/feed"});
  http = Https(cmds);
  REQUIRE_FALSE(http.empty());
  for (const auto& h : http) CHECK(h.token == "tok-mech-2");
}

TEST_CASE("signing up as a car owner posts role customer") {
  AppState s;
  Reduce(s, AppStarted{"", "#/signup"});
  s.sign_up.full_name = "Amira Haddad";
  s.sign_up.email = "amira@example.com";
  s.sign_up.password = "long enough password";
  auto http = Https(Reduce(s, SubmitSignUp{}));
  REQUIRE(http.size() == 1);
  CHECK(json::parse(http[0].body).at("role") == "customer");
}

TEST_CASE("a sign-up refused for a taken email shows it under the email field") {
  AppState s;
  Reduce(s, AppStarted{"", "#/signup"});
  s.sign_up.full_name = "Amira Haddad";
  s.sign_up.email = "amira@example.com";
  s.sign_up.password = "long enough password";
  Reduce(s, SubmitSignUp{});
  Commands cmds = Reduce(s, HttpDone{Request::SignUp, 409,
                                     ErrorJson("email_taken", "An account with this email already exists.", "email"), ""});
  CHECK(cmds.empty());
  CHECK_FALSE(s.session);
  CHECK_FALSE(s.sign_up.busy);
  REQUIRE(s.sign_up.error);
  CHECK(s.sign_up.error->status == 409);
  CHECK(s.sign_up.error->code == "email_taken");
  CHECK(s.sign_up.error->field == "email");
}

TEST_CASE("a 200 sign-in answer without a user is shown as an error, not a session") {
  AppState s;
  Reduce(s, AppStarted{"", "#/signin"});
  s.sign_in.email = "amira@example.com";
  s.sign_in.password = "correct horse";
  Reduce(s, SubmitSignIn{});
  Commands cmds = Reduce(s, HttpDone{Request::SignIn, 200, "<html>captive portal</html>", ""});
  CHECK(StoredTokens(cmds).empty());
  CHECK_FALSE(s.session);
  REQUIRE(s.sign_in.error);
  CHECK_FALSE(s.sign_in.busy);
}

TEST_CASE("signing out forgets the token, clears the state and tells the server") {
  AppState s = SignedInCustomer();
  s.wizard.title = "Squeal from the belt";
  Commands cmds = Reduce(s, SignOut{});
  CHECK(StoredTokens(cmds) == std::vector<std::string>{""});
  CHECK(Hashes(cmds) == std::vector<std::string>{""});
  auto http = Https(cmds);
  REQUIRE(http.size() == 1);
  CHECK(http[0].request == Request::SignOut);
  CHECK(http[0].method == "POST");
  CHECK(http[0].path == "/api/auth/logout");
  CHECK(http[0].token == "tok-customer");
  CHECK_FALSE(s.session);
  CHECK_FALSE(s.booting);
  CHECK(s.route == Route{Screen::Landing, ""});
  CHECK(s.wizard.title.empty());
  CHECK(s.my_issues.data.empty());
}

TEST_CASE("signing out without a session sends no logout request") {
  AppState s;
  Reduce(s, AppStarted{"", ""});
  Commands cmds = Reduce(s, SignOut{});
  CHECK(Https(cmds).empty());
  CHECK(StoredTokens(cmds) == std::vector<std::string>{""});
}

TEST_CASE("a 401 on any request signs the user out and asks them to sign in again") {
  auto request = GENERATE(Request::MyIssues, Request::Issue, Request::Responses, Request::CreateIssue,
                          Request::PatchIssueStatus, Request::Feed, Request::CreateResponse);
  INFO("request " << static_cast<int>(request));
  AppState s = SignedInCustomer();
  Commands cmds = Reduce(s, HttpDone{request, 401, ErrorJson("unauthorized", "Please sign in to continue."), ""});
  CHECK_FALSE(s.session);
  CHECK_FALSE(s.booting);
  CHECK(StoredTokens(cmds) == std::vector<std::string>{""});
  CHECK(s.route == Route{Screen::SignIn, ""});
  CHECK(Hashes(cmds) == std::vector<std::string>{"#/signin"});
  CHECK(Https(cmds).empty());
  CHECK_THAT(s.notice, Catch::Contains("sign in again"));
}

TEST_CASE("a 401 answering the logout itself starts no second sign-out") {
  AppState s = SignedInCustomer();
  Reduce(s, SignOut{});
  Commands cmds = Reduce(s, HttpDone{Request::SignOut, 401, ErrorJson("unauthorized", "Please sign in to continue."), ""});
  CHECK(cmds.empty());
  CHECK(s.notice.empty());
  CHECK(s.route == Route{Screen::Landing, ""});
}

TEST_CASE("a late 401 from the previous logout does not sign out the next user") {
  AppState s = SignedInCustomer();
  Reduce(s, SignOut{});
  s.sign_in.email = "amira@example.com";
  s.sign_in.password = "correct horse";
  Reduce(s, SubmitSignIn{});
  json answer{{"token", "tok-next"}, {"user", CustomerJson()}};
  Reduce(s, HttpDone{Request::SignIn, 200, answer.dump(), ""});
  REQUIRE(s.session);
  // The old token's logout answers only now; that token was already revoked.
  Commands cmds = Reduce(s, HttpDone{Request::SignOut, 401, ErrorJson("unauthorized", "Please sign in to continue."), ""});
  CHECK(cmds.empty());
  REQUIRE(s.session);
  CHECK(s.session->token == "tok-next");
  CHECK(s.route == Route{Screen::CustomerHome, ""});
}

TEST_CASE("a 403 is shown where it happened and does not sign the user out") {
  AppState s = SignedInCustomer();
  Commands cmds = Reduce(s, HttpDone{Request::MyIssues, 403, ErrorJson("forbidden", "This account is suspended."), ""});
  CHECK(cmds.empty());
  REQUIRE(s.session);
  CHECK(s.route == Route{Screen::CustomerHome, ""});
  REQUIRE(s.my_issues.error);
  CHECK(s.my_issues.error->code == "forbidden");
  CHECK_FALSE(s.my_issues.loading);
}

TEST_CASE("a customer cannot navigate to the admin queue") {
  AppState s = SignedInCustomer();
  Commands cmds = Reduce(s, Navigate{{Screen::AdminVerification, ""}});
  CHECK(s.route == Route{Screen::CustomerHome, ""});
  CHECK(Hashes(cmds) == std::vector<std::string>{"#/my-issues"});
  for (const auto& h : Https(cmds)) CHECK(h.path.rfind("/api/admin", 0) != 0);
  CHECK_FALSE(s.queue.loading);
}

TEST_CASE("a reload on the admin queue as a customer lands on their home") {
  Commands cmds;
  AppState s = Restored(CustomerJson(), "tok-customer", "#/admin/verification", &cmds);
  CHECK(s.route == Route{Screen::CustomerHome, ""});
  for (const auto& h : Https(cmds)) CHECK(h.request != Request::VerificationQueue);
}

TEST_CASE("each role opens only its own screens") {
  struct Case {
    json me;
    Screen screen;
    bool allowed;
  };
  json verified_mechanic = MechanicUserJson();
  verified_mechanic["mechanic"] =
      MechanicProfileJson("Twelve years on Japanese and German engines.", json::array({"engine"}), "verified");
  const std::vector<Case> cases{
      {CustomerJson(), Screen::PostIssue, true},         {CustomerJson(), Screen::MechanicFeed, false},
      {CustomerJson(), Screen::MechanicProfile, false},  {CustomerJson(), Screen::Respond, false},
      {verified_mechanic, Screen::MechanicFeed, true},   {verified_mechanic, Screen::Respond, true},
      {verified_mechanic, Screen::PostIssue, false},     {verified_mechanic, Screen::CustomerHome, false},
      {verified_mechanic, Screen::AdminVerification, false},
      {AdminJson(), Screen::AdminVerification, true},    {AdminJson(), Screen::PostIssue, false},
      {AdminJson(), Screen::MechanicFeed, false},
  };
  for (const auto& c : cases) {
    AppState s = Restored(c.me, "tok", "");
    Route home = HomeRoute(s);
    Route wanted{c.screen, c.screen == Screen::Respond ? "5c3e1a2b" : ""};
    Reduce(s, Navigate{wanted});
    INFO("role " << c.me.at("role") << " screen " << static_cast<int>(c.screen));
    CHECK(s.route == (c.allowed ? wanted : home));
  }
}

TEST_CASE("a signed-in user who opens sign-in or sign-up is sent home") {
  AppState s = SignedInCustomer();
  for (Screen screen : {Screen::SignIn, Screen::SignUp}) {
    Commands cmds = Reduce(s, Navigate{{screen, ""}});
    CHECK(s.route == Route{Screen::CustomerHome, ""});
    CHECK(Hashes(cmds) == std::vector<std::string>{"#/my-issues"});
  }
}

TEST_CASE("navigating clears the previous screen's notice") {
  AppState s;
  Reduce(s, AppStarted{"tok-expired", "#/my-issues"});
  Reduce(s, HttpDone{Request::Me, 401, ErrorJson("unauthorized", "Please sign in to continue."), "boot"});
  REQUIRE_FALSE(s.notice.empty());
  Reduce(s, Navigate{{Screen::SignUp, ""}});
  CHECK(s.notice.empty());
}

TEST_CASE("a mechanic whose profile is empty is sent to the profile form first") {
  json with_empty = MechanicUserJson();
  with_empty["mechanic"] = MechanicProfileJson("", json::array(), "pending");
  for (const json& me : {MechanicUserJson(), with_empty}) {
    Commands cmds;
    AppState s = Restored(me, "tok-mech", "", &cmds);
    CHECK(s.route == Route{Screen::MechanicProfile, ""});
    CHECK(Hashes(cmds) == std::vector<std::string>{"#/profile"});
  }
}

TEST_CASE("a mechanic with a profile lands on the feed, which refreshes the profile from /api/auth/me") {
  json me = MechanicUserJson();
  me["mechanic"] = MechanicProfileJson("Twelve years on Japanese and German engines.", json::array({"engine", "ac"}),
                                       "pending");
  Commands cmds;
  AppState s = Restored(me, "tok-mech", "", &cmds);
  REQUIRE(s.session);
  REQUIRE(s.session->mechanic);
  CHECK(s.session->mechanic->verification_status == VerificationStatus::Pending);
  CHECK(s.session->mechanic->specializations == std::vector<std::string>{"engine", "ac"});
  CHECK(s.route == Route{Screen::MechanicFeed, ""});
  auto http = Https(cmds);
  REQUIRE(http.size() == 3);
  CHECK(http[0].request == Request::Me);
  CHECK(http[0].path == "/api/auth/me");
  CHECK(http[0].context != "boot");
  CHECK(http[0].token == "tok-mech");
  CHECK(http[1].request == Request::Feed);
  CHECK(http[1].token == "tok-mech");
  CHECK(http[2].request == Request::MechanicDocuments);  // the pending screen shows them

  // Meanwhile an admin verified them.
  me["mechanic"]["verification_status"] = "verified";
  me["mechanic"]["verified_at"] = "2026-03-12T09:00:00.000Z";
  CHECK(Reduce(s, HttpDone{Request::Me, 200, me.dump(), ""}).empty());
  REQUIRE(s.session->mechanic);
  CHECK(s.session->mechanic->verification_status == VerificationStatus::Verified);
  CHECK(s.session->token == "tok-mech");
  CHECK(s.route == Route{Screen::MechanicFeed, ""});
}

TEST_CASE("a start-up check answered with something that is not a user ends like a failed check") {
  AppState s;
  Reduce(s, AppStarted{"tok", "#/my-issues"});
  Commands cmds = Reduce(s, HttpDone{Request::Me, 200, "<!doctype html><p>proxy</p>", "boot"});
  CHECK_FALSE(s.booting);
  CHECK_FALSE(s.session);
  CHECK(s.route.screen == Screen::SignIn);
  CHECK(StoredTokens(cmds).empty());  // not a 401: the token is kept for a later reload
}

TEST_CASE("a 401 on a later profile refresh signs the user out") {
  AppState s = SignedInCustomer();
  Reduce(s, HttpDone{Request::Me, 401, ErrorJson("unauthorized", "Please sign in to continue."), ""});
  CHECK_FALSE(s.session);
  CHECK(s.route.screen == Screen::SignIn);
}
