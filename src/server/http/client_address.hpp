// Who is asking, for per-IP limits. Behind a reverse proxy (haproxy in scripts/cluster.sh) every
// request comes from the proxy's address; the proxy names the real client in X-Forwarded-For.
// That header is believed only from the proxies the operator lists (SALIK_TRUSTED_PROXIES): a
// client talking to us directly could write anything in it.
#pragma once

#include <string>
#include <vector>

#include "server/http/http_types.hpp"

namespace salik {

// The client's address: the socket's peer, or, when the peer is a trusted proxy, the right-most
// X-Forwarded-For entry that is not itself a trusted proxy. An entry that is not an IP address
// ends the walk (the peer's address is used).
std::string ClientAddress(const HttpRequest& req, const std::vector<std::string>& trusted_proxies);

// "127.0.0.1, ::1" → {"127.0.0.1", "::1"}; throws std::runtime_error naming SALIK_TRUSTED_PROXIES
// for an entry that is not an IP address.
std::vector<std::string> ParseTrustedProxies(const std::string& text);

}  // namespace salik
