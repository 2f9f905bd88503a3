// WebSocket framing (server/ws/frame_codec.hpp), both directions: frames laid out as RFC 6455
// says, read whole or asked for more when split anywhere, and refused when they break the rules.
#include <catch2/catch.hpp>

#include <string>

#include "server/ws/frame_codec.hpp"

using namespace salik::ws;

namespace {

std::string Header(unsigned char first, uint64_t length, bool masked = false) {
  std::string h(1, static_cast<char>(first));
  const char mask_bit = masked ? static_cast<char>(0x80) : 0;
  if (length < 126) {
    h.push_back(static_cast<char>(mask_bit | length));
  } else if (length <= 0xFFFF) {
    h.push_back(static_cast<char>(mask_bit | 126));
    h.push_back(static_cast<char>(length >> 8));
    h.push_back(static_cast<char>(length & 0xFF));
  } else {
    h.push_back(static_cast<char>(mask_bit | 127));
    for (int shift = 56; shift >= 0; shift -= 8) h.push_back(static_cast<char>((length >> shift) & 0xFF));
  }
  return h;
}

std::string Letters(size_t length) {
  std::string s(length, 'x');
  for (size_t i = 0; i < length; ++i) s[i] = static_cast<char>('a' + i % 26);
  return s;
}

}  // namespace

TEST_CASE("a frame carries its length in the shortest form, masked only from the client", "[ws][frames]") {
  for (size_t length : {size_t{0}, size_t{5}, size_t{125}, size_t{126}, size_t{65535}, size_t{65536}}) {
    CAPTURE(length);
    const std::string payload = Letters(length);
    const size_t header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;

    std::string server;
    AppendFrame(server, kText, payload);
    CHECK(server == Header(0x81, length) + payload);
    char written[kMaxFrameHeader];
    CHECK(WriteFrameHeader(written, kBinary, length) == header);
    CHECK(std::string(written, header) == Header(0x82, length));

    std::string client;
    AppendMaskedFrame(client, kText, payload, 0xA1B2C3D4);
    REQUIRE(client.size() == header + 4 + length);
    CHECK(client.substr(0, header) == Header(0x81, length, true));
    CHECK(client.substr(header, 4) == "\xA1\xB2\xC3\xD4");
    if (length >= 4) CHECK(client.substr(header + 4) != payload);  // the bytes on the wire are masked

    Frame frame;
    REQUIRE(ReadFrame(client, /*expect_masked=*/true, 1 << 20, frame) == FrameRead::Complete);
    CHECK(frame.header_size == header + 4);
    CHECK(frame.payload_size == length);
    std::string unmasked = client.substr(frame.header_size);
    Unmask(unmasked.data(), unmasked.size(), frame.mask);
    CHECK(unmasked == payload);
  }
}

TEST_CASE("unmasking can resume in the middle of a payload", "[ws][frames]") {
  std::string client;
  AppendMaskedFrame(client, kText, "hello there", 0x01020304);
  Frame frame;
  REQUIRE(ReadFrame(client, true, 1024, frame) == FrameRead::Complete);
  std::string payload = client.substr(frame.header_size);
  Unmask(payload.data(), 5, frame.mask);
  Unmask(payload.data() + 5, payload.size() - 5, frame.mask, 5);
  CHECK(payload == "hello there");
}

TEST_CASE("frames are read whole, and a frame cut anywhere asks for more", "[ws][frames]") {
  const std::string body = R"({"type":"ack"})";
  const std::string wire = Header(0x81, body.size()) + body + Header(0x89, 2) + "hi";
  Frame frame;
  REQUIRE(ReadFrame(wire, false, 1024, frame) == FrameRead::Complete);
  CHECK(frame.opcode == kText);
  CHECK(frame.fin);
  CHECK(wire.substr(frame.header_size, frame.payload_size) == body);
  const std::string_view rest = std::string_view(wire).substr(frame.header_size + frame.payload_size);
  REQUIRE(ReadFrame(rest, false, 1024, frame) == FrameRead::Complete);
  CHECK(frame.opcode == kPing);
  CHECK(rest.substr(frame.header_size) == "hi");

  std::string masked_long;
  AppendMaskedFrame(masked_long, kBinary, Letters(70'000), 7);
  masked_long[0] = static_cast<char>(kBinary);  // a first fragment: FIN clear
  for (size_t cut = 0; cut < 15; ++cut) {
    CAPTURE(cut);
    CHECK(ReadFrame(std::string_view(masked_long).substr(0, cut), true, 100'000, frame) == FrameRead::NeedMore);
  }
  CHECK(ReadFrame(std::string_view(masked_long).substr(0, masked_long.size() - 1), true, 100'000, frame) ==
        FrameRead::NeedMore);
  REQUIRE(ReadFrame(masked_long, true, 100'000, frame) == FrameRead::Complete);
  CHECK_FALSE(frame.fin);
  CHECK(frame.opcode == kBinary);
  CHECK(frame.header_size + frame.payload_size == masked_long.size());
}

TEST_CASE("a frame that breaks the protocol is refused, and one over the limit is too large", "[ws][frames]") {
  Frame frame;
  const std::string mask = "abcd";
  CHECK(ReadFrame(Header(0x81, 2) + "hi", true, 1024, frame) == FrameRead::Malformed);                // client must mask
  CHECK(ReadFrame(Header(0x81, 2, true) + mask + "hi", false, 1024, frame) == FrameRead::Malformed);  // server must not
  CHECK(ReadFrame(Header(0xC1, 2) + "hi", false, 1024, frame) == FrameRead::Malformed);               // RSV1
  CHECK(ReadFrame(Header(0x83, 2) + "hi", false, 1024, frame) == FrameRead::Malformed);               // opcode 3
  CHECK(ReadFrame(Header(0x8B, 0) , false, 1024, frame) == FrameRead::Malformed);                     // opcode 11
  CHECK(ReadFrame(Header(0x09, 2) + "hi", false, 1024, frame) == FrameRead::Malformed);  // a fragmented ping
  CHECK(ReadFrame(Header(0x89, 126) + Letters(126), false, 1024, frame) == FrameRead::Malformed);  // a long ping
  std::string top_bit = Header(0x82, 70'000);
  top_bit[2] = static_cast<char>(0x80);
  CHECK(ReadFrame(top_bit, false, UINT64_MAX, frame) == FrameRead::Malformed);
  // Too large is known from the header alone: the payload need not arrive first.
  CHECK(ReadFrame(Header(0x81, 2000), false, 1024, frame) == FrameRead::TooLarge);
  CHECK(ReadFrame(Header(0x81, 1024) + Letters(1024), false, 1024, frame) == FrameRead::Complete);
}
