// The whole REST API in one table (docs/openapi.json describes the same routes; a test holds
// the two together).
#pragma once

#include "server/http/router.hpp"

namespace salik {

Router BuildApiRouter();

}  // namespace salik
