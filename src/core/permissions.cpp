#include "core/permissions.hpp"

namespace salik {

std::optional<ApiError> CanPostIssue(Role role) {
  if (role != Role::Customer) return Forbidden("Only car owners can post issues.");
  return std::nullopt;
}

std::optional<ApiError> CanRespond(Role role, VerificationStatus status) {
  if (role != Role::Mechanic) return Forbidden("Only mechanics can respond to issues.");
  if (status != VerificationStatus::Verified)
    return Forbidden("Your mechanic profile must be verified before you can respond.");
  return std::nullopt;
}

std::optional<ApiError> CanVerifyMechanics(Role role) {
  if (role != Role::Admin) return Forbidden("Only admins can verify mechanics.");
  return std::nullopt;
}

std::optional<ApiError> CanChangeIssueStatus(Role role, bool is_owner, IssueStatus from, IssueStatus to) {
  bool admin = role == Role::Admin;
  if (!is_owner && !admin) return Forbidden("Only the owner of this issue can change its status.");
  if (from == to) return std::nullopt;
  if (from == IssueStatus::Closed)
    return Conflict("invalid_transition", "This issue is closed and cannot change any more.");
  bool allowed = (to == IssueStatus::Closed) || (to == IssueStatus::Resolved) ||
                 (from == IssueStatus::Open && to == IssueStatus::InProgress) ||
                 (from == IssueStatus::Resolved && to == IssueStatus::Open) ||
                 (from == IssueStatus::InProgress && to == IssueStatus::Open);
  if (!allowed) return Conflict("invalid_transition", "The issue cannot move to that status from here.");
  return std::nullopt;
}

std::optional<ApiError> CanDeleteIssue(Role role, bool is_owner) {
  if (is_owner || role == Role::Admin) return std::nullopt;
  return Forbidden("Only the owner of this issue can delete it.");
}

}  // namespace salik
