// /api/conversations: open one (car owner with a mechanic who responded, or that mechanic),
// list mine, read one, and the car owner's "Share contact details" (engage).
#pragma once

#include "server/http/router.hpp"

namespace salik {

void RegisterConversationHandlers(Router& router);

}  // namespace salik
