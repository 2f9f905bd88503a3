// A car owner's issues in the app's reducer (src/app/state/reduce_issues.cpp): the posting
// wizard, "My issues", an issue's page, its responses and its status.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/json_codecs.hpp"
#include "core/validation.hpp"
#include "app_test_support.hpp"
#include "state/reduce.hpp"

using namespace salik;
using namespace salik::app;
using nlohmann::json;

namespace {

const std::string kIssueA = "5c3e1a2b-0d9f-4e8c-b7a6-112233445566";
const std::string kIssueB = "77aa88bb-99cc-4dde-8eff-001122334455";
const std::string kCustomerId = "6b1f0c52-9a3e-4d7b-8c21-0f4e5a6b7c8d";



json IssueJson(const std::string& id, const std::string& title, const std::string& status = "open") {
  return json{{"id", id},
              {"customer_id", kCustomerId},
              {"customer_name", "Amira H."},
              {"title", title},
              {"description", "A metal grinding sound from the front left wheel when I brake."},
              {"car_make", "Toyota"},
              {"car_model", "Camry"},
              {"car_year", 2019},
              {"car_mileage", 85000},
              {"category", "brakes"},
              {"urgency", "urgent"},
              {"status", status},
              {"location_city", "Dubai"},
              {"budget_range", "50_200"},
              {"is_public", true},
              {"response_count", 0},
              {"created_at", "2026-03-12T09:55:00.000Z"},
              {"updated_at", "2026-03-12T09:55:00.000Z"}};
}

json ResponseJson(const std::string& id, const std::string& issue_id) {
  return json{{"id", id},
              {"issue_id", issue_id},
              {"mechanic_id", "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"},
              {"mechanic_name", "Omar Saleh"},
              {"mechanic_rating", 4.6},
              {"mechanic_rating_count", 18},
              {"mechanic_verified", true},
              {"initial_diagnosis", "Worn front pads; the backing plate is touching the disc."},
              {"estimated_cost_min", 15000},
              {"estimated_cost_max", 30000},
              {"estimated_fix_time", "2 hours"},
              {"confidence_level", "high"},
              {"needs_video_call", false},
              {"created_at", "2026-03-12T10:05:00.000Z"}};
}

// A car owner in Dubai, signed in from a stored token, on "My issues".
AppState SignedInCustomer() {
  AppState s;
  Reduce(s, AppStarted{"tok-customer", "#/my-issues"});
  json me{{"id", kCustomerId}, {"role", "customer"},  {"email", "amira@example.com"},
          {"full_name", "Amira Haddad"}, {"city", "Dubai"}, {"country", "AE"}, {"is_active", true}};
  Reduce(s, HttpDone{Request::Me, 200, me.dump(), "boot"});
  REQUIRE(s.session);
  return s;
}

// Step 1 filled in: a title, a description and the brakes category.
void FillProblem(IssueWizard& w) {
  w.title = "Grinding noise when braking";
  w.description = "A metal grinding sound from the front left wheel when I brake.";
  w.category = 1;  // AllCategories()[1]: brakes
  w.urgency = 2;   // urgent
}
void FillCar(IssueWizard& w) {
  w.car_make = "Toyota";
  w.car_model = "Camry";
  w.car_year = "2019";
  w.car_mileage = "85,000";
  w.budget = 1;  // 50_200
}

// The wizard on the review step, everything valid.
AppState OnReview() {
  AppState s = SignedInCustomer();
  Reduce(s, Navigate{{Screen::PostIssue, ""}});
  FillProblem(s.wizard);
  Reduce(s, WizardNext{});
  FillCar(s.wizard);
  Reduce(s, WizardNext{});
  REQUIRE(s.wizard.step == 3);  // media, left empty
  Reduce(s, WizardNext{});
  REQUIRE(s.wizard.step == 4);
  return s;
}

}  // namespace

TEST_CASE("opening the wizard fills the city from the profile and asks the server for nothing") {
  AppState s = SignedInCustomer();
  Commands cmds = Reduce(s, Navigate{{Screen::PostIssue, ""}});
  CHECK(s.route == Route{Screen::PostIssue, ""});
  CHECK(Hashes(cmds) == std::vector<std::string>{"#/post"});
  CHECK(Https(cmds).empty());
  CHECK(s.wizard.step == 1);
  CHECK(s.wizard.location_city == "Dubai");
}

TEST_CASE("the wizard does not leave step 1 while the title is too short") {
  AppState s = SignedInCustomer();
  Reduce(s, Navigate{{Screen::PostIssue, ""}});
  FillProblem(s.wizard);
  s.wizard.title = " Nois ";  // four characters once trimmed
  CHECK(Reduce(s, WizardNext{}).empty());
  CHECK(s.wizard.step == 1);
  REQUIRE(s.wizard.error);
  CHECK(s.wizard.error->field == "title");

  s.wizard.title = "Noisy";  // five is enough
  Reduce(s, WizardNext{});
  CHECK(s.wizard.step == 2);
  CHECK_FALSE(s.wizard.error);
}

TEST_CASE("step 1 needs a description of at least 10 characters and a category") {
  AppState s = SignedInCustomer();
  Reduce(s, Navigate{{Screen::PostIssue, ""}});
  FillProblem(s.wizard);
  s.wizard.description = "It grinds";
  Reduce(s, WizardNext{});
  CHECK(s.wizard.step == 1);
  REQUIRE(s.wizard.error);
  CHECK(s.wizard.error->field == "description");

  FillProblem(s.wizard);
  s.wizard.category = -1;
  Reduce(s, WizardNext{});
  CHECK(s.wizard.step == 1);
  REQUIRE(s.wizard.error);
  CHECK(s.wizard.error->field == "category");
}

TEST_CASE("a complete step 1 moves on while the car is still empty") {
  AppState s = SignedInCustomer();
  Reduce(s, Navigate{{Screen::PostIssue, ""}});
  FillProblem(s.wizard);
  Reduce(s, WizardNext{});
  CHECK(s.wizard.step == 2);
  CHECK_FALSE(s.wizard.error);
}

TEST_CASE("the car step refuses a missing make and a year that is not a car's year, naming the field") {
  struct Case {
    const char* make;
    const char* year;
    const char* mileage;
    const char* field;
  };
  for (const Case& c : {Case{"", "2019", "", "car_make"}, Case{"Toyota", "", "", "car_year"},
                        Case{"Toyota", "twenty nineteen", "", "car_year"}, Case{"Toyota", "1949", "", "car_year"},
                        Case{"Toyota", "3000", "", "car_year"}, Case{"Toyota", "2019", "lots", "car_mileage"},
                        Case{"Toyota", "2019", "2,000,001", "car_mileage"}}) {
    AppState s = SignedInCustomer();
    Reduce(s, Navigate{{Screen::PostIssue, ""}});
    FillProblem(s.wizard);
    Reduce(s, WizardNext{});
    FillCar(s.wizard);
    s.wizard.car_make = c.make;
    s.wizard.car_year = c.year;
    s.wizard.car_mileage = c.mileage;
    INFO("make '" << c.make << "' year '" << c.year << "' mileage '" << c.mileage << "'");
    CHECK(Reduce(s, WizardNext{}).empty());
    CHECK(s.wizard.step == 2);
    REQUIRE(s.wizard.error);
    CHECK(s.wizard.error->field == c.field);
  }
}

TEST_CASE("a complete car step opens the media step, then the review; back retraces it") {
  AppState s = OnReview();
  CHECK(s.wizard.step == 4);
  CHECK_FALSE(s.wizard.error);
  Reduce(s, WizardBack{});
  CHECK(s.wizard.step == 3);
  Reduce(s, WizardBack{});
  CHECK(s.wizard.step == 2);
  Reduce(s, WizardBack{});
  CHECK(s.wizard.step == 1);
  Reduce(s, WizardBack{});
  CHECK(s.wizard.step == 1);
  CHECK(s.wizard.title == "Grinding noise when braking");  // going back keeps what was typed
}

TEST_CASE("posting sends the wizard's fields as the API's JSON with year and mileage as numbers") {
  AppState s = OnReview();
  Commands cmds = Reduce(s, WizardPost{});
  auto http = Https(cmds);
  REQUIRE(cmds.size() == 1);
  REQUIRE(http.size() == 1);
  CHECK(http[0].request == Request::CreateIssue);
  CHECK(http[0].method == "POST");
  CHECK(http[0].path == "/api/issues");
  CHECK(http[0].token == "tok-customer");
  json body = json::parse(http[0].body);
  CHECK(body.at("title") == "Grinding noise when braking");
  CHECK(body.at("description") == "A metal grinding sound from the front left wheel when I brake.");
  CHECK(body.at("category") == "brakes");
  CHECK(body.at("urgency") == "urgent");
  CHECK(body.at("car_make") == "Toyota");
  CHECK(body.at("car_model") == "Camry");
  CHECK(body.at("car_year").is_number_integer());
  CHECK(body.at("car_year") == 2019);
  CHECK(body.at("car_mileage").is_number_integer());
  CHECK(body.at("car_mileage") == 85000);  // "85,000" as typed
  CHECK(body.at("budget_range") == "50_200");
  CHECK(body.at("location_city") == "Dubai");
  CHECK(ParseIssueInput(body, CurrentUtcYear()).ok());  // what the server will accept
  CHECK(s.wizard.busy);
}

TEST_CASE("an empty mileage is left out of the posted issue and the defaults go as wire names") {
  AppState s = SignedInCustomer();
  Reduce(s, Navigate{{Screen::PostIssue, ""}});
  auto& w = s.wizard;
  w.title = "AC blows warm air";
  w.description = "The AC stopped cooling yesterday, only warm air comes out.";
  w.category = 4;  // ac
  Reduce(s, WizardNext{});
  w.car_make = "Nissan";
  w.car_model = "Patrol";
  w.car_year = " 2021 ";
  Reduce(s, WizardNext{});
  auto http = Https(Reduce(s, WizardPost{}));
  REQUIRE(http.size() == 1);
  json body = json::parse(http[0].body);
  CHECK_FALSE(body.contains("car_mileage"));
  CHECK(body.at("car_year") == 2021);
  CHECK(body.at("category") == "ac");
  CHECK(body.at("urgency") == "normal");
  CHECK(body.at("budget_range") == "not_sure");
}

TEST_CASE("posting twice while the first post is under way sends one request") {
  AppState s = OnReview();
  CHECK(Https(Reduce(s, WizardPost{})).size() == 1);
  CHECK(Reduce(s, WizardPost{}).empty());
}

TEST_CASE("posting with an invalid field returns to the step that shows it without a request") {
  AppState s = OnReview();
  s.wizard.car_year = "1890";
  CHECK(Reduce(s, WizardPost{}).empty());
  CHECK(s.wizard.step == 2);
  REQUIRE(s.wizard.error);
  CHECK(s.wizard.error->field == "car_year");
  CHECK_FALSE(s.wizard.busy);

  s = OnReview();
  s.wizard.title = "";
  CHECK(Reduce(s, WizardPost{}).empty());
  CHECK(s.wizard.step == 1);
  REQUIRE(s.wizard.error);
  CHECK(s.wizard.error->field == "title");
}

TEST_CASE("a posted issue opens the done step and leads My issues") {
  AppState s = OnReview();
  s.my_issues.data.push_back(IssueJson(kIssueB, "Older issue").get<Issue>());
  Reduce(s, WizardPost{});
  Commands cmds =
      Reduce(s, HttpDone{Request::CreateIssue, 201, IssueJson(kIssueA, "Grinding noise when braking").dump(), ""});
  CHECK(cmds.empty());
  CHECK_FALSE(s.wizard.busy);
  CHECK(s.wizard.step == 5);
  CHECK(s.wizard.posted_issue_id == kIssueA);
  REQUIRE(s.my_issues.data.size() == 2);
  CHECK(s.my_issues.data[0].id == kIssueA);
  CHECK(s.my_issues.data[0].title == "Grinding noise when braking");
  CHECK(s.my_issues.data[0].car_mileage == 85000);
  CHECK(s.my_issues.data[1].id == kIssueB);
}

TEST_CASE("a server refusal with a field sends the wizard back to that field's step") {
  struct Case {
    const char* field;
    int step;
  };
  for (const Case& c : {Case{"title", 1}, Case{"description", 1}, Case{"car_model", 2}, Case{"location_city", 2}}) {
    AppState s = OnReview();
    Reduce(s, WizardPost{});
    Reduce(s, HttpDone{Request::CreateIssue, 400, ErrorJson("invalid_field", "That is not allowed here.", c.field), ""});
    INFO("field " << c.field);
    CHECK(s.wizard.step == c.step);
    REQUIRE(s.wizard.error);
    CHECK(s.wizard.error->field == c.field);
    CHECK(s.wizard.error->message == "That is not allowed here.");
    CHECK_FALSE(s.wizard.busy);
    CHECK(s.wizard.posted_issue_id.empty());
  }
}

TEST_CASE("a refusal without a field, like the hourly posting limit, stays on the review step") {
  AppState s = OnReview();
  Reduce(s, WizardPost{});
  Reduce(s, HttpDone{Request::CreateIssue, 429,
                     ErrorJson("rate_limited", "You can post 5 issues an hour. Try again in a few minutes."), ""});
  CHECK(s.wizard.step == 4);
  REQUIRE(s.wizard.error);
  CHECK(s.wizard.error->status == 429);
  CHECK(s.wizard.error->code == "rate_limited");
  CHECK_FALSE(s.wizard.busy);
  CHECK(s.wizard.title == "Grinding noise when braking");  // nothing typed is lost
  CHECK(Https(Reduce(s, WizardPost{})).size() == 1);       // and it can be tried again
}

TEST_CASE("returning to the wizard after posting starts a fresh issue") {
  AppState s = OnReview();
  Reduce(s, WizardPost{});
  Reduce(s, HttpDone{Request::CreateIssue, 201, IssueJson(kIssueA, "Grinding noise when braking").dump(), ""});
  REQUIRE(s.wizard.step == 5);
  Reduce(s, Navigate{{Screen::CustomerHome, ""}});
  Reduce(s, Navigate{{Screen::PostIssue, ""}});
  CHECK(s.wizard.step == 1);
  CHECK(s.wizard.title.empty());
  CHECK(s.wizard.posted_issue_id.empty());
  CHECK(s.wizard.location_city == "Dubai");
}

TEST_CASE("a half-written issue survives leaving the wizard and coming back") {
  AppState s = SignedInCustomer();
  Reduce(s, Navigate{{Screen::PostIssue, ""}});
  FillProblem(s.wizard);
  Reduce(s, WizardNext{});
  Reduce(s, Navigate{{Screen::CustomerHome, ""}});
  Reduce(s, Navigate{{Screen::PostIssue, ""}});
  CHECK(s.wizard.step == 2);
  CHECK(s.wizard.title == "Grinding noise when braking");
}

TEST_CASE("start over clears the wizard but keeps the profile's city") {
  AppState s = OnReview();
  s.wizard.location_city = "Al Ain";
  Reduce(s, WizardStartOver{});
  CHECK(s.wizard.step == 1);
  CHECK(s.wizard.title.empty());
  CHECK(s.wizard.car_year.empty());
  CHECK(s.wizard.category == -1);
  CHECK(s.wizard.location_city == "Dubai");
}

TEST_CASE("My issues loads the customer's own issues from items") {
  AppState s = SignedInCustomer();
  Commands cmds = Reduce(s, Navigate{{Screen::CustomerHome, ""}});
  auto http = Https(cmds);
  REQUIRE(http.size() == 1);
  CHECK(http[0].request == Request::MyIssues);
  CHECK(http[0].method == "GET");
  CHECK(http[0].path == "/api/issues?mine=1&limit=50");
  CHECK(http[0].token == "tok-customer");
  CHECK(s.my_issues.loading);

  json page{{"items", json::array({IssueJson(kIssueA, "Grinding noise when braking", "in_progress"),
                                   IssueJson(kIssueB, "AC blows warm air", "resolved")})},
            {"limit", 50},
            {"offset", 0}};
  CHECK(Reduce(s, HttpDone{Request::MyIssues, 200, page.dump(), ""}).empty());
  CHECK_FALSE(s.my_issues.loading);
  CHECK(s.my_issues.loaded);
  CHECK_FALSE(s.my_issues.error);
  REQUIRE(s.my_issues.data.size() == 2);
  CHECK(s.my_issues.data[0].id == kIssueA);
  CHECK(s.my_issues.data[0].status == IssueStatus::InProgress);
  CHECK(s.my_issues.data[1].title == "AC blows warm air");
  CHECK(s.my_issues.data[1].status == IssueStatus::Resolved);
}

TEST_CASE("a reloaded list replaces the old one rather than adding to it") {
  AppState s = SignedInCustomer();
  json one{{"items", json::array({IssueJson(kIssueA, "Grinding noise when braking")})}};
  Reduce(s, HttpDone{Request::MyIssues, 200, one.dump(), ""});
  Reduce(s, HttpDone{Request::MyIssues, 200, one.dump(), ""});
  CHECK(s.my_issues.data.size() == 1);
  Reduce(s, HttpDone{Request::MyIssues, 200, json{{"items", json::array()}}.dump(), ""});
  CHECK(s.my_issues.data.empty());
  CHECK(s.my_issues.loaded);
}

TEST_CASE("a failed list keeps what was shown and says why") {
  AppState s = SignedInCustomer();
  json one{{"items", json::array({IssueJson(kIssueA, "Grinding noise when braking")})}};
  Reduce(s, HttpDone{Request::MyIssues, 200, one.dump(), ""});
  Reduce(s, Navigate{{Screen::CustomerHome, ""}});
  Reduce(s, HttpDone{Request::MyIssues, 500, ErrorJson("internal", "Something went wrong on our side."), ""});
  CHECK_FALSE(s.my_issues.loading);
  REQUIRE(s.my_issues.error);
  CHECK(s.my_issues.error->status == 500);
  CHECK(s.my_issues.error->message == "Something went wrong on our side.");
  REQUIRE(s.my_issues.data.size() == 1);
  CHECK(s.my_issues.data[0].id == kIssueA);
  REQUIRE(s.session);  // a 500 is not a sign-out
}

TEST_CASE("an issue page loads the issue and its responses") {
  AppState s = SignedInCustomer();
  Commands cmds = Reduce(s, Navigate{{Screen::IssueDetail, kIssueA}});
  CHECK(Hashes(cmds) == std::vector<std::string>{"#/issues/" + kIssueA});
  auto http = Https(cmds);
  REQUIRE(http.size() == 2);
  CHECK(http[0].request == Request::Issue);
  CHECK(http[0].path == "/api/issues/" + kIssueA);
  CHECK(http[0].context == kIssueA);
  CHECK(http[1].request == Request::Responses);
  CHECK(http[1].path == "/api/issues/" + kIssueA + "/responses");
  CHECK(http[1].context == kIssueA);
  CHECK(s.issue.loading);
  CHECK(s.responses.loading);

  Reduce(s, HttpDone{Request::Issue, 200, IssueJson(kIssueA, "Grinding noise when braking").dump(), kIssueA});
  json responses{{"items", json::array({ResponseJson("r-1", kIssueA), ResponseJson("r-2", kIssueA)})}};
  Reduce(s, HttpDone{Request::Responses, 200, responses.dump(), kIssueA});
  CHECK(s.issue.loaded);
  CHECK_FALSE(s.issue.loading);
  CHECK(s.issue.data.id == kIssueA);
  CHECK(s.issue.data.category == Category::Brakes);
  CHECK(s.issue.data.urgency == Urgency::Urgent);
  CHECK(s.issue.data.budget_range == BudgetRange::From50To200);
  CHECK(s.responses.loaded);
  REQUIRE(s.responses.data.size() == 2);
  CHECK(s.responses.data[0].estimated_cost_min == 15000);
  CHECK(s.responses.data[0].confidence_level == Confidence::High);
  CHECK(s.responses.data[1].id == "r-2");
}

TEST_CASE("an issue that is not there is shown as not found") {
  AppState s = SignedInCustomer();
  Reduce(s, Navigate{{Screen::IssueDetail, kIssueA}});
  Reduce(s, HttpDone{Request::Issue, 404, ErrorJson("not_found", "We could not find that issue."), kIssueA});
  CHECK_FALSE(s.issue.loading);
  CHECK_FALSE(s.issue.loaded);
  REQUIRE(s.issue.error);
  CHECK(s.issue.error->code == "not_found");
  REQUIRE(s.session);
}

TEST_CASE("answers for an issue the user has left are ignored") {
  AppState s = SignedInCustomer();
  Reduce(s, Navigate{{Screen::IssueDetail, kIssueA}});
  Reduce(s, Navigate{{Screen::IssueDetail, kIssueB}});
  Reduce(s, HttpDone{Request::Issue, 200, IssueJson(kIssueA, "Grinding noise when braking").dump(), kIssueA});
  json responses{{"items", json::array({ResponseJson("r-1", kIssueA)})}};
  Reduce(s, HttpDone{Request::Responses, 200, responses.dump(), kIssueA});
  CHECK(s.issue.data.id != kIssueA);
  CHECK(s.issue.loading);  // still waiting for B
  CHECK(s.responses.data.empty());
  CHECK(s.responses.loading);

  Reduce(s, HttpDone{Request::Issue, 200, IssueJson(kIssueB, "AC blows warm air").dump(), kIssueB});
  CHECK(s.issue.data.id == kIssueB);
  CHECK_FALSE(s.issue.loading);
}

TEST_CASE("opening another issue does not show the previous one while it loads") {
  AppState s = SignedInCustomer();
  Reduce(s, Navigate{{Screen::IssueDetail, kIssueA}});
  Reduce(s, HttpDone{Request::Issue, 200, IssueJson(kIssueA, "Grinding noise when braking").dump(), kIssueA});
  Reduce(s, Navigate{{Screen::IssueDetail, kIssueB}});
  CHECK(s.issue.data.id.empty());
  CHECK_FALSE(s.issue.loaded);
  CHECK(s.issue.loading);
}

TEST_CASE("marking an issue resolved patches its status and says so") {
  AppState s = SignedInCustomer();
  Reduce(s, Navigate{{Screen::IssueDetail, kIssueA}});
  Reduce(s, HttpDone{Request::Issue, 200, IssueJson(kIssueA, "Grinding noise when braking").dump(), kIssueA});
  auto http = Https(Reduce(s, SetIssueStatus{IssueStatus::Resolved}));
  REQUIRE(http.size() == 1);
  CHECK(http[0].request == Request::PatchIssueStatus);
  CHECK(http[0].method == "PATCH");
  CHECK(http[0].path == "/api/issues/" + kIssueA);
  CHECK(json::parse(http[0].body) == json{{"status", "resolved"}});
  CHECK(http[0].token == "tok-customer");
  CHECK(http[0].context == kIssueA);
  CHECK(s.status_busy);
  CHECK(Reduce(s, SetIssueStatus{IssueStatus::Closed}).empty());  // one change at a time

  Reduce(s, HttpDone{Request::PatchIssueStatus, 200,
                     IssueJson(kIssueA, "Grinding noise when braking", "resolved").dump(), kIssueA});
  CHECK_FALSE(s.status_busy);
  CHECK(s.issue.data.status == IssueStatus::Resolved);
  CHECK(s.notice == "Marked as resolved.");
  CHECK_FALSE(s.status_error);
}

TEST_CASE("closing an issue says the status was updated") {
  AppState s = SignedInCustomer();
  Reduce(s, Navigate{{Screen::IssueDetail, kIssueA}});
  Reduce(s, HttpDone{Request::Issue, 200, IssueJson(kIssueA, "Grinding noise when braking").dump(), kIssueA});
  auto http = Https(Reduce(s, SetIssueStatus{IssueStatus::Closed}));
  REQUIRE(http.size() == 1);
  CHECK(json::parse(http[0].body) == json{{"status", "closed"}});
  Reduce(s, HttpDone{Request::PatchIssueStatus, 200,
                     IssueJson(kIssueA, "Grinding noise when braking", "closed").dump(), kIssueA});
  CHECK(s.issue.data.status == IssueStatus::Closed);
  CHECK(s.notice == "Status updated.");
}

TEST_CASE("a status change before the issue has loaded asks for nothing") {
  AppState s = SignedInCustomer();
  Reduce(s, Navigate{{Screen::IssueDetail, kIssueA}});
  CHECK(Reduce(s, SetIssueStatus{IssueStatus::Resolved}).empty());
  CHECK_FALSE(s.status_busy);
}

TEST_CASE("a refused status change shows the reason and keeps the issue as it was") {
  AppState s = SignedInCustomer();
  Reduce(s, Navigate{{Screen::IssueDetail, kIssueA}});
  Reduce(s, HttpDone{Request::Issue, 200, IssueJson(kIssueA, "Grinding noise when braking").dump(), kIssueA});
  Reduce(s, SetIssueStatus{IssueStatus::Resolved});
  Reduce(s, HttpDone{Request::PatchIssueStatus, 403,
                     ErrorJson("forbidden", "Only the car owner can change this issue."), kIssueA});
  CHECK_FALSE(s.status_busy);
  REQUIRE(s.status_error);
  CHECK(s.status_error->code == "forbidden");
  CHECK(s.issue.data.status == IssueStatus::Open);
  CHECK(s.issue.data.id == kIssueA);
  CHECK_FALSE(s.issue.error);  // the page itself still shows the issue
  CHECK(s.notice.empty());
  // Reopening the page clears the old refusal.
  Reduce(s, Navigate{{Screen::IssueDetail, kIssueA}});
  CHECK_FALSE(s.status_error);
}

TEST_CASE("a status change answered after the user moved on still frees the Mark resolved button") {
  AppState s = SignedInCustomer();
  Reduce(s, Navigate{{Screen::IssueDetail, kIssueA}});
  Reduce(s, HttpDone{Request::Issue, 200, IssueJson(kIssueA, "Grinding noise when braking").dump(), kIssueA});
  REQUIRE(Https(Reduce(s, SetIssueStatus{IssueStatus::Resolved})).size() == 1);
  Reduce(s, Navigate{{Screen::IssueDetail, kIssueB}});
  Reduce(s, HttpDone{Request::PatchIssueStatus, 200,
                     IssueJson(kIssueA, "Grinding noise when braking", "resolved").dump(), kIssueA});
  Reduce(s, HttpDone{Request::Issue, 200, IssueJson(kIssueB, "AC blowing warm air").dump(), kIssueB});
  CHECK_FALSE(s.status_busy);
  CHECK(s.issue.data.title == "AC blowing warm air");
  auto sent = Https(Reduce(s, SetIssueStatus{IssueStatus::Resolved}));
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].path == "/api/issues/" + kIssueB);
}

TEST_CASE("a 401 leaves a clean signed-out state with no error left on any screen") {
  AppState s = SignedInCustomer();
  Reduce(s, HttpDone{Request::MyIssues, 401, ErrorJson("unauthorized", "Please sign in to continue."), ""});
  CHECK_FALSE(s.session);
  CHECK_FALSE(s.my_issues.error);
  CHECK(s.route.screen == Screen::SignIn);
}
