// Every chat route over REST: conversations and their messages.
#pragma once

#include "server/http/router.hpp"

namespace salik {

void RegisterConversationRoutes(Router& router);

}  // namespace salik
