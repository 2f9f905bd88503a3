// Chat attachments: a message may refer to media its sender uploaded to the same conversation
// (POST /api/conversations/{id}/media). Shared by the REST handlers and the WebSocket hub, so
// both check and show attachments the same way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/api_error.hpp"
#include "core/chat.hpp"

namespace salik {

class MediaService;
class Store;

// The message type a message with this media gets ("audio", "image", "video"), or an
// invalid_media 400 when the id is not media that `sender_id` uploaded to `conversation_id`
// (someone else's, another conversation's, an issue's, or no such media). Nothing is stored.
Expected<std::string> MessageTypeForMedia(Store& store, const std::string& conversation_id,
                                          const std::string& sender_id, const std::string& media_id);

// The answer for a message whose attachment was deleted after that check and before the
// append (AppendResult::media_missing): nothing was stored, the file must be attached again.
ApiError AttachmentRemoved();

// Fills `media` of messages that have a media_id, each with a freshly signed link. `media` may be
// null (no media service): the messages then go out with their media left empty.
void AttachMedia(Store& store, const MediaService* media, Message& message);
void AttachMedia(Store& store, const MediaService* media, std::vector<Message>& messages);

}  // namespace salik
