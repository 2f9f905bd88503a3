// Media endpoints: uploads to an issue, to a conversation and to a mechanic's verification
// documents (streamed to disk by the listener), the documents list, and the signed download.
#pragma once

#include "server/http/router.hpp"

namespace salik {

void RegisterMediaRoutes(Router& router);

}  // namespace salik
