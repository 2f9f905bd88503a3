#include "server/ws/message_reader.hpp"

#include <string_view>

#include "core/message_json.hpp"
#include "server/ws/frame_codec.hpp"

namespace salik::ws {
namespace {

// Codes a peer may send (RFC 6455 section 7.4): the defined ones in use, and the ranges left to
// libraries and applications.
bool IsValidCloseCode(unsigned code) {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

}  // namespace

void MessageReader::Read(char* data, size_t size, const std::function<bool(ReadEvent&)>& on_event) {
  if (stopped_) return;
  if (unread_.empty()) {
    // The common case: whole frames straight from the read buffer, nothing copied.
    const size_t used = ReadFrames(data, size, on_event);
    if (!stopped_ && used < size) unread_.assign(data + used, size - used);
    return;
  }
  unread_.append(data, size);
  const size_t used = ReadFrames(unread_.data(), unread_.size(), on_event);
  if (stopped_ || used == unread_.size())
    unread_ = std::string();  // an idle connection keeps no buffer
  else
    unread_.erase(0, used);
}

size_t MessageReader::ReadFrames(char* buf, size_t size, const std::function<bool(ReadEvent&)>& on_event) {
  size_t at = 0;
  while (!stopped_) {
    Frame frame;
    switch (ReadFrame(std::string_view(buf + at, size - at), /*expect_masked=*/true, max_message_, frame)) {
      case FrameRead::NeedMore: return at;
      case FrameRead::Malformed: Fail(kCloseProtocolError, "That frame breaks the WebSocket protocol.", on_event); return at;
      case FrameRead::TooLarge: Fail(kCloseTooBig, "That message is too big.", on_event); return at;
      case FrameRead::Complete: break;
    }
    char* payload = buf + at + frame.header_size;
    Unmask(payload, frame.payload_size, frame.mask);
    at += frame.header_size + frame.payload_size;
    if (!OnFrame(frame.opcode, frame.fin, std::string_view(payload, frame.payload_size), on_event)) return at;
  }
  return at;
}

bool MessageReader::OnFrame(int opcode, bool fin, std::string_view payload,
                            const std::function<bool(ReadEvent&)>& on_event) {
  ReadEvent event;
  switch (opcode) {
    case kPing:
    case kPong:
      event.kind = opcode == kPing ? ReadEvent::Kind::Ping : ReadEvent::Kind::Pong;
      event.payload.assign(payload);
      return on_event(event);
    case kClose: {
      stopped_ = true;  // nothing after a close frame counts
      if (payload.size() == 1) return Fail(kCloseProtocolError, "That close frame is malformed.", on_event);
      event.kind = ReadEvent::Kind::Close;
      event.code = kCloseNoStatus;
      if (payload.size() >= 2) {
        event.code = static_cast<uint16_t>((static_cast<unsigned char>(payload[0]) << 8) |
                                           static_cast<unsigned char>(payload[1]));
        if (!IsValidCloseCode(event.code)) return Fail(kCloseProtocolError, "That close code is not allowed.", on_event);
        event.reason.assign(payload.substr(2));
        if (!IsValidUtf8(event.reason)) return Fail(kCloseBadData, "A close reason must be UTF-8 text.", on_event);
      }
      on_event(event);
      return false;
    }
    case kContinuation:
      if (fragments_opcode_ < 0) return Fail(kCloseProtocolError, "A continuation frame came with no message to continue.", on_event);
      if (fragments_.size() + payload.size() > max_message_) return Fail(kCloseTooBig, "That message is too big.", on_event);
      fragments_.append(payload);
      if (!fin) return true;
      opcode = fragments_opcode_;
      fragments_opcode_ = -1;
      event.payload = std::move(fragments_);
      fragments_ = std::string();
      break;
    default:  // text or binary
      if (fragments_opcode_ >= 0) return Fail(kCloseProtocolError, "A new message began before the last one ended.", on_event);
      if (!fin) {
        fragments_opcode_ = opcode;
        fragments_.assign(payload);
        return true;
      }
      event.payload.assign(payload);
      break;
  }
  event.kind = opcode == kText ? ReadEvent::Kind::Text : ReadEvent::Kind::Binary;
  if (event.kind == ReadEvent::Kind::Text && !IsValidUtf8(event.payload))
    return Fail(kCloseBadData, "Text messages must be UTF-8.", on_event);
  return on_event(event);
}

bool MessageReader::Fail(uint16_t code, std::string reason, const std::function<bool(ReadEvent&)>& on_event) {
  stopped_ = true;
  fragments_ = std::string();
  ReadEvent event;
  event.kind = ReadEvent::Kind::Fail;
  event.code = code;
  event.reason = std::move(reason);
  on_event(event);
  return false;
}

}  // namespace salik::ws
