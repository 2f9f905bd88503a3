// Parsing and validation of every input the API takes. Shared by the server (the authority)
// and the app (to show the same message before a round trip).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/api_error.hpp"
#include "core/domain.hpp"

namespace salik {

struct FieldLimits {
  static constexpr size_t kEmailMax = 254;
  static constexpr size_t kPasswordMin = 8;
  static constexpr size_t kPasswordMax = 128;
  static constexpr size_t kNameMin = 2;
  static constexpr size_t kNameMax = 80;
  static constexpr size_t kCityMax = 60;
  static constexpr size_t kTitleMin = 5;
  static constexpr size_t kTitleMax = 120;
  static constexpr size_t kDescriptionMin = 10;
  static constexpr size_t kDescriptionMax = 4000;
  static constexpr size_t kCarTextMax = 40;
  static constexpr int kCarYearMin = 1950;
  static constexpr int kMileageMax = 2'000'000;
  static constexpr size_t kDiagnosisMin = 10;
  static constexpr size_t kDiagnosisMax = 4000;
  static constexpr size_t kFixTimeMax = 60;
  static constexpr int64_t kCostMaxFils = 100'000'000;  // AED 1,000,000
  static constexpr size_t kBioMax = 2000;
  static constexpr int kExperienceMax = 70;
  static constexpr int64_t kHourlyRateMaxFils = 10'000'000;
  static constexpr size_t kReasonMax = 500;
};

struct SignupInput {
  std::string email;  // trimmed, lower-cased
  std::string password;
  std::string full_name;
  std::string city;
  Role role = Role::Customer;  // never Admin: signup refuses it
};

struct LoginInput {
  std::string email;
  std::string password;
};

struct IssueInput {
  std::string title;
  std::string description;
  Category category = Category::Other;
  Urgency urgency = Urgency::Normal;
  std::string car_make;
  std::string car_model;
  int car_year = 0;
  std::optional<int> car_mileage;
  BudgetRange budget_range = BudgetRange::NotSure;
  std::string location_city;
};

struct ResponseInput {
  std::string initial_diagnosis;
  int64_t estimated_cost_min = 0;
  int64_t estimated_cost_max = 0;
  std::string estimated_fix_time;
  Confidence confidence_level = Confidence::Medium;
  bool needs_video_call = false;
};

// A partial update: only the fields present are changed.
struct MechanicProfilePatch {
  std::optional<std::string> bio;
  std::optional<std::vector<std::string>> specializations;
  std::optional<int> experience_years;
  std::optional<int64_t> hourly_rate;
  std::optional<ServiceTier> service_tier;
  std::optional<bool> is_available;
  std::optional<std::string> city;
};

struct VerifyDecision {
  VerificationStatus decision = VerificationStatus::Verified;  // Verified or Rejected
  std::string reason;
};

// Filters of the issue list; also parsed from a query string on the server.
struct IssueFilter {
  std::optional<Category> category;
  std::optional<Urgency> urgency;
  std::optional<BudgetRange> budget_range;
  std::optional<IssueStatus> status;
  std::string city;
  std::string customer_id;  // "mine" is resolved by the server
  int limit = 20;
  int offset = 0;
};

// The year used for the car_year upper bound: next year is allowed (new models).
int CurrentUtcYear();

Expected<SignupInput> ParseSignup(const nlohmann::json& body);
Expected<LoginInput> ParseLogin(const nlohmann::json& body);
Expected<IssueInput> ParseIssueInput(const nlohmann::json& body, int current_year);
Expected<ResponseInput> ParseResponseInput(const nlohmann::json& body);
Expected<MechanicProfilePatch> ParseMechanicProfilePatch(const nlohmann::json& body);
Expected<VerifyDecision> ParseVerifyDecision(const nlohmann::json& body);
Expected<IssueStatus> ParseStatusPatch(const nlohmann::json& body);

// Single-field checks, used by the app's forms as the user types.
std::optional<ApiError> CheckEmail(const std::string& email);
std::optional<ApiError> CheckPassword(const std::string& password);
std::optional<ApiError> CheckTextLength(const std::string& value, const char* field,
                                        const char* what, size_t min, size_t max);

// Counts UTF-8 code points, so limits mean characters, not bytes.
size_t Utf8Length(const std::string& s);
std::string Trim(const std::string& s);

}  // namespace salik
