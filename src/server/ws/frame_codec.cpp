#include "server/ws/frame_codec.hpp"

namespace salik::ws {
namespace {

bool IsControl(unsigned opcode) { return opcode >= kClose; }
bool IsKnown(unsigned opcode) { return opcode <= kBinary || (opcode >= kClose && opcode <= kPong); }

// The length part of a header, after the first byte; `mask_bit` is 0x80 for a client frame.
size_t WriteLength(char* out, uint64_t length, unsigned char mask_bit) {
  if (length < 126) {
    out[0] = static_cast<char>(mask_bit | length);
    return 1;
  }
  if (length <= 0xFFFF) {
    out[0] = static_cast<char>(mask_bit | 126);
    out[1] = static_cast<char>(length >> 8);
    out[2] = static_cast<char>(length & 0xFF);
    return 3;
  }
  out[0] = static_cast<char>(mask_bit | 127);
  for (int i = 0; i < 8; ++i) out[1 + i] = static_cast<char>((length >> (56 - 8 * i)) & 0xFF);
  return 9;
}

}  // namespace

size_t WriteFrameHeader(char* out, Opcode opcode, uint64_t length) {
  out[0] = static_cast<char>(0x80 | opcode);
  return 1 + WriteLength(out + 1, length, 0);
}

void AppendFrame(std::string& out, Opcode opcode, std::string_view payload) {
  char header[kMaxFrameHeader];
  out.append(header, WriteFrameHeader(header, opcode, payload.size()));
  out.append(payload);
}

void AppendMaskedFrame(std::string& out, Opcode opcode, std::string_view payload, uint32_t mask_key) {
  char header[kMaxFrameHeader];
  header[0] = static_cast<char>(0x80 | opcode);
  size_t size = 1 + WriteLength(header + 1, payload.size(), 0x80);
  const unsigned char key[4] = {static_cast<unsigned char>(mask_key >> 24), static_cast<unsigned char>(mask_key >> 16),
                                static_cast<unsigned char>(mask_key >> 8), static_cast<unsigned char>(mask_key)};
  for (unsigned char k : key) header[size++] = static_cast<char>(k);
  out.append(header, size);
  const size_t start = out.size();
  out.append(payload);
  Unmask(out.data() + start, payload.size(), key);  // masking and unmasking are the same XOR
}

FrameRead ReadFrame(std::string_view in, bool expect_masked, uint64_t max_payload, Frame& frame) {
  if (in.size() < 2) return FrameRead::NeedMore;
  const auto b0 = static_cast<unsigned char>(in[0]), b1 = static_cast<unsigned char>(in[1]);
  const unsigned opcode = b0 & 0x0F;
  const bool fin = (b0 & 0x80) != 0, masked = (b1 & 0x80) != 0;
  if ((b0 & 0x70) || masked != expect_masked || !IsKnown(opcode)) return FrameRead::Malformed;
  size_t header = 2;
  uint64_t length = b1 & 0x7F;
  if (IsControl(opcode) && (!fin || length > kMaxControlPayload)) return FrameRead::Malformed;
  if (length == 126) {
    if (in.size() < 4) return FrameRead::NeedMore;
    length = (uint64_t(static_cast<unsigned char>(in[2])) << 8) | static_cast<unsigned char>(in[3]);
    header = 4;
  } else if (length == 127) {
    if (in.size() < 10) return FrameRead::NeedMore;
    length = 0;
    for (int i = 2; i < 10; ++i) length = (length << 8) | static_cast<unsigned char>(in[i]);
    if (length >> 63) return FrameRead::Malformed;
    header = 10;
  }
  if (length > max_payload) return FrameRead::TooLarge;
  if (masked) {
    if (in.size() < header + 4) return FrameRead::NeedMore;
    for (int i = 0; i < 4; ++i) frame.mask[i] = static_cast<unsigned char>(in[header + i]);
    header += 4;
  }
  if (in.size() - header < length) return FrameRead::NeedMore;
  frame.opcode = static_cast<Opcode>(opcode);
  frame.fin = fin;
  frame.masked = masked;
  frame.header_size = header;
  frame.payload_size = static_cast<size_t>(length);
  return FrameRead::Complete;
}

void Unmask(char* data, size_t size, const unsigned char mask[4], size_t offset) {
  for (size_t i = 0; i < size; ++i) data[i] = static_cast<char>(data[i] ^ mask[(offset + i) & 3]);
}

}  // namespace salik::ws
