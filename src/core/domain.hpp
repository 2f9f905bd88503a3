// Domain types shared by the server and the app. Field names follow the design document's
// columns (docs/api.md); money is integer fils (1 AED = 100 fils); times are UTC ISO-8601 text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace salik {

enum class Role { Customer, Mechanic, Admin };
enum class Category { Engine, Brakes, Electrical, Suspension, Ac, Transmission, Body, Other };
enum class Urgency { Low, Normal, Urgent };
enum class IssueStatus { Open, InProgress, Resolved, Closed };
enum class BudgetRange { Under50, From50To200, From200To500, Above500, NotSure };
enum class Confidence { Low, Medium, High };
enum class VerificationStatus { Pending, Verified, Rejected };
enum class ServiceTier { VirtualOnly, WorkshopPartner };

// Wire names ("ac", "50_200", "in_progress", …) and the words a person reads.
std::string_view ToWire(Role);
std::string_view ToWire(Category);
std::string_view ToWire(Urgency);
std::string_view ToWire(IssueStatus);
std::string_view ToWire(BudgetRange);
std::string_view ToWire(Confidence);
std::string_view ToWire(VerificationStatus);
std::string_view ToWire(ServiceTier);

std::optional<Role> RoleFromWire(std::string_view);
std::optional<Category> CategoryFromWire(std::string_view);
std::optional<Urgency> UrgencyFromWire(std::string_view);
std::optional<IssueStatus> IssueStatusFromWire(std::string_view);
std::optional<BudgetRange> BudgetRangeFromWire(std::string_view);
std::optional<Confidence> ConfidenceFromWire(std::string_view);
std::optional<VerificationStatus> VerificationStatusFromWire(std::string_view);
std::optional<ServiceTier> ServiceTierFromWire(std::string_view);

std::string_view Label(Category);
std::string_view Label(Urgency);
std::string_view Label(IssueStatus);
std::string_view Label(BudgetRange);
std::string_view Label(Confidence);
std::string_view Label(VerificationStatus);
std::string_view Label(ServiceTier);

// Every value of each enum, in display order, for pickers and validation messages.
const std::vector<Category>& AllCategories();
const std::vector<Urgency>& AllUrgencies();
const std::vector<BudgetRange>& AllBudgetRanges();
const std::vector<Confidence>& AllConfidences();
const std::vector<IssueStatus>& AllIssueStatuses();

struct Profile {
  std::string id;
  Role role = Role::Customer;
  std::string email;
  std::string full_name;
  std::string phone;
  std::string city;
  std::string country = "AE";
  bool is_active = true;
  std::string created_at;
  std::string updated_at;
};

struct MechanicProfile {
  std::string id;  // same as the profile id
  std::string full_name;
  std::string city;
  std::string bio;
  std::vector<std::string> specializations;  // category wire names
  int experience_years = 0;
  int64_t hourly_rate = 0;  // fils
  ServiceTier service_tier = ServiceTier::VirtualOnly;
  VerificationStatus verification_status = VerificationStatus::Pending;
  std::string rejection_reason;
  double rating_avg = 0.0;
  int rating_count = 0;
  bool is_available = true;
  std::string verified_at;
  std::string verified_by;
  std::string created_at;
};

struct Issue {
  std::string id;
  std::string customer_id;
  std::string customer_name;
  std::string title;
  std::string description;
  std::string car_make;
  std::string car_model;
  int car_year = 0;
  std::optional<int> car_mileage;
  Category category = Category::Other;
  Urgency urgency = Urgency::Normal;
  IssueStatus status = IssueStatus::Open;
  std::string location_city;
  BudgetRange budget_range = BudgetRange::NotSure;
  bool is_public = true;
  int response_count = 0;
  std::string created_at;
  std::string updated_at;
};

struct MechanicResponse {
  std::string id;
  std::string issue_id;
  std::string mechanic_id;
  std::string mechanic_name;
  double mechanic_rating = 0.0;
  int mechanic_rating_count = 0;
  bool mechanic_verified = false;
  std::string initial_diagnosis;
  int64_t estimated_cost_min = 0;  // fils
  int64_t estimated_cost_max = 0;  // fils
  std::string estimated_fix_time;
  Confidence confidence_level = Confidence::Medium;
  bool needs_video_call = false;
  std::string created_at;
};

}  // namespace salik
