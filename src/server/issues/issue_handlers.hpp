// /api/issues and /api/issues/{id}: post, list, read, change status, delete.
#pragma once

#include "server/http/router.hpp"

namespace salik {

void RegisterIssueRoutes(Router& router);

}  // namespace salik
