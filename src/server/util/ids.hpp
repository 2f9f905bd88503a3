// Random identifiers from libsodium's CSPRNG.
#pragma once

#include <string>

namespace salik {

// A version 4 UUID, lower-case with dashes.
std::string NewUuid();
// `bytes` random bytes as lower-case hex (session tokens use 32 bytes = 256 bits).
std::string RandomHex(size_t bytes);
bool LooksLikeUuid(const std::string& s);

}  // namespace salik
