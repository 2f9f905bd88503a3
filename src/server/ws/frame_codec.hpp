// WebSocket framing (RFC 6455 section 5) in both directions: the server writes unmasked frames
// and reads masked ones; the load generator does the opposite. Plain bytes, no sockets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace salik::ws {

enum Opcode : uint8_t { kContinuation = 0, kText = 1, kBinary = 2, kClose = 8, kPing = 9, kPong = 10 };

// The longest header: 2 bytes, an 8-byte length and a 4-byte mask key.
inline constexpr size_t kMaxFrameHeader = 14;
// Control frames (close, ping, pong) carry at most this much.
inline constexpr size_t kMaxControlPayload = 125;

// Writes the header of a final, unmasked frame of `length` payload bytes to `out` (room for
// kMaxFrameHeader); returns its size.
size_t WriteFrameHeader(char* out, Opcode opcode, uint64_t length);
// Appends a final, unmasked frame (what a server sends).
void AppendFrame(std::string& out, Opcode opcode, std::string_view payload);
// Appends a final frame masked with `mask_key` (what a client must send).
void AppendMaskedFrame(std::string& out, Opcode opcode, std::string_view payload, uint32_t mask_key);

struct Frame {
  Opcode opcode = kText;
  bool fin = true;
  bool masked = false;
  unsigned char mask[4] = {0, 0, 0, 0};
  size_t header_size = 0;
  size_t payload_size = 0;  // the payload is in[header_size, header_size + payload_size)
};

enum class FrameRead {
  Complete,   // the whole frame is there
  NeedMore,   // not yet
  Malformed,  // a protocol error: close with 1002
  TooLarge,   // the payload is over the caller's limit: close with 1009
};

// Reads the frame at the start of `in`. Malformed: a reserved bit (no extension is ever agreed),
// a mask where it must not be or none where it must, an unknown opcode, a fragmented or long
// control frame, a length with the top bit set.
FrameRead ReadFrame(std::string_view in, bool expect_masked, uint64_t max_payload, Frame& frame);

// XORs `data` with the mask key; `offset` is the position of data[0] within the payload.
void Unmask(char* data, size_t size, const unsigned char mask[4], size_t offset = 0);

}  // namespace salik::ws
