// Chat messages over REST: a page of history, sending (idempotent by client_id, rate limited
// together with the WebSocket), and the sender's edit within the edit window.
#pragma once

#include "server/http/router.hpp"

namespace salik {

void RegisterMessageHandlers(Router& router);

}  // namespace salik
