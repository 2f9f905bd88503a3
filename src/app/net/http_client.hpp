// HTTP requests from the browser with Emscripten's fetch. Each answer is handed to `on_done` on
// the main thread; a network failure answers with status 0.
#pragma once

#include <functional>
#include <string>

#include "state/commands.hpp"

namespace salik::net {

void Send(const app::HttpCommand& command, std::function<void(app::HttpDone)> on_done);
// Requests started and not yet answered.
int InFlight();

}  // namespace salik::net
