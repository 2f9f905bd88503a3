// The admins' mechanic verification: the queue of pending mechanics and the decision on one.
#pragma once

#include "server/http/router.hpp"

namespace salik {

void RegisterVerificationRoutes(Router& router);

}  // namespace salik
