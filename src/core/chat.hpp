// Conversations and messages: shared by the server (store, REST, WebSocket hub) and the app.
// A conversation is one mechanic and one car owner about one issue (design document, section 5).
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/api_error.hpp"
#include "core/media.hpp"

namespace salik {

struct Conversation {
  std::string id;
  std::string issue_id;
  std::string issue_title;
  std::string customer_id;
  std::string customer_name;
  std::string mechanic_id;
  std::string mechanic_name;
  std::string status = "active";  // active, closed, archived
  int64_t last_seq = 0;            // seq of the newest message; 0 = none yet
  std::string last_message;        // preview of the newest message (masked for the viewer)
  std::string last_message_at;
  int64_t customer_read_seq = 0;   // highest seq each side has read
  int64_t mechanic_read_seq = 0;
  std::string engaged_at;          // when the car owner engaged the mechanic; empty = not yet
  std::string created_at;
};

struct Message {
  std::string id;
  std::string conversation_id;
  int64_t seq = 0;  // 1, 2, 3 … per conversation, no gaps
  std::string sender_id;
  std::string client_id;  // chosen by the sending client; a resend with it stores nothing new
  std::string content;     // the text, or a caption (may be empty) when there is media
  std::string message_type = "text";  // "text", or the media's type ("audio", "image", "video")
  std::string created_at;
  std::string edited_at;  // empty = never edited
  // An attachment uploaded to this conversation first (POST /api/conversations/{id}/media).
  // media_id is what the store keeps and clients send; only `media` (with a freshly signed url)
  // goes out on the wire, as "media": {…} | null.
  std::string media_id;
  std::optional<Media> media;
};

struct ChatLimits {
  static constexpr size_t kContentMax = 4000;      // characters
  static constexpr size_t kClientIdMax = 64;       // bytes
  static constexpr size_t kFrameMax = 16 * 1024;   // bytes of one WebSocket frame
  static constexpr int kMessagesPerMinute = 60;
  static constexpr int kEditWindowSeconds = 15 * 60;
  static constexpr int kPageMax = 100;
};

// The other participant, for a user who is one of the two; empty otherwise.
std::string OtherParticipant(const Conversation& c, const std::string& user_id);
bool IsParticipant(const Conversation& c, const std::string& user_id);
// Messages the user has not read: those from the other party after the user's read mark.
int64_t UnreadFor(const Conversation& c, const std::string& user_id);

// Until the car owner engages the mechanic, e-mail addresses, phone numbers and links in a
// message are masked for the other party (the sender always sees what they wrote). Engagement
// is an explicit act of the car owner in the chat ("Share contact details"), recorded as
// engaged_at on the conversation; it cannot be undone.
std::string MaskContactDetails(const std::string& text);
// The message as `viewer` may see it in `conversation`.
Message ForViewer(Message m, const Conversation& conversation, const std::string& viewer_id);

// What a conversation list shows for its newest message: the text, or for an attachment sent
// without a caption, what it is ("Photo", "Video", "Engine recording").
std::string MessagePreview(const std::string& content, const std::string& message_type);

// Checks message text: not empty after trimming, at most kContentMax characters, valid UTF-8.
std::optional<ApiError> CheckMessageContent(const std::string& content);
// The same for a message with media: the text is a caption and may be empty.
std::optional<ApiError> CheckMessageContent(const std::string& content, bool has_media);
std::optional<ApiError> CheckClientId(const std::string& client_id);

void to_json(nlohmann::json& j, const Conversation& c);
void from_json(const nlohmann::json& j, Conversation& c);
void to_json(nlohmann::json& j, const Message& m);
void from_json(const nlohmann::json& j, Message& m);

}  // namespace salik
