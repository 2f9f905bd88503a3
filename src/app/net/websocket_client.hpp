// The realtime link's socket, through Emscripten's WebSocket API (-lwebsocket.js), at
// ws(s)://<the page's host>/api/ws. One socket at a time, as the protocol wants one per tab:
// opening a new one drops the old. Its events come back as actions (SocketOpened, SocketText,
// SocketClosed) carrying the generation the reducer chose, so late events of a replaced socket
// are recognised and ignored; a socket dropped by Close reports nothing.
#pragma once

#include <functional>
#include <string>

#include "state/actions.hpp"

namespace salik::net {

using SocketEvents = std::function<void(const app::Action&)>;

void OpenSocket(int generation, SocketEvents on_event);
// False when that socket is not the open one (the frame is dropped; the outbox resends).
bool SendOnSocket(int generation, const std::string& text);
void CloseSocket();

}  // namespace salik::net
