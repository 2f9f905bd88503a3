// SHA-1 (FIPS 180-4). Only because the WebSocket handshake (RFC 6455) requires it for
// Sec-WebSocket-Accept: SHA-1 is broken for security and must not be used for anything that needs it.
// libsodium, our crypto library, has no SHA-1.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace salik {

// The 20-byte digest of `data`.
std::array<uint8_t, 20> Sha1(std::string_view data);

}  // namespace salik
