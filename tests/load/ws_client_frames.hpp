// The client side of WebSocket framing (RFC 6455 section 5), as much as the load generator needs:
// it writes masked frames (clients must mask) and reads the server's unmasked ones. Written by
// hand so the generator spends as little of the shared CPU as it can: on a two-core machine
// every cycle it uses is taken from the server it measures.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace salik::load {

enum Opcode : uint8_t { kContinuation = 0, kText = 1, kBinary = 2, kClose = 8, kPing = 9, kPong = 10 };

// Appends one final frame carrying `payload`, masked with `mask_key`, to `out`.
void AppendMaskedFrame(std::string& out, Opcode opcode, std::string_view payload, uint32_t mask_key);

struct ServerFrame {
  Opcode opcode = kText;
  bool fin = true;
  std::string_view payload;  // points into the input
};

enum class FrameRead { Complete, NeedMore, Malformed };

// Reads the frame at the start of `in`. Complete: `frame` is set and `consumed` is its size.
// Malformed: a reserved bit set, a masked frame (servers never mask), a payload over `max_payload`
// or an unknown opcode.
FrameRead ReadServerFrame(std::string_view in, size_t max_payload, ServerFrame& frame, size_t& consumed);

}  // namespace salik::load
