// The realtime protocol over /api/ws: one JSON object per WebSocket text frame, each with a
// "type". The server and the app both parse and build frames only through these functions.
//
// client → server: hello {token, resume: {conversation_id: last_seq}}, send {conversation_id,
//   client_id, content, media_id?}, typing {conversation_id, state}, read {conversation_id, seq}, ping {}
// server → client: welcome {user_id, server_time}, ack {client_id, message}, message {message},
//   typing {conversation_id, user_id, state}, read {conversation_id, user_id, seq},
//   presence {user_id, online, last_seen}, error {code, message, client_id?}, pong {}
#pragma once

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "core/api_error.hpp"
#include "core/chat.hpp"

namespace salik::realtime {

struct Hello {
  std::string token;
  std::map<std::string, int64_t> resume;  // conversation id → last seq the client has
  bool batch = false;  // the client reads "batch" frames (several frames in one, see BatchFrame)
};
struct Send {
  std::string conversation_id;
  std::string client_id;
  std::string content;   // may be empty when media_id is given (then it is a caption)
  std::string media_id;  // optional: media uploaded to this conversation by the sender
};
struct Typing {
  std::string conversation_id;
  bool state = false;
};
struct Read {
  std::string conversation_id;
  int64_t seq = 0;
};
struct Ping {};

using ClientFrame = std::variant<Hello, Send, Typing, Read, Ping>;

// A refused frame: the error frame to answer with, and whether the connection must close.
struct FrameError {
  ApiError error;
  std::string client_id;  // echoed when the frame had one
  bool close = false;
};

// Parses one text frame from a client. Refuses non-JSON, a non-object, an unknown type, missing
// or mistyped fields, oversized frames, invalid content and client ids.
std::variant<ClientFrame, FrameError> ParseClientFrame(const std::string& text);

// Server frames.
std::string WelcomeFrame(const std::string& user_id, const std::string& server_time);
std::string AckFrame(const std::string& client_id, const Message& message);
std::string MessageFrame(const Message& message);
std::string TypingFrame(const std::string& conversation_id, const std::string& user_id, bool state);
std::string ReadFrame(const std::string& conversation_id, const std::string& user_id, int64_t seq);
std::string PresenceFrame(const std::string& user_id, bool online, const std::string& last_seen);
std::string ErrorFrame(const ApiError& error, const std::string& client_id = {});
std::string PongFrame();
// {"type":"message_edited","message"}: a message after PATCH /api/messages/{id}, masked for the viewer.
std::string MessageEditedFrame(const Message& message);
// {"type":"conversation","conversation"}: a new or changed conversation (opened, engaged);
// `item` is exactly what GET /api/conversations lists for that viewer.
std::string ConversationFrame(const nlohmann::json& item);

// Client frames (the app builds these).
std::string HelloFrame(const Hello& hello);
std::string SendFrame(const Send& send);
std::string TypingClientFrame(const Typing& typing);
std::string ReadClientFrame(const Read& read);
std::string PingClientFrame();

// Server frames as the app reads them.
struct ServerFrame {
  std::string type;  // welcome, ack, message, typing, read, presence, error, pong
  std::string user_id, conversation_id, client_id, last_seen, server_time;
  bool state = false;  // typing
  bool online = false; // presence
  int64_t seq = 0;     // read
  Message message;     // ack, message, message_edited
  Conversation conversation;  // conversation
  ApiError error;      // error
};
std::optional<ServerFrame> ParseServerFrame(const std::string& text);

// Batching (opt-in with hello's "batch": true): when several frames wait for one connection, the
// server writes them as one {"type":"batch","frames":[<frame>,…]}, in order, so a burst costs
// one socket write instead of one per frame. Each element is a whole frame as above.
// Joins frames that are each one JSON object (no parsing: plain concatenation).
std::string BatchFrame(const std::string* frames, size_t count);
// True for a hello that asks for batch frames (checked again by the transport, which batches).
bool WantsBatches(const std::string& hello_text);
// The frames inside a batch frame, in order; a frame that is not a batch comes back alone.
std::vector<std::string> UnpackFrames(const std::string& text);

}  // namespace salik::realtime
