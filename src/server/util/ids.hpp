// Random identifiers from libsodium's CSPRNG.
#pragma once

#include <string>

#include "core/uuid_text.hpp"  // LooksLikeUuid, shared with the app

namespace salik {

// A version 4 UUID, lower-case with dashes.
std::string NewUuid();
// A version 7 UUID (RFC 9562): the time in milliseconds first, then random bits, so ids made one
// after another sort together. Chat messages use it: each new id then lands at the end of the
// id index instead of on a random page, which keeps a commit's writes to a few pages.
std::string NewTimeOrderedUuid();
// `bytes` random bytes as lower-case hex (session tokens use 32 bytes = 256 bits).
std::string RandomHex(size_t bytes);

}  // namespace salik
