#include "core/validation.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <nlohmann/json.hpp>

namespace salik {
namespace {

using nlohmann::json;

ApiError Invalid(const std::string& field, const std::string& message) {
  return BadRequest("invalid_field", message, field);
}
ApiError Missing(const std::string& field, const std::string& what) {
  return BadRequest("missing_field", what + " is required.", field);
}

// Reads a required or optional string field; rejects a wrong JSON type.
std::optional<ApiError> ReadString(const json& body, const char* field, const char* what,
                                   bool required, size_t min, size_t max, std::string& out) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    if (required) return Missing(field, what);
    out.clear();
    return std::nullopt;
  }
  if (!it->is_string()) return Invalid(field, std::string(what) + " must be text.");
  out = Trim(it->get<std::string>());
  if (out.empty() && !required) return std::nullopt;
  return CheckTextLength(out, field, what, min, max);
}

std::optional<ApiError> ReadInt(const json& body, const char* field, const char* what,
                                bool required, int64_t min, int64_t max,
                                std::optional<int64_t>& out) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    if (required) return Missing(field, what);
    out.reset();
    return std::nullopt;
  }
  if (!it->is_number_integer()) return Invalid(field, std::string(what) + " must be a whole number.");
  int64_t v = it->get<int64_t>();
  if (v < min || v > max)
    return Invalid(field, std::string(what) + " must be between " + std::to_string(min) + " and " +
                              std::to_string(max) + ".");
  out = v;
  return std::nullopt;
}

template <typename E, typename Parse>
std::optional<ApiError> ReadEnum(const json& body, const char* field, const char* what,
                                 bool required, Parse parse, E& out) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    if (required) return Missing(field, what);
    return std::nullopt;  // keep the default
  }
  if (!it->is_string()) return Invalid(field, std::string(what) + " must be text.");
  auto v = parse(it->get<std::string>());
  if (!v) return Invalid(field, std::string(what) + " is not one of the allowed values.");
  out = *v;
  return std::nullopt;
}

std::optional<ApiError> RequireObject(const json& body) {
  if (!body.is_object()) return BadRequest("invalid_body", "The request body must be a JSON object.");
  return std::nullopt;
}

}  // namespace

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

size_t Utf8Length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

int CurrentUtcYear() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return tm.tm_year + 1900;
}

std::optional<ApiError> CheckTextLength(const std::string& value, const char* field,
                                        const char* what, size_t min, size_t max) {
  size_t len = Utf8Length(value);
  if (len == 0 && min > 0) return Missing(field, what);
  if (len < min)
    return Invalid(field, std::string(what) + " must be at least " + std::to_string(min) + " characters.");
  if (len > max)
    return Invalid(field, std::string(what) + " must be at most " + std::to_string(max) + " characters.");
  return std::nullopt;
}

std::optional<ApiError> CheckEmail(const std::string& email) {
  if (email.empty()) return Missing("email", "Email");
  if (email.size() > FieldLimits::kEmailMax) return Invalid("email", "Email is too long.");
  auto at = email.find('@');
  bool ok = at != std::string::npos && at > 0 && email.find('@', at + 1) == std::string::npos &&
            email.find('.', at + 2) != std::string::npos && email.back() != '.' &&
            std::none_of(email.begin(), email.end(),
                         [](unsigned char c) { return std::isspace(c) || c < 0x20; });
  if (!ok) return Invalid("email", "Enter a valid email address, like name@example.com.");
  return std::nullopt;
}

std::optional<ApiError> CheckPassword(const std::string& password) {
  if (password.empty()) return Missing("password", "Password");
  if (password.size() < FieldLimits::kPasswordMin)
    return Invalid("password", "Password must be at least 8 characters.");
  if (password.size() > FieldLimits::kPasswordMax)
    return Invalid("password", "Password must be at most 128 characters.");
  return std::nullopt;
}

Expected<SignupInput> ParseSignup(const json& body) {
  if (auto e = RequireObject(body)) return *e;
  SignupInput in;
  std::string email;
  if (auto e = ReadString(body, "email", "Email", true, 3, FieldLimits::kEmailMax, email)) return *e;
  std::transform(email.begin(), email.end(), email.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (auto e = CheckEmail(email)) return *e;
  in.email = email;
  auto pw = body.find("password");
  if (pw == body.end() || !pw->is_string()) return Missing("password", "Password");
  in.password = pw->get<std::string>();
  if (auto e = CheckPassword(in.password)) return *e;
  if (auto e = ReadString(body, "full_name", "Full name", true, FieldLimits::kNameMin,
                          FieldLimits::kNameMax, in.full_name))
    return *e;
  if (auto e = ReadString(body, "city", "City", false, 1, FieldLimits::kCityMax, in.city)) return *e;
  if (auto e = ReadEnum(body, "role", "Role", false, RoleFromWire, in.role)) return *e;
  if (in.role == Role::Admin)
    return BadRequest("invalid_role", "You can sign up as a car owner or as a mechanic.", "role");
  return in;
}

Expected<LoginInput> ParseLogin(const json& body) {
  if (auto e = RequireObject(body)) return *e;
  LoginInput in;
  auto email = body.find("email");
  auto pw = body.find("password");
  if (email == body.end() || !email->is_string() || email->get<std::string>().empty())
    return Missing("email", "Email");
  if (pw == body.end() || !pw->is_string() || pw->get<std::string>().empty())
    return Missing("password", "Password");
  in.email = Trim(email->get<std::string>());
  std::transform(in.email.begin(), in.email.end(), in.email.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  in.password = pw->get<std::string>();
  if (in.email.size() > FieldLimits::kEmailMax || in.password.size() > FieldLimits::kPasswordMax)
    return BadRequest("invalid_credentials", "That email and password do not match.");
  return in;
}

Expected<IssueInput> ParseIssueInput(const json& body, int current_year) {
  if (auto e = RequireObject(body)) return *e;
  IssueInput in;
  if (auto e = ReadString(body, "title", "Title", true, FieldLimits::kTitleMin, FieldLimits::kTitleMax, in.title))
    return *e;
  if (auto e = ReadString(body, "description", "Description", true, FieldLimits::kDescriptionMin,
                          FieldLimits::kDescriptionMax, in.description))
    return *e;
  if (auto e = ReadEnum(body, "category", "Category", true, CategoryFromWire, in.category)) return *e;
  if (auto e = ReadEnum(body, "urgency", "Urgency", false, UrgencyFromWire, in.urgency)) return *e;
  if (auto e = ReadString(body, "car_make", "Car make", true, 1, FieldLimits::kCarTextMax, in.car_make))
    return *e;
  if (auto e = ReadString(body, "car_model", "Car model", true, 1, FieldLimits::kCarTextMax, in.car_model))
    return *e;
  std::optional<int64_t> year, mileage;
  if (auto e = ReadInt(body, "car_year", "Car year", true, FieldLimits::kCarYearMin, current_year + 1, year))
    return *e;
  in.car_year = static_cast<int>(*year);
  if (auto e = ReadInt(body, "car_mileage", "Mileage", false, 0, FieldLimits::kMileageMax, mileage)) return *e;
  if (mileage) in.car_mileage = static_cast<int>(*mileage);
  if (auto e = ReadEnum(body, "budget_range", "Budget", false, BudgetRangeFromWire, in.budget_range))
    return *e;
  if (auto e = ReadString(body, "location_city", "City", false, 1, FieldLimits::kCityMax, in.location_city))
    return *e;
  return in;
}

Expected<ResponseInput> ParseResponseInput(const json& body) {
  if (auto e = RequireObject(body)) return *e;
  ResponseInput in;
  if (auto e = ReadString(body, "initial_diagnosis", "Diagnosis", true, FieldLimits::kDiagnosisMin,
                          FieldLimits::kDiagnosisMax, in.initial_diagnosis))
    return *e;
  std::optional<int64_t> lo, hi;
  if (auto e = ReadInt(body, "estimated_cost_min", "Minimum cost", true, 0, FieldLimits::kCostMaxFils, lo))
    return *e;
  if (auto e = ReadInt(body, "estimated_cost_max", "Maximum cost", true, 0, FieldLimits::kCostMaxFils, hi))
    return *e;
  if (*lo > *hi)
    return Invalid("estimated_cost_max", "Maximum cost must not be below the minimum cost.");
  in.estimated_cost_min = *lo;
  in.estimated_cost_max = *hi;
  if (auto e = ReadString(body, "estimated_fix_time", "Fix time", false, 1, FieldLimits::kFixTimeMax,
                          in.estimated_fix_time))
    return *e;
  if (auto e = ReadEnum(body, "confidence_level", "Confidence", false, ConfidenceFromWire, in.confidence_level))
    return *e;
  if (auto it = body.find("needs_video_call"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean()) return Invalid("needs_video_call", "needs_video_call must be true or false.");
    in.needs_video_call = it->get<bool>();
  }
  return in;
}

Expected<MechanicProfilePatch> ParseMechanicProfilePatch(const json& body) {
  if (auto e = RequireObject(body)) return *e;
  MechanicProfilePatch p;
  std::string text;
  if (body.contains("bio")) {
    if (auto e = ReadString(body, "bio", "Bio", false, 0, FieldLimits::kBioMax, text)) return *e;
    p.bio = text;
  }
  if (body.contains("city")) {
    if (auto e = ReadString(body, "city", "City", false, 0, FieldLimits::kCityMax, text)) return *e;
    p.city = text;
  }
  if (auto it = body.find("specializations"); it != body.end() && !it->is_null()) {
    if (!it->is_array() || it->size() > AllCategories().size())
      return Invalid("specializations", "Specializations must be a list of categories.");
    std::vector<std::string> specs;
    for (const auto& s : *it) {
      if (!s.is_string() || !CategoryFromWire(s.get<std::string>()))
        return Invalid("specializations", "Each specialization must be one of the issue categories.");
      if (std::find(specs.begin(), specs.end(), s.get<std::string>()) == specs.end())
        specs.push_back(s.get<std::string>());
    }
    p.specializations = specs;
  }
  std::optional<int64_t> n;
  if (body.contains("experience_years")) {
    if (auto e = ReadInt(body, "experience_years", "Experience", false, 0, FieldLimits::kExperienceMax, n))
      return *e;
    if (n) p.experience_years = static_cast<int>(*n);
  }
  if (body.contains("hourly_rate")) {
    if (auto e = ReadInt(body, "hourly_rate", "Hourly rate", false, 0, FieldLimits::kHourlyRateMaxFils, n))
      return *e;
    if (n) p.hourly_rate = *n;
  }
  if (body.contains("service_tier")) {
    ServiceTier tier{};
    if (auto e = ReadEnum(body, "service_tier", "Service tier", true, ServiceTierFromWire, tier)) return *e;
    p.service_tier = tier;
  }
  if (auto it = body.find("is_available"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean()) return Invalid("is_available", "is_available must be true or false.");
    p.is_available = it->get<bool>();
  }
  return p;
}

Expected<VerifyDecision> ParseVerifyDecision(const json& body) {
  if (auto e = RequireObject(body)) return *e;
  VerifyDecision d;
  if (auto e = ReadEnum(body, "decision", "Decision", true, VerificationStatusFromWire, d.decision)) return *e;
  if (d.decision == VerificationStatus::Pending)
    return Invalid("decision", "Decision must be \"verified\" or \"rejected\".");
  if (auto e = ReadString(body, "reason", "Reason", false, 1, FieldLimits::kReasonMax, d.reason)) return *e;
  if (d.decision == VerificationStatus::Rejected && d.reason.empty())
    return Missing("reason", "A reason for the rejection");
  return d;
}

Expected<IssueStatus> ParseStatusPatch(const json& body) {
  if (auto e = RequireObject(body)) return *e;
  IssueStatus s{};
  if (auto e = ReadEnum(body, "status", "Status", true, IssueStatusFromWire, s)) return *e;
  return s;
}

}  // namespace salik
