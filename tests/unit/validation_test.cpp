#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/validation.hpp"

using namespace salik;
using nlohmann::json;

namespace {
json ValidIssue() {
  return json{{"title", "Grinding noise when braking"},
              {"description", "For the past week I hear a metal grinding sound."},
              {"category", "brakes"},
              {"urgency", "normal"},
              {"car_make", "Toyota"},
              {"car_model", "Camry"},
              {"car_year", 2022},
              {"car_mileage", 85000},
              {"budget_range", "50_200"},
              {"location_city", "Dubai"}};
}
}  // namespace

TEST_CASE("a complete issue parses with its fields trimmed") {
  auto body = ValidIssue();
  body["title"] = "  Grinding noise when braking  ";
  auto in = ParseIssueInput(body, 2026);
  REQUIRE(in.ok());
  CHECK(in->title == "Grinding noise when braking");
  CHECK(in->category == Category::Brakes);
  CHECK(in->budget_range == BudgetRange::From50To200);
  CHECK(in->car_mileage == 85000);
}

TEST_CASE("car_year outside 1950..next year is refused with its field named") {
  for (int year : {1949, 2028}) {
    auto body = ValidIssue();
    body["car_year"] = year;
    auto in = ParseIssueInput(body, 2026);
    REQUIRE_FALSE(in.ok());
    CHECK(in.error().status == 400);
    CHECK(in.error().field == "car_year");
  }
  auto body = ValidIssue();
  body["car_year"] = 2027;
  CHECK(ParseIssueInput(body, 2026).ok());
}

TEST_CASE("an unknown category, a missing title and an over-long description are refused") {
  auto a = ValidIssue();
  a["category"] = "wheels";
  CHECK(ParseIssueInput(a, 2026).error().field == "category");
  auto b = ValidIssue();
  b.erase("title");
  CHECK(ParseIssueInput(b, 2026).error().code == "missing_field");
  auto c = ValidIssue();
  c["description"] = std::string(FieldLimits::kDescriptionMax + 1, 'x');
  CHECK(ParseIssueInput(c, 2026).error().field == "description");
  auto d = ValidIssue();
  d["car_year"] = "2020";
  CHECK(ParseIssueInput(d, 2026).error().field == "car_year");
}

TEST_CASE("lengths count characters, not bytes") {
  auto body = ValidIssue();
  std::string arabic;
  for (size_t i = 0; i < FieldLimits::kTitleMax; ++i) arabic += "\xD8\xB3";  // س
  body["title"] = arabic;
  CHECK(ParseIssueInput(body, 2026).ok());
}

TEST_CASE("a body that is not an object is refused") {
  CHECK(ParseIssueInput(json::array(), 2026).error().code == "invalid_body");
  CHECK(ParseSignup(json("text")).error().code == "invalid_body");
}

TEST_CASE("signup lower-cases the email and cannot create an admin") {
  json body{{"email", " Sara@Example.COM "}, {"password", "correct horse"}, {"full_name", "Sara M."},
            {"city", "Dubai"}, {"role", "mechanic"}};
  auto in = ParseSignup(body);
  REQUIRE(in.ok());
  CHECK(in->email == "sara@example.com");
  CHECK(in->role == Role::Mechanic);
  body["role"] = "admin";
  CHECK(ParseSignup(body).error().code == "invalid_role");
  body["role"] = "customer";
  body["password"] = "short";
  CHECK(ParseSignup(body).error().field == "password");
  body["password"] = "long enough";
  body["email"] = "not-an-email";
  CHECK(ParseSignup(body).error().field == "email");
}

TEST_CASE("a response needs min cost at most max cost") {
  json body{{"initial_diagnosis", "Worn brake pads touching the rotor."},
            {"estimated_cost_min", 30000}, {"estimated_cost_max", 15000}};
  CHECK(ParseResponseInput(body).error().field == "estimated_cost_max");
  body["estimated_cost_max"] = 45000;
  body["confidence_level"] = "high";
  body["needs_video_call"] = true;
  auto in = ParseResponseInput(body);
  REQUIRE(in.ok());
  CHECK(in->confidence_level == Confidence::High);
  CHECK(in->needs_video_call);
  body["estimated_cost_min"] = -1;
  CHECK_FALSE(ParseResponseInput(body).ok());
}

TEST_CASE("a rejection needs a reason; pending is not a decision") {
  CHECK(ParseVerifyDecision(json{{"decision", "rejected"}}).error().field == "reason");
  CHECK(ParseVerifyDecision(json{{"decision", "pending"}}).error().field == "decision");
  auto ok = ParseVerifyDecision(json{{"decision", "verified"}});
  REQUIRE(ok.ok());
  CHECK(ok->decision == VerificationStatus::Verified);
}

TEST_CASE("a mechanic profile patch keeps only the fields sent") {
  auto p = ParseMechanicProfilePatch(json{{"bio", "Brake specialist"}, {"specializations", {"brakes", "engine", "brakes"}}});
  REQUIRE(p.ok());
  CHECK(p->bio == std::optional<std::string>("Brake specialist"));
  CHECK(p->specializations->size() == 2);
  CHECK_FALSE(p->hourly_rate.has_value());
  CHECK_FALSE(ParseMechanicProfilePatch(json{{"specializations", {"wings"}}}).ok());
  CHECK_FALSE(ParseMechanicProfilePatch(json{{"service_tier", "gold"}}).ok());
}
