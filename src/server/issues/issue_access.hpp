// Who may read an issue (and so its responses): its owner, admins, and mechanics while the
// issue is public. Other car owners never see it.
#pragma once

#include <optional>

#include "core/api_error.hpp"
#include "core/domain.hpp"

namespace salik {

std::optional<ApiError> CanSeeIssue(const Profile& user, const Issue& issue);

}  // namespace salik
