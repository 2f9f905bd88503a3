#include "server/issues/issue_access.hpp"

namespace salik {

std::optional<ApiError> CanSeeIssue(const Profile& user, const Issue& issue) {
  if (issue.customer_id == user.id || user.role == Role::Admin) return std::nullopt;
  if (user.role == Role::Mechanic && issue.is_public) return std::nullopt;
  if (user.role == Role::Customer) return Forbidden("You can only see your own issues.");
  return NotFound();  // a hidden issue does not exist for a mechanic
}

}  // namespace salik
