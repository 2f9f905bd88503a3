#include "core/json_codecs.hpp"

#include "core/json_fields.hpp"

namespace salik {
namespace {

using nlohmann::json;
using json_fields::Bool;
using json_fields::Num;
using json_fields::Str;

template <typename E, typename Parse>
E Enum(const json& j, const char* key, Parse parse, E fallback) {
  auto v = parse(Str(j, key));
  return v ? *v : fallback;
}

}  // namespace

void to_json(json& j, const Profile& p) {
  j = json{{"id", p.id},           {"role", ToWire(p.role)}, {"email", p.email},
           {"full_name", p.full_name}, {"phone", p.phone},   {"city", p.city},
           {"country", p.country}, {"is_active", p.is_active}, {"created_at", p.created_at},
           {"updated_at", p.updated_at}};
}
void from_json(const json& j, Profile& p) {
  p.id = Str(j, "id");
  p.role = Enum(j, "role", RoleFromWire, Role::Customer);
  p.email = Str(j, "email");
  p.full_name = Str(j, "full_name");
  p.phone = Str(j, "phone");
  p.city = Str(j, "city");
  p.country = Str(j, "country");
  p.is_active = Bool(j, "is_active", true);
  p.created_at = Str(j, "created_at");
  p.updated_at = Str(j, "updated_at");
}

void to_json(json& j, const MechanicProfile& m) {
  j = json{{"id", m.id},
           {"full_name", m.full_name},
           {"city", m.city},
           {"bio", m.bio},
           {"specializations", m.specializations},
           {"experience_years", m.experience_years},
           {"hourly_rate", m.hourly_rate},
           {"service_tier", ToWire(m.service_tier)},
           {"verification_status", ToWire(m.verification_status)},
           {"rejection_reason", m.rejection_reason},
           {"rating_avg", m.rating_avg},
           {"rating_count", m.rating_count},
           {"is_available", m.is_available},
           {"verified_at", m.verified_at.empty() ? json(nullptr) : json(m.verified_at)},
           {"created_at", m.created_at}};
}
void from_json(const json& j, MechanicProfile& m) {
  m.id = Str(j, "id");
  m.full_name = Str(j, "full_name");
  m.city = Str(j, "city");
  m.bio = Str(j, "bio");
  m.specializations.clear();
  if (auto it = j.find("specializations"); it != j.end() && it->is_array())
    for (const auto& s : *it)
      if (s.is_string()) m.specializations.push_back(s.get<std::string>());
  m.experience_years = Num<int>(j, "experience_years");
  m.hourly_rate = Num<int64_t>(j, "hourly_rate");
  m.service_tier = Enum(j, "service_tier", ServiceTierFromWire, ServiceTier::VirtualOnly);
  m.verification_status =
      Enum(j, "verification_status", VerificationStatusFromWire, VerificationStatus::Pending);
  m.rejection_reason = Str(j, "rejection_reason");
  m.rating_avg = Num<double>(j, "rating_avg");
  m.rating_count = Num<int>(j, "rating_count");
  m.is_available = Bool(j, "is_available", true);
  m.verified_at = Str(j, "verified_at");
  m.created_at = Str(j, "created_at");
}

void to_json(json& j, const Issue& i) {
  j = json{{"id", i.id},
           {"customer_id", i.customer_id},
           {"customer_name", i.customer_name},
           {"title", i.title},
           {"description", i.description},
           {"car_make", i.car_make},
           {"car_model", i.car_model},
           {"car_year", i.car_year},
           {"car_mileage", i.car_mileage ? json(*i.car_mileage) : json(nullptr)},
           {"category", ToWire(i.category)},
           {"urgency", ToWire(i.urgency)},
           {"status", ToWire(i.status)},
           {"location_city", i.location_city},
           {"budget_range", ToWire(i.budget_range)},
           {"is_public", i.is_public},
           {"response_count", i.response_count},
           {"created_at", i.created_at},
           {"updated_at", i.updated_at}};
}
void from_json(const json& j, Issue& i) {
  i.id = Str(j, "id");
  i.customer_id = Str(j, "customer_id");
  i.customer_name = Str(j, "customer_name");
  i.title = Str(j, "title");
  i.description = Str(j, "description");
  i.car_make = Str(j, "car_make");
  i.car_model = Str(j, "car_model");
  i.car_year = Num<int>(j, "car_year");
  if (auto it = j.find("car_mileage"); it != j.end() && it->is_number_integer())
    i.car_mileage = it->get<int>();
  else
    i.car_mileage.reset();
  i.category = Enum(j, "category", CategoryFromWire, Category::Other);
  i.urgency = Enum(j, "urgency", UrgencyFromWire, Urgency::Normal);
  i.status = Enum(j, "status", IssueStatusFromWire, IssueStatus::Open);
  i.location_city = Str(j, "location_city");
  i.budget_range = Enum(j, "budget_range", BudgetRangeFromWire, BudgetRange::NotSure);
  i.is_public = Bool(j, "is_public", true);
  i.response_count = Num<int>(j, "response_count");
  i.created_at = Str(j, "created_at");
  i.updated_at = Str(j, "updated_at");
}

void to_json(json& j, const MechanicResponse& r) {
  j = json{{"id", r.id},
           {"issue_id", r.issue_id},
           {"mechanic_id", r.mechanic_id},
           {"mechanic_name", r.mechanic_name},
           {"mechanic_rating", r.mechanic_rating},
           {"mechanic_rating_count", r.mechanic_rating_count},
           {"mechanic_verified", r.mechanic_verified},
           {"initial_diagnosis", r.initial_diagnosis},
           {"estimated_cost_min", r.estimated_cost_min},
           {"estimated_cost_max", r.estimated_cost_max},
           {"estimated_fix_time", r.estimated_fix_time},
           {"confidence_level", ToWire(r.confidence_level)},
           {"needs_video_call", r.needs_video_call},
           {"created_at", r.created_at}};
}
void from_json(const json& j, MechanicResponse& r) {
  r.id = Str(j, "id");
  r.issue_id = Str(j, "issue_id");
  r.mechanic_id = Str(j, "mechanic_id");
  r.mechanic_name = Str(j, "mechanic_name");
  r.mechanic_rating = Num<double>(j, "mechanic_rating");
  r.mechanic_rating_count = Num<int>(j, "mechanic_rating_count");
  r.mechanic_verified = Bool(j, "mechanic_verified");
  r.initial_diagnosis = Str(j, "initial_diagnosis");
  r.estimated_cost_min = Num<int64_t>(j, "estimated_cost_min");
  r.estimated_cost_max = Num<int64_t>(j, "estimated_cost_max");
  r.estimated_fix_time = Str(j, "estimated_fix_time");
  r.confidence_level = Enum(j, "confidence_level", ConfidenceFromWire, Confidence::Medium);
  r.needs_video_call = Bool(j, "needs_video_call");
  r.created_at = Str(j, "created_at");
}

json ErrorBody(const ApiError& e) {
  json err{{"code", e.code}, {"message", e.message}};
  if (!e.field.empty()) err["field"] = e.field;
  return json{{"error", err}};
}

ApiError ErrorFromBody(int status, const std::string& body) {
  ApiError e{status, "request_failed", "Something went wrong. Please try again.", {}};
  if (status == 0) {
    e.code = "network";
    e.message = "We could not reach SalikChat. Check your connection and try again.";
    return e;
  }
  auto j = json::parse(body, nullptr, false);
  if (j.is_object() && j.contains("error") && j["error"].is_object()) {
    const auto& err = j["error"];
    if (err.contains("code") && err["code"].is_string()) e.code = err["code"];
    if (err.contains("message") && err["message"].is_string()) e.message = err["message"];
    if (err.contains("field") && err["field"].is_string()) e.field = err["field"];
  }
  return e;
}

}  // namespace salik
