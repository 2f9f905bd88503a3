// Which browser pages may open the WebSocket. Browsers always send Origin on a WebSocket
// upgrade, so checking it stops other sites from riding a user's session (cross-site WebSocket
// hijacking). Clients that are not browsers (tests, benchmarks, native tools) send none and are
// let in: they have to present a token in their hello anyway.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace salik::ws {

struct OriginPolicy {
  std::vector<std::string> allowed;  // lower-case, no trailing "/"; empty = the defaults below
  uint16_t port = 0;                 // the port the server listens on
};

// With an explicit list: only those origins. Without: the page's own origin (http:// or
// https:// plus the Host header), http://localhost:<port> and http://127.0.0.1:<port>.
// `origin` is the Origin header ("" when absent, which is allowed).
bool OriginAllowed(const OriginPolicy& policy, const std::string& origin, const std::string& host_header);

}  // namespace salik::ws
