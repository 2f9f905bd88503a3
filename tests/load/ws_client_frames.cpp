#include "ws_client_frames.hpp"

#include <cstring>

namespace salik::load {

void AppendMaskedFrame(std::string& out, Opcode opcode, std::string_view payload, uint32_t mask_key) {
  const size_t n = payload.size();
  out.push_back(static_cast<char>(0x80 | opcode));
  if (n < 126) {
    out.push_back(static_cast<char>(0x80 | n));
  } else if (n <= 0xFFFF) {
    out.push_back(static_cast<char>(0x80 | 126));
    out.push_back(static_cast<char>(n >> 8));
    out.push_back(static_cast<char>(n & 0xFF));
  } else {
    out.push_back(static_cast<char>(0x80 | 127));
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((uint64_t(n) >> shift) & 0xFF));
  }
  const unsigned char key[4] = {static_cast<unsigned char>(mask_key >> 24), static_cast<unsigned char>(mask_key >> 16),
                                static_cast<unsigned char>(mask_key >> 8), static_cast<unsigned char>(mask_key)};
  out.append(reinterpret_cast<const char*>(key), 4);
  const size_t start = out.size();
  out.append(payload);
  for (size_t i = 0; i < n; ++i) out[start + i] = static_cast<char>(out[start + i] ^ key[i & 3]);
}

FrameRead ReadServerFrame(std::string_view in, size_t max_payload, ServerFrame& frame, size_t& consumed) {
  if (in.size() < 2) return FrameRead::NeedMore;
  const auto b0 = static_cast<unsigned char>(in[0]), b1 = static_cast<unsigned char>(in[1]);
  if (b0 & 0x70) return FrameRead::Malformed;  // reserved bits: no extension was agreed
  if (b1 & 0x80) return FrameRead::Malformed;  // a server never masks
  const unsigned opcode = b0 & 0x0F;
  if (opcode > kBinary && (opcode < kClose || opcode > kPong)) return FrameRead::Malformed;
  size_t header = 2;
  uint64_t length = b1 & 0x7F;
  if (length == 126) {
    if (in.size() < 4) return FrameRead::NeedMore;
    length = (uint64_t(static_cast<unsigned char>(in[2])) << 8) | static_cast<unsigned char>(in[3]);
    header = 4;
  } else if (length == 127) {
    if (in.size() < 10) return FrameRead::NeedMore;
    length = 0;
    for (int i = 2; i < 10; ++i) length = (length << 8) | static_cast<unsigned char>(in[i]);
    header = 10;
  }
  if (length > max_payload) return FrameRead::Malformed;
  if (in.size() - header < length) return FrameRead::NeedMore;
  frame.opcode = static_cast<Opcode>(opcode);
  frame.fin = (b0 & 0x80) != 0;
  frame.payload = in.substr(header, static_cast<size_t>(length));
  consumed = header + static_cast<size_t>(length);
  return FrameRead::Complete;
}

}  // namespace salik::load
