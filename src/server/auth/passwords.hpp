// Password hashing: Argon2id through libsodium, with its interactive cost settings.
#pragma once

#include <string>

namespace salik {

// The self-describing "$argon2id$…" string; throws std::runtime_error when out of memory.
std::string HashPassword(const std::string& password);
bool VerifyPassword(const std::string& hash, const std::string& password);
// Spends the same time as a real check, so a login for an unknown email is not faster.
void VerifyAgainstDummyHash(const std::string& password);

}  // namespace salik
