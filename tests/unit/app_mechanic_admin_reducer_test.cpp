// Mechanics and admins in the app's reducer (src/app/state/reduce_mechanic.cpp, reduce_admin.cpp,
// the feed query in reduce.cpp): the profile form, the feed, a response, the verification queue.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/validation.hpp"
#include "app_test_support.hpp"
#include "state/reduce.hpp"

using namespace salik;
using namespace salik::app;
using nlohmann::json;

namespace {

const std::string kMechanicId = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
const std::string kOtherMechanicId = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const std::string kIssueA = "5c3e1a2b-0d9f-4e8c-b7a6-112233445566";


json MechanicProfileJson(const std::string& id, const std::string& name, const std::string& status) {
  return json{{"id", id},
              {"full_name", name},
              {"city", ""},
              {"bio", "Twelve years on Japanese and German engines, A/C specialist."},
              {"specializations", json::array({"engine", "ac"})},
              {"experience_years", 12},
              {"hourly_rate", 15000},
              {"service_tier", "workshop_partner"},
              {"verification_status", status},
              {"rejection_reason", ""},
              {"rating_avg", 0.0},
              {"rating_count", 0},
              {"is_available", true},
              {"verified_at", nullptr},
              {"created_at", "2026-03-10T09:30:00.000Z"}};
}
json MechanicMe(std::optional<json> mechanic) {
  json me{{"id", kMechanicId},   {"role", "mechanic"}, {"email", "omar.garage@example.com"},
          {"full_name", "Omar Saleh"}, {"city", "Sharjah"}, {"country", "AE"}, {"is_active", true}};
  if (mechanic) me["mechanic"] = *mechanic;
  return me;
}
// A mechanic who has just signed up: no profile yet, on the profile form.
AppState NewMechanic() { return Restored(MechanicMe(std::nullopt), "tok-mech", ""); }
AppState VerifiedMechanic() {
  return Restored(MechanicMe(MechanicProfileJson(kMechanicId, "Omar Saleh", "verified")), "tok-mech", "");
}

// A filled-in onboarding form that the server's rules accept.
void FillProfile(MechanicProfileForm& f) {
  f.bio = "Ten years at a Toyota dealer, now independent.";
  f.experience_years = "10";
  f.hourly_rate = "150.50";
  f.city = "Sharjah";
  f.specializations.assign(8, false);
  f.specializations[0] = true;  // engine
  f.specializations[1] = true;  // brakes
  f.service_tier = 0;
}

json IssueJson(const std::string& id) {
  return json{{"id", id},          {"customer_id", "6b1f0c52"}, {"customer_name", "Amira H."},
              {"title", "Grinding noise when braking"},
              {"description", "A metal grinding sound from the front left wheel when I brake."},
              {"car_make", "Toyota"}, {"car_model", "Camry"}, {"car_year", 2019}, {"car_mileage", nullptr},
              {"category", "brakes"}, {"urgency", "normal"},  {"status", "open"},   {"location_city", "Dubai"},
              {"budget_range", "not_sure"}, {"is_public", true}, {"response_count", 1},
              {"created_at", "2026-03-12T09:55:00.000Z"}, {"updated_at", "2026-03-12T09:55:00.000Z"}};
}

// A verified mechanic on the respond screen of issue A with a valid answer typed in.
AppState Responding() {
  AppState s = VerifiedMechanic();
  Reduce(s, Navigate{{Screen::Respond, kIssueA}});
  auto& f = s.respond;
  f.diagnosis = "Worn front pads; the backing plate is touching the disc.";
  f.cost_min = "150";
  f.cost_max = "1,250.50";
  f.fix_time = "2 hours";
  f.confidence = 2;  // high
  f.needs_video_call = true;
  return s;
}

// An admin on the verification queue with two pending mechanics loaded.
AppState AdminWithQueue() {
  json me{{"id", "a0000000-0000-4000-8000-000000000001"}, {"role", "admin"}, {"email", "ops@salikchat.ae"},
          {"full_name", "Layla Ops"}, {"city", "Abu Dhabi"}};
  AppState s = Restored(me, "tok-admin", "#/admin/verification");
  json page{{"items", json::array({MechanicProfileJson(kMechanicId, "Omar Saleh", "pending"),
                                   MechanicProfileJson(kOtherMechanicId, "Karim Nasser", "pending")})},
            {"limit", 20},
            {"offset", 0}};
  Reduce(s, HttpDone{Request::VerificationQueue, 200, page.dump(), ""});
  REQUIRE(s.queue.data.size() == 2);
  return s;
}

}  // namespace

// --- The profile form.

TEST_CASE("a new mechanic's profile form starts from the sign-up city") {
  AppState s = NewMechanic();
  CHECK(s.route == Route{Screen::MechanicProfile, ""});
  CHECK(s.onboarding.city == "Sharjah");
  CHECK(s.onboarding.bio.empty());
}

TEST_CASE("a mechanic's profile form starts from their saved profile") {
  AppState s = VerifiedMechanic();
  Commands cmds = Reduce(s, Navigate{{Screen::MechanicProfile, ""}});
  CHECK(Hashes(cmds) == std::vector<std::string>{"#/profile"});
  REQUIRE(Https(cmds).size() == 1);  // only the verification documents (app_mechanic_documents_test)
  CHECK(Https(cmds)[0].request == Request::MechanicDocuments);
  const auto& f = s.onboarding;
  CHECK(f.bio == "Twelve years on Japanese and German engines, A/C specialist.");
  CHECK(f.experience_years == "12");
  CHECK(f.hourly_rate == "150");  // 15000 fils shown as AED
  CHECK(f.city == "Sharjah");     // the profile has none; the account's city fills in
  CHECK(f.service_tier == 1);
  REQUIRE(f.specializations.size() == 8);
  for (size_t i = 0; i < f.specializations.size(); ++i) {
    INFO("category " << ToWire(AllCategories()[i]));
    bool expected = AllCategories()[i] == Category::Engine || AllCategories()[i] == Category::Ac;
    CHECK(f.specializations[i] == expected);
  }
}

TEST_CASE("saving the profile sends the rate in fils and the ticked categories") {
  AppState s = NewMechanic();
  FillProfile(s.onboarding);
  Commands cmds = Reduce(s, SaveMechanicProfile{});
  auto http = Https(cmds);
  REQUIRE(cmds.size() == 1);
  REQUIRE(http.size() == 1);
  CHECK(http[0].request == Request::SaveMechanicProfile);
  CHECK(http[0].method == "PATCH");
  CHECK(http[0].path == "/api/mechanics/" + kMechanicId);
  CHECK(http[0].token == "tok-mech");
  json body = json::parse(http[0].body);
  CHECK(body == json{{"bio", "Ten years at a Toyota dealer, now independent."},
                     {"city", "Sharjah"},
                     {"service_tier", "virtual_only"},
                     {"specializations", json::array({"engine", "brakes"})},
                     {"experience_years", 10},
                     {"hourly_rate", 15050}});
  CHECK(ParseMechanicProfilePatch(body).ok());
  CHECK(s.onboarding.busy);
  CHECK(Reduce(s, SaveMechanicProfile{}).empty());  // one save at a time
}

TEST_CASE("an empty rate and experience are left out of the saved profile") {
  AppState s = NewMechanic();
  FillProfile(s.onboarding);
  s.onboarding.hourly_rate = "  ";
  s.onboarding.experience_years = "";
  s.onboarding.service_tier = 1;
  auto http = Https(Reduce(s, SaveMechanicProfile{}));
  REQUIRE(http.size() == 1);
  json body = json::parse(http[0].body);
  CHECK_FALSE(body.contains("hourly_rate"));
  CHECK_FALSE(body.contains("experience_years"));
  CHECK(body.at("service_tier") == "workshop_partner");
}

TEST_CASE("the profile needs a 20-character bio and at least one specialization") {
  AppState s = NewMechanic();
  FillProfile(s.onboarding);
  s.onboarding.bio = "  Good mechanic.     ";  // 15 characters once trimmed
  CHECK(Reduce(s, SaveMechanicProfile{}).empty());
  REQUIRE(s.onboarding.error);
  CHECK(s.onboarding.error->field == "bio");
  CHECK_FALSE(s.onboarding.busy);

  FillProfile(s.onboarding);
  s.onboarding.specializations.assign(8, false);
  CHECK(Reduce(s, SaveMechanicProfile{}).empty());
  REQUIRE(s.onboarding.error);
  CHECK(s.onboarding.error->field == "specializations");
  CHECK_FALSE(s.onboarding.busy);
}

TEST_CASE("an hourly rate that is not money, or too much of it, is refused under its field") {
  for (const char* rate : {"abc", "12.345", "150 per hour", "100,001"}) {
    AppState s = NewMechanic();
    FillProfile(s.onboarding);
    s.onboarding.hourly_rate = rate;
    INFO("rate '" << rate << "'");
    CHECK(Reduce(s, SaveMechanicProfile{}).empty());
    REQUIRE(s.onboarding.error);
    CHECK(s.onboarding.error->field == "hourly_rate");
  }
}

TEST_CASE("experience that is not a whole number of years up to 70 is refused by the shared rules") {
  for (const char* years : {"7.5", "ten", "71", "-3"}) {
    AppState s = NewMechanic();
    FillProfile(s.onboarding);
    s.onboarding.experience_years = years;
    INFO("years '" << years << "'");
    CHECK(Reduce(s, SaveMechanicProfile{}).empty());
    REQUIRE(s.onboarding.error);
    CHECK(s.onboarding.error->field == "experience_years");
    CHECK_FALSE(s.onboarding.busy);
  }
}

TEST_CASE("a saved profile opens the feed with a notice") {
  AppState s = NewMechanic();
  FillProfile(s.onboarding);
  Reduce(s, SaveMechanicProfile{});
  json saved = MechanicProfileJson(kMechanicId, "Omar Saleh", "pending");
  saved["bio"] = "Ten years at a Toyota dealer, now independent.";
  saved["specializations"] = json::array({"engine", "brakes"});
  Commands cmds = Reduce(s, HttpDone{Request::SaveMechanicProfile, 200, saved.dump(), ""});
  CHECK_FALSE(s.onboarding.busy);
  CHECK(s.onboarding.saved);
  REQUIRE(s.session->mechanic);
  CHECK(s.session->mechanic->bio == "Ten years at a Toyota dealer, now independent.");
  CHECK(s.session->mechanic->verification_status == VerificationStatus::Pending);
  CHECK(s.notice == "Profile saved.");
  CHECK(s.route == Route{Screen::MechanicFeed, ""});
  CHECK(HomeRoute(s) == Route{Screen::MechanicFeed, ""});
  CHECK(Hashes(cmds) == std::vector<std::string>{"#/feed"});
  auto http = Https(cmds);
  REQUIRE(http.size() == 2);
  CHECK(http[0].request == Request::Me);
  CHECK(http[1].request == Request::Feed);
  CHECK(http[1].path == "/api/issues?limit=50");
  CHECK(http[1].token == "tok-mech");
}

TEST_CASE("a refused profile save keeps the form and shows the server's message") {
  AppState s = NewMechanic();
  FillProfile(s.onboarding);
  Reduce(s, SaveMechanicProfile{});
  Commands cmds = Reduce(s, HttpDone{Request::SaveMechanicProfile, 400,
                                     ErrorJson("invalid_field", "City must be at most 60 characters.", "city"), ""});
  CHECK(cmds.empty());
  CHECK_FALSE(s.onboarding.busy);
  CHECK_FALSE(s.onboarding.saved);
  REQUIRE(s.onboarding.error);
  CHECK(s.onboarding.error->field == "city");
  CHECK(s.onboarding.bio == "Ten years at a Toyota dealer, now independent.");
  CHECK(s.route == Route{Screen::MechanicProfile, ""});
  CHECK_FALSE(s.session->mechanic);
}

// --- The feed.

TEST_CASE("the feed asks the server with the chosen filters") {
  AppState s = VerifiedMechanic();
  s.feed_filter.category = 2;  // AllCategories()[1]: brakes
  s.feed_filter.urgency = 3;   // urgent
  s.feed_filter.budget = 4;    // above_500
  s.feed_filter.city = "Abu Dhabi";
  Commands cmds = Reduce(s, RefreshFeed{});
  auto http = Https(cmds);
  REQUIRE(cmds.size() == 1);
  REQUIRE(http.size() == 1);
  CHECK(http[0].request == Request::Feed);
  CHECK(http[0].method == "GET");
  CHECK(http[0].path == "/api/issues?limit=50&category=brakes&urgency=urgent&budget_range=above_500&city=Abu%20Dhabi");
  CHECK(http[0].token == "tok-mech");
  CHECK(s.feed.loading);
}

TEST_CASE("a city typed into the feed filter cannot add query parameters") {
  AppState s = VerifiedMechanic();
  s.feed_filter.city = "Dubai&status=closed";
  auto http = Https(Reduce(s, RefreshFeed{}));
  REQUIRE(http.size() == 1);
  CHECK(http[0].path == "/api/issues?limit=50&city=Dubai%26status%3Dclosed");

  s.feed_filter.city = "\xD8\xAF\xD8\xA8\xD9\x8A";  // Dubai in Arabic
  http = Https(Reduce(s, RefreshFeed{}));
  REQUIRE(http.size() == 1);
  CHECK(http[0].path == "/api/issues?limit=50&city=%D8%AF%D8%A8%D9%8A");
}

TEST_CASE("refreshing the feed without a session asks for nothing") {
  AppState s;
  Reduce(s, AppStarted{"", ""});
  CHECK(Reduce(s, RefreshFeed{}).empty());
  CHECK_FALSE(s.feed.loading);
}

TEST_CASE("the feed shows the open issues the server lists") {
  AppState s = VerifiedMechanic();
  json page{{"items", json::array({IssueJson(kIssueA)})}, {"limit", 50}, {"offset", 0}};
  Reduce(s, HttpDone{Request::Feed, 200, page.dump(), ""});
  CHECK(s.feed.loaded);
  CHECK_FALSE(s.feed.loading);
  REQUIRE(s.feed.data.size() == 1);
  CHECK(s.feed.data[0].id == kIssueA);
  CHECK_FALSE(s.feed.data[0].car_mileage);  // null mileage stays unknown
}

// --- A response to an issue.

TEST_CASE("a response sends the estimate in fils with the confidence's wire name") {
  AppState s = Responding();
  CHECK(s.route == Route{Screen::Respond, kIssueA});
  Commands cmds = Reduce(s, SubmitResponse{});
  auto http = Https(cmds);
  REQUIRE(http.size() == 1);
  CHECK(http[0].request == Request::CreateResponse);
  CHECK(http[0].method == "POST");
  CHECK(http[0].path == "/api/issues/" + kIssueA + "/responses");
  CHECK(http[0].token == "tok-mech");
  CHECK(http[0].context == kIssueA);
  json body = json::parse(http[0].body);
  CHECK(body == json{{"initial_diagnosis", "Worn front pads; the backing plate is touching the disc."},
                     {"estimated_cost_min", 15000},
                     {"estimated_cost_max", 125050},
                     {"estimated_fix_time", "2 hours"},
                     {"confidence_level", "high"},
                     {"needs_video_call", true}});
  CHECK(ParseResponseInput(body).ok());
  CHECK(s.respond.busy);
  CHECK(Reduce(s, SubmitResponse{}).empty());  // one at a time
}

TEST_CASE("a response whose maximum is below its minimum is refused before sending") {
  AppState s = Responding();
  s.respond.cost_min = "300";
  s.respond.cost_max = "150";
  CHECK(Reduce(s, SubmitResponse{}).empty());
  REQUIRE(s.respond.error);
  CHECK(s.respond.error->field == "estimated_cost_max");
  CHECK_FALSE(s.respond.busy);
}

TEST_CASE("a response with a cost that is not money names that cost") {
  AppState s = Responding();
  s.respond.cost_min = "";
  CHECK(Reduce(s, SubmitResponse{}).empty());
  REQUIRE(s.respond.error);
  CHECK(s.respond.error->field == "estimated_cost_min");

  s = Responding();
  s.respond.cost_max = "about 300";
  CHECK(Reduce(s, SubmitResponse{}).empty());
  REQUIRE(s.respond.error);
  CHECK(s.respond.error->field == "estimated_cost_max");
}

TEST_CASE("a diagnosis shorter than 10 characters is refused") {
  AppState s = Responding();
  s.respond.diagnosis = "Brakes.";
  CHECK(Reduce(s, SubmitResponse{}).empty());
  REQUIRE(s.respond.error);
  CHECK(s.respond.error->field == "initial_diagnosis");
}

TEST_CASE("a sent response joins the issue's responses and the form says sent") {
  AppState s = Responding();
  Reduce(s, SubmitResponse{});
  json created{{"id", "r-77"},
               {"issue_id", kIssueA},
               {"mechanic_id", kMechanicId},
               {"mechanic_name", "Omar Saleh"},
               {"mechanic_rating", 0.0},
               {"mechanic_rating_count", 0},
               {"mechanic_verified", true},
               {"initial_diagnosis", "Worn front pads; the backing plate is touching the disc."},
               {"estimated_cost_min", 15000},
               {"estimated_cost_max", 125050},
               {"estimated_fix_time", "2 hours"},
               {"confidence_level", "high"},
               {"needs_video_call", true},
               {"created_at", "2026-03-12T10:05:00.000Z"}};
  CHECK(Reduce(s, HttpDone{Request::CreateResponse, 201, created.dump(), kIssueA}).empty());
  CHECK(s.respond.sent);
  CHECK_FALSE(s.respond.busy);
  CHECK_FALSE(s.respond.error);
  CHECK(s.notice == "Your response was sent to the car owner.");
  REQUIRE(s.responses.data.size() == 1);
  CHECK(s.responses.data.back().id == "r-77");
  CHECK(s.responses.data.back().estimated_cost_max == 125050);
  CHECK(s.responses.data.back().needs_video_call);

  // Opening the respond screen again starts a new form.
  Reduce(s, Navigate{{Screen::Respond, kIssueA}});
  CHECK_FALSE(s.respond.sent);
  CHECK(s.respond.diagnosis.empty());
}

TEST_CASE("a second response to the same issue is refused with the server's reason") {
  AppState s = Responding();
  Reduce(s, SubmitResponse{});
  Commands cmds = Reduce(s, HttpDone{Request::CreateResponse, 409,
                                     ErrorJson("already_responded", "You have already responded to this issue."),
                                     kIssueA});
  CHECK(cmds.empty());
  CHECK_FALSE(s.respond.sent);
  CHECK_FALSE(s.respond.busy);
  REQUIRE(s.respond.error);
  CHECK(s.respond.error->status == 409);
  CHECK(s.respond.error->code == "already_responded");
  CHECK(s.responses.data.empty());
  CHECK(s.notice.empty());
}

// --- The admin's verification queue.

TEST_CASE("the admin queue lists pending mechanics") {
  json me{{"id", "a0000000-0000-4000-8000-000000000001"}, {"role", "admin"}, {"email", "ops@salikchat.ae"},
          {"full_name", "Layla Ops"}};
  Commands cmds;
  AppState s = Restored(me, "tok-admin", "", &cmds);
  auto http = Https(cmds);
  REQUIRE(http.size() == 1);
  CHECK(http[0].path == "/api/admin/verification-queue");
  CHECK(http[0].token == "tok-admin");
  CHECK(s.queue.loading);

  s = AdminWithQueue();
  CHECK(s.queue.loaded);
  CHECK_FALSE(s.queue.loading);
  CHECK(s.queue.data[0].id == kMechanicId);
  CHECK(s.queue.data[0].verification_status == VerificationStatus::Pending);
  CHECK(s.queue.data[0].service_tier == ServiceTier::WorkshopPartner);
  CHECK(s.queue.data[1].full_name == "Karim Nasser");
}

TEST_CASE("a queue that fails to load says why") {
  json me{{"id", "a0000000-0000-4000-8000-000000000001"}, {"role", "admin"}, {"full_name", "Layla Ops"}};
  AppState s = Restored(me, "tok-admin", "");
  Reduce(s, HttpDone{Request::VerificationQueue, 500, ErrorJson("internal", "Something went wrong on our side."), ""});
  CHECK_FALSE(s.queue.loading);
  CHECK_FALSE(s.queue.loaded);
  REQUIRE(s.queue.error);
  CHECK(s.queue.error->status == 500);
}

TEST_CASE("approving a mechanic posts verified and takes them off the queue") {
  AppState s = AdminWithQueue();
  s.verification.reason = "left over from another card";
  Commands cmds = Reduce(s, DecideVerification{kMechanicId, true});
  auto http = Https(cmds);
  REQUIRE(http.size() == 1);
  CHECK(http[0].request == Request::Verify);
  CHECK(http[0].method == "POST");
  CHECK(http[0].path == "/api/mechanics/" + kMechanicId + "/verify");
  CHECK(json::parse(http[0].body) == json{{"decision", "verified"}});  // no reason with an approval
  CHECK(http[0].token == "tok-admin");
  CHECK(http[0].context == kMechanicId);
  CHECK(s.verification.busy_id == kMechanicId);
  CHECK(Reduce(s, DecideVerification{kOtherMechanicId, true}).empty());  // one decision at a time

  json decided = MechanicProfileJson(kMechanicId, "Omar Saleh", "verified");
  decided["verified_at"] = "2026-03-12T10:10:00.000Z";
  CHECK(Reduce(s, HttpDone{Request::Verify, 200, decided.dump(), kMechanicId}).empty());
  CHECK(s.verification.busy_id.empty());
  REQUIRE(s.queue.data.size() == 1);
  CHECK(s.queue.data[0].id == kOtherMechanicId);
  CHECK(s.notice == "Omar Saleh is verified and can now respond to issues.");
}

TEST_CASE("rejecting a mechanic needs a reason, sent trimmed") {
  AppState s = AdminWithQueue();
  Reduce(s, StartRejecting{kOtherMechanicId});
  CHECK(s.verification.rejecting_id == kOtherMechanicId);
  s.verification.reason = "   ";
  CHECK(Reduce(s, DecideVerification{kOtherMechanicId, false}).empty());
  REQUIRE(s.verification.error);
  CHECK(s.verification.error->field == "reason");
  CHECK(s.verification.busy_id.empty());

  s.verification.reason = "  The trade licence photo is unreadable. ";
  auto http = Https(Reduce(s, DecideVerification{kOtherMechanicId, false}));
  REQUIRE(http.size() == 1);
  CHECK(http[0].path == "/api/mechanics/" + kOtherMechanicId + "/verify");
  CHECK(json::parse(http[0].body) ==
        json{{"decision", "rejected"}, {"reason", "The trade licence photo is unreadable."}});
  CHECK_FALSE(s.verification.error);

  json decided = MechanicProfileJson(kOtherMechanicId, "Karim Nasser", "rejected");
  decided["rejection_reason"] = "The trade licence photo is unreadable.";
  Reduce(s, HttpDone{Request::Verify, 200, decided.dump(), kOtherMechanicId});
  CHECK(s.notice == "Karim Nasser was rejected; they can see your reason.");
  CHECK(s.verification.rejecting_id.empty());
  CHECK(s.verification.reason.empty());
  REQUIRE(s.queue.data.size() == 1);
  CHECK(s.queue.data[0].id == kMechanicId);
}

TEST_CASE("a refused decision keeps the mechanic in the queue with the server's message") {
  AppState s = AdminWithQueue();
  Reduce(s, DecideVerification{kMechanicId, true});
  Commands cmds = Reduce(s, HttpDone{Request::Verify, 409,
                                     ErrorJson("already_decided", "This mechanic has already been verified."),
                                     kMechanicId});
  CHECK(cmds.empty());
  CHECK(s.verification.busy_id.empty());
  REQUIRE(s.verification.error);
  CHECK(s.verification.error->code == "already_decided");
  CHECK(s.queue.data.size() == 2);
  CHECK(s.notice.empty());
  CHECK(Https(Reduce(s, DecideVerification{kOtherMechanicId, true})).size() == 1);  // not stuck busy
}

TEST_CASE("starting another rejection clears the previous reason and error") {
  AppState s = AdminWithQueue();
  Reduce(s, StartRejecting{kMechanicId});
  Reduce(s, DecideVerification{kMechanicId, false});  // no reason: refused
  REQUIRE(s.verification.error);
  s.verification.reason = "Half-typed";
  Reduce(s, StartRejecting{kOtherMechanicId});
  CHECK(s.verification.rejecting_id == kOtherMechanicId);
  CHECK(s.verification.reason.empty());
  CHECK_FALSE(s.verification.error);
}

TEST_CASE("reopening the queue replaces the list instead of adding to it") {
  AppState s = AdminWithQueue();
  Commands cmds = Reduce(s, Navigate{{Screen::AdminVerification, ""}});
  CHECK(s.queue.loading);
  REQUIRE(Https(cmds).size() == 1);
  json page{{"items", json::array({MechanicProfileJson(kOtherMechanicId, "Karim Nasser", "pending")})},
            {"limit", 20},
            {"offset", 0}};
  Reduce(s, HttpDone{Request::VerificationQueue, 200, page.dump(), ""});
  REQUIRE(s.queue.data.size() == 1);
  CHECK(s.queue.data[0].id == kOtherMechanicId);
  Reduce(s, HttpDone{Request::VerificationQueue, 200, json{{"items", json::array()}}.dump(), ""});
  CHECK(s.queue.data.empty());
  CHECK(s.queue.loaded);
}

TEST_CASE("editing a profile keeps an hourly rate with fils") {
  json profile = MechanicProfileJson(kMechanicId, "Omar Saleh", "verified");
  profile["hourly_rate"] = 12050;
  AppState s = Restored(MechanicMe(profile), "tok-mech", "");
  Reduce(s, Navigate{{Screen::MechanicProfile, {}}});
  CHECK(s.onboarding.hourly_rate == "120.50");
  auto sent = Https(Reduce(s, SaveMechanicProfile{}));
  REQUIRE(sent.size() == 1);
  CHECK(json::parse(sent[0].body)["hourly_rate"] == 12050);
}

TEST_CASE("a response answered after the mechanic moved to another issue is not shown under it") {
  AppState s = Responding();
  REQUIRE(Https(Reduce(s, SubmitResponse{})).size() == 1);
  const std::string kIssueB = "77aa88bb-99cc-4dde-8eff-001122334455";
  Reduce(s, Navigate{{Screen::IssueDetail, kIssueB}});
  Reduce(s, HttpDone{Request::Responses, 200, json{{"items", json::array()}}.dump(), kIssueB});
  json created{{"id", "0f0f0f0f-0000-4000-8000-000000000001"}, {"issue_id", kIssueA}, {"mechanic_id", kMechanicId},
               {"mechanic_name", "Omar Saleh"}, {"initial_diagnosis", "Worn front pads."},
               {"estimated_cost_min", 15000}, {"estimated_cost_max", 125050}, {"confidence_level", "high"}};
  Reduce(s, HttpDone{Request::CreateResponse, 201, created.dump(), kIssueA});
  CHECK(s.responses.data.empty());
  CHECK_FALSE(s.respond.busy);
}
