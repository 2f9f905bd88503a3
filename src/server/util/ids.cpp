#include "server/util/ids.hpp"

#include <sodium.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace salik {
namespace {

void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

std::string Hex(const unsigned char* data, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 0xF];
  }
  return out;
}

// Random bytes for ids, drawn from libsodium a kilobyte at a time per thread: one getrandom
// call per id was a system call for every chat message. Secrets (RandomHex) never come from here.
// A fork() that did not exec would hand the child the parent's unused bytes; the server only
// starts other programs with posix_spawn.
void IdRandomness(unsigned char* out, size_t n) {
  thread_local unsigned char pool[1024];
  thread_local size_t used = sizeof pool;
  if (used + n > sizeof pool) {
    EnsureSodium();
    randombytes_buf(pool, sizeof pool);
    used = 0;
  }
  std::memcpy(out, pool + used, n);
  sodium_memzero(pool + used, n);  // each byte handed out once
  used += n;
}

std::string UuidText(const unsigned char* b) {
  std::string h = Hex(b, 16);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

}  // namespace

std::string NewUuid() {
  unsigned char b[16];
  IdRandomness(b, sizeof b);
  b[6] = (b[6] & 0x0F) | 0x40;  // version 4
  b[8] = (b[8] & 0x3F) | 0x80;  // RFC 4122 variant
  return UuidText(b);
}

std::string NewTimeOrderedUuid() {
  unsigned char b[16];
  IdRandomness(b, sizeof b);
  uint64_t ms = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
  b[6] = (b[6] & 0x0F) | 0x70;  // version 7
  b[8] = (b[8] & 0x3F) | 0x80;  // RFC 4122 variant
  return UuidText(b);
}

std::string RandomHex(size_t bytes) {
  EnsureSodium();
  std::vector<unsigned char> b(bytes);
  randombytes_buf(b.data(), b.size());
  return Hex(b.data(), b.size());
}

}  // namespace salik
