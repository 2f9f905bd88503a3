#include "core/domain.hpp"

#include <array>
#include <utility>

namespace salik {
namespace {

// One table per enum: value, wire name, label. Lookups are linear; the tables are tiny.
template <typename E>
struct Entry {
  E value;
  std::string_view wire;
  std::string_view label;
};

constexpr std::array kRoles{
    Entry<Role>{Role::Customer, "customer", "Car owner"},
    Entry<Role>{Role::Mechanic, "mechanic", "Mechanic"},
    Entry<Role>{Role::Admin, "admin", "Admin"},
};
constexpr std::array kCategories{
    Entry<Category>{Category::Engine, "engine", "Engine"},
    Entry<Category>{Category::Brakes, "brakes", "Brakes"},
    Entry<Category>{Category::Electrical, "electrical", "Electrical"},
    Entry<Category>{Category::Suspension, "suspension", "Suspension"},
    Entry<Category>{Category::Ac, "ac", "A/C"},
    Entry<Category>{Category::Transmission, "transmission", "Transmission"},
    Entry<Category>{Category::Body, "body", "Body"},
    Entry<Category>{Category::Other, "other", "Other"},
};
constexpr std::array kUrgencies{
    Entry<Urgency>{Urgency::Low, "low", "Low"},
    Entry<Urgency>{Urgency::Normal, "normal", "Normal"},
    Entry<Urgency>{Urgency::Urgent, "urgent", "Urgent"},
};
constexpr std::array kStatuses{
    Entry<IssueStatus>{IssueStatus::Open, "open", "Open"},
    Entry<IssueStatus>{IssueStatus::InProgress, "in_progress", "In progress"},
    Entry<IssueStatus>{IssueStatus::Resolved, "resolved", "Resolved"},
    Entry<IssueStatus>{IssueStatus::Closed, "closed", "Closed"},
};
constexpr std::array kBudgets{
    Entry<BudgetRange>{BudgetRange::Under50, "under_50", "Under AED 50"},
    Entry<BudgetRange>{BudgetRange::From50To200, "50_200", "AED 50-200"},
    Entry<BudgetRange>{BudgetRange::From200To500, "200_500", "AED 200-500"},
    Entry<BudgetRange>{BudgetRange::Above500, "above_500", "Above AED 500"},
    Entry<BudgetRange>{BudgetRange::NotSure, "not_sure", "Not sure"},
};
constexpr std::array kConfidences{
    Entry<Confidence>{Confidence::Low, "low", "Low"},
    Entry<Confidence>{Confidence::Medium, "medium", "Medium"},
    Entry<Confidence>{Confidence::High, "high", "High"},
};
constexpr std::array kVerifications{
    Entry<VerificationStatus>{VerificationStatus::Pending, "pending", "Pending verification"},
    Entry<VerificationStatus>{VerificationStatus::Verified, "verified", "Verified"},
    Entry<VerificationStatus>{VerificationStatus::Rejected, "rejected", "Rejected"},
};
constexpr std::array kTiers{
    Entry<ServiceTier>{ServiceTier::VirtualOnly, "virtual_only", "Virtual only"},
    Entry<ServiceTier>{ServiceTier::WorkshopPartner, "workshop_partner", "Workshop partner"},
};

template <typename E, size_t N>
std::string_view WireOf(const std::array<Entry<E>, N>& table, E value) {
  for (const auto& e : table)
    if (e.value == value) return e.wire;
  return {};
}
template <typename E, size_t N>
std::string_view LabelOf(const std::array<Entry<E>, N>& table, E value) {
  for (const auto& e : table)
    if (e.value == value) return e.label;
  return {};
}
template <typename E, size_t N>
std::optional<E> FromWire(const std::array<Entry<E>, N>& table, std::string_view wire) {
  for (const auto& e : table)
    if (e.wire == wire) return e.value;
  return std::nullopt;
}
template <typename E, size_t N>
std::vector<E> ValuesOf(const std::array<Entry<E>, N>& table) {
  std::vector<E> out;
  for (const auto& e : table) out.push_back(e.value);
  return out;
}

}  // namespace

std::string_view ToWire(Role v) { return WireOf(kRoles, v); }
std::string_view ToWire(Category v) { return WireOf(kCategories, v); }
std::string_view ToWire(Urgency v) { return WireOf(kUrgencies, v); }
std::string_view ToWire(IssueStatus v) { return WireOf(kStatuses, v); }
std::string_view ToWire(BudgetRange v) { return WireOf(kBudgets, v); }
std::string_view ToWire(Confidence v) { return WireOf(kConfidences, v); }
std::string_view ToWire(VerificationStatus v) { return WireOf(kVerifications, v); }
std::string_view ToWire(ServiceTier v) { return WireOf(kTiers, v); }

std::optional<Role> RoleFromWire(std::string_view s) { return FromWire(kRoles, s); }
std::optional<Category> CategoryFromWire(std::string_view s) { return FromWire(kCategories, s); }
std::optional<Urgency> UrgencyFromWire(std::string_view s) { return FromWire(kUrgencies, s); }
std::optional<IssueStatus> IssueStatusFromWire(std::string_view s) { return FromWire(kStatuses, s); }
std::optional<BudgetRange> BudgetRangeFromWire(std::string_view s) { return FromWire(kBudgets, s); }
std::optional<Confidence> ConfidenceFromWire(std::string_view s) { return FromWire(kConfidences, s); }
std::optional<VerificationStatus> VerificationStatusFromWire(std::string_view s) {
  return FromWire(kVerifications, s);
}
std::optional<ServiceTier> ServiceTierFromWire(std::string_view s) { return FromWire(kTiers, s); }

std::string_view Label(Category v) { return LabelOf(kCategories, v); }
std::string_view Label(Urgency v) { return LabelOf(kUrgencies, v); }
std::string_view Label(IssueStatus v) { return LabelOf(kStatuses, v); }
std::string_view Label(BudgetRange v) { return LabelOf(kBudgets, v); }
std::string_view Label(Confidence v) { return LabelOf(kConfidences, v); }
std::string_view Label(VerificationStatus v) { return LabelOf(kVerifications, v); }
std::string_view Label(ServiceTier v) { return LabelOf(kTiers, v); }

const std::vector<Category>& AllCategories() {
  static const auto all = ValuesOf(kCategories);
  return all;
}
const std::vector<Urgency>& AllUrgencies() {
  static const auto all = ValuesOf(kUrgencies);
  return all;
}
const std::vector<BudgetRange>& AllBudgetRanges() {
  static const auto all = ValuesOf(kBudgets);
  return all;
}
const std::vector<Confidence>& AllConfidences() {
  static const auto all = ValuesOf(kConfidences);
  return all;
}
const std::vector<IssueStatus>& AllIssueStatuses() {
  static const auto all = ValuesOf(kStatuses);
  return all;
}

}  // namespace salik
