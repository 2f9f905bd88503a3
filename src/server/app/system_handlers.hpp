// /api/health and /api/openapi.json
#pragma once

#include "server/http/router.hpp"

namespace salik {

void RegisterSystemRoutes(Router& router);

}  // namespace salik
