// /api/auth/{signup,login,logout,me}
#pragma once

#include "server/http/router.hpp"

namespace salik {

void RegisterAuthRoutes(Router& router);

}  // namespace salik
