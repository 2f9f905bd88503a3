// /api/mechanics and /api/mechanics/{id}: the public directory and a mechanic's own profile.
#pragma once

#include "server/http/router.hpp"

namespace salik {

void RegisterMechanicRoutes(Router& router);

}  // namespace salik
