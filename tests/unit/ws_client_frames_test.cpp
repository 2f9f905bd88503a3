// The load generator's WebSocket framing (tests/load/ws_client_frames.hpp): masked frames as RFC
// 6455 lays them out, and server frames read whole, in pieces, or refused.
#include <catch2/catch.hpp>

#include <string>

#include "../load/ws_client_frames.hpp"

using salik::load::AppendMaskedFrame;
using salik::load::FrameRead;
using salik::load::ReadServerFrame;
using salik::load::ServerFrame;

namespace {

// Undoes the client's framing the way a server does.
std::string Unmask(const std::string& frame, size_t header) {
  std::string payload = frame.substr(header + 4);
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>(payload[i] ^ frame[header + (i & 3)]);
  return payload;
}

std::string ServerHeader(unsigned char first, uint64_t length) {
  std::string h(1, static_cast<char>(first));
  if (length < 126) {
    h.push_back(static_cast<char>(length));
  } else if (length <= 0xFFFF) {
    h.push_back(126);
    h.push_back(static_cast<char>(length >> 8));
    h.push_back(static_cast<char>(length & 0xFF));
  } else {
    h.push_back(127);
    for (int shift = 56; shift >= 0; shift -= 8) h.push_back(static_cast<char>((length >> shift) & 0xFF));
  }
  return h;
}

}  // namespace

TEST_CASE("a client frame is final, masked, and carries its length in the shortest form", "[load][ws]") {
  for (size_t length : {size_t{0}, size_t{5}, size_t{125}, size_t{126}, size_t{65535}, size_t{65536}}) {
    std::string payload(length, 'x');
    for (size_t i = 0; i < length; ++i) payload[i] = static_cast<char>('a' + i % 26);
    std::string frame;
    AppendMaskedFrame(frame, salik::load::kText, payload, 0xA1B2C3D4);
    CAPTURE(length);
    CHECK(static_cast<unsigned char>(frame[0]) == 0x81);  // FIN + text
    auto b1 = static_cast<unsigned char>(frame[1]);
    CHECK((b1 & 0x80) != 0);  // masked
    size_t header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    CHECK((b1 & 0x7F) == (length < 126 ? length : length <= 0xFFFF ? 126 : 127));
    REQUIRE(frame.size() == header + 4 + length);
    CHECK(frame.substr(header, 4) == "\xA1\xB2\xC3\xD4");
    CHECK(Unmask(frame, header) == payload);
    if (length >= 4) CHECK(frame.substr(header + 4) != payload);  // the bytes on the wire are masked
  }
}

TEST_CASE("server frames are read whole, and a partial one asks for more", "[load][ws]") {
  const std::string body = R"({"type":"ack"})";
  std::string wire = ServerHeader(0x81, body.size()) + body + ServerHeader(0x89, 2) + "hi";
  ServerFrame frame;
  size_t consumed = 0;
  REQUIRE(ReadServerFrame(wire, 1024, frame, consumed) == FrameRead::Complete);
  CHECK(frame.opcode == salik::load::kText);
  CHECK(frame.fin);
  CHECK(frame.payload == body);
  CHECK(consumed == 2 + body.size());
  REQUIRE(ReadServerFrame(std::string_view(wire).substr(consumed), 1024, frame, consumed) == FrameRead::Complete);
  CHECK(frame.opcode == salik::load::kPing);
  CHECK(frame.payload == "hi");

  std::string big(70'000, 'b');
  std::string long_wire = ServerHeader(0x01, big.size()) + big;  // a first fragment, 64-bit length
  for (size_t cut : {size_t{0}, size_t{1}, size_t{5}, size_t{9}, long_wire.size() - 1})
    CHECK(ReadServerFrame(std::string_view(long_wire).substr(0, cut), 100'000, frame, consumed) == FrameRead::NeedMore);
  REQUIRE(ReadServerFrame(long_wire, 100'000, frame, consumed) == FrameRead::Complete);
  CHECK_FALSE(frame.fin);
  CHECK(frame.payload.size() == big.size());
  CHECK(consumed == long_wire.size());
}

TEST_CASE("a server frame that breaks the protocol is refused", "[load][ws]") {
  ServerFrame frame;
  size_t consumed = 0;
  std::string masked = ServerHeader(0x81, 2);
  masked[1] = static_cast<char>(masked[1] | 0x80);
  CHECK(ReadServerFrame(masked + "abcd" + "hi", 1024, frame, consumed) == FrameRead::Malformed);
  CHECK(ReadServerFrame(ServerHeader(0xC1, 2) + "hi", 1024, frame, consumed) == FrameRead::Malformed);  // RSV1
  CHECK(ReadServerFrame(ServerHeader(0x83, 2) + "hi", 1024, frame, consumed) == FrameRead::Malformed);  // opcode 3
  CHECK(ReadServerFrame(ServerHeader(0x81, 2000) + std::string(2000, 'x'), 1024, frame, consumed) ==
        FrameRead::Malformed);  // over the limit
}
