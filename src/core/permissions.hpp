// Who may do what: the role rules of the design documents, in one place.
#pragma once

#include <optional>
#include <string>

#include "core/api_error.hpp"
#include "core/domain.hpp"

namespace salik {

// Every check answers nothing when allowed, or the error to send.
std::optional<ApiError> CanPostIssue(Role role);
std::optional<ApiError> CanRespond(Role role, VerificationStatus status);
std::optional<ApiError> CanVerifyMechanics(Role role);
// A customer moves their own issue along: open → in_progress → resolved, or closes it.
std::optional<ApiError> CanChangeIssueStatus(Role role, bool is_owner, IssueStatus from, IssueStatus to);
std::optional<ApiError> CanDeleteIssue(Role role, bool is_owner);

}  // namespace salik
