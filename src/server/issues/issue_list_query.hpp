// GET /api/issues query parameters → an IssueFilter for the store, shaped by who asks:
// car owners list their own issues (any status); the mechanics' and admins' feed lists public
// issues, open ones unless a status is asked for.
#pragma once

#include "core/api_error.hpp"
#include "core/domain.hpp"
#include "core/validation.hpp"
#include "server/http/http_types.hpp"

namespace salik {

Expected<IssueFilter> ParseIssueListQuery(const HttpRequest& req, const Profile& user);

}  // namespace salik
