// The HTTP side of the WebSocket opening handshake (RFC 6455 section 4.2): checking the client's
// upgrade request and writing the 101 answer. Plain values in and out, no Beast or Asio.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/api_error.hpp"
#include "server/http/http_types.hpp"

namespace salik {

// The answer to a request for the WebSocket path: either the key to accept with, or a refusal.
struct UpgradeCheck {
  std::string accept_key;               // set when accepted
  std::optional<HttpResponse> refusal;  // set when refused
};

// 400 upgrade_required: a plain HTTP request to an address that only speaks WebSocket.
ApiError WebSocketUpgradeRequired();

// `http_version` as Beast numbers it: 11 for HTTP/1.1, 10 for HTTP/1.0. Refuses with 400
// upgrade_required (not an upgrade), 426 unsupported_websocket_version (with Sec-WebSocket-Version: 13)
// or 400 bad_websocket_key; checks nothing else (Origin, Host, subprotocols are the caller's).
UpgradeCheck CheckWebSocketUpgrade(const HttpRequest& req, unsigned http_version);

// base64(SHA-1(client key + the RFC's GUID)): the Sec-WebSocket-Accept value.
std::string WebSocketAcceptKey(std::string_view client_key);

// The whole "HTTP/1.1 101 Switching Protocols" response text, ending with the blank line.
std::string SwitchingProtocolsResponse(std::string_view accept_key);

}  // namespace salik
