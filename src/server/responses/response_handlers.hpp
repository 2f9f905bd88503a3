// /api/issues/{id}/responses: a verified mechanic's one answer to an issue, and the list of them.
#pragma once

#include "server/http/router.hpp"

namespace salik {

void RegisterResponseRoutes(Router& router);

}  // namespace salik
