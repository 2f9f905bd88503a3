// The server's reading side of a WebSocket (RFC 6455 sections 5.4-5.5): client frames in, whole
// messages and control frames out. Masks are removed, fragments joined, text checked for UTF-8,
// sizes capped; anything against the protocol ends reading with the close code to answer with.
// Plain bytes, no sockets: websocket_session feeds it what it reads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace salik::ws {

// Close codes (RFC 6455 section 7.4.1) the server sends or receives.
enum CloseCode : uint16_t {
  kCloseNormal = 1000,
  kCloseProtocolError = 1002,
  kCloseNoStatus = 1005,  // the peer's close frame had no code (never sent)
  kCloseBadData = 1007,   // text that is not UTF-8
  kClosePolicy = 1008,
  kCloseTooBig = 1009,
  kCloseTryAgainLater = 1013,
};

struct ReadEvent {
  enum class Kind { Text, Binary, Ping, Pong, Close, Fail };
  Kind kind = Kind::Text;
  std::string payload;  // a message, or a ping's or pong's data
  uint16_t code = 0;    // Close: the peer's code (kCloseNoStatus if none); Fail: the code to close with
  std::string reason;   // Close: the peer's reason; Fail: ours, for the close frame
};

class MessageReader {
 public:
  // Messages (one frame or joined fragments) over `max_message` bytes fail with kCloseTooBig.
  explicit MessageReader(size_t max_message) : max_message_(max_message) {}

  // Reads `data` after whatever earlier calls left unread, handing each event to `on_event`
  // until it returns false; the rest waits for the next call (which may pass no data). After a
  // Close or a Fail nothing more is read. `data` is unmasked in place.
  void Read(char* data, size_t size, const std::function<bool(ReadEvent&)>& on_event);
  // Bytes received and not yet handed out as events (a partial frame, or frames after a pause).
  size_t Unread() const { return unread_.size(); }
  bool Stopped() const { return stopped_; }

 private:
  // Reads frames from buf[0, size); returns how many bytes were used.
  size_t ReadFrames(char* buf, size_t size, const std::function<bool(ReadEvent&)>& on_event);
  // One complete frame; false stops the reading.
  bool OnFrame(int opcode, bool fin, std::string_view payload, const std::function<bool(ReadEvent&)>& on_event);
  bool Fail(uint16_t code, std::string reason, const std::function<bool(ReadEvent&)>& on_event);

  size_t max_message_;
  std::string unread_;
  std::string fragments_;    // a message whose last fragment has not come yet
  int fragments_opcode_ = -1;  // its opcode (text or binary); -1 when none is open
  bool stopped_ = false;
};

}  // namespace salik::ws
