#include "server/conversations/chat_media.hpp"

#include "server/media/media_service.hpp"
#include "server/store/store.hpp"
#include "server/util/ids.hpp"

namespace salik {
namespace {

// One answer for every kind of wrong id, so a probe learns nothing about other people's media.
// Worded for the case a user meets: their own attachment deleted (another tab, the unsent sweep).
ApiError InvalidMedia() {
  return BadRequest("invalid_media", "This attachment is no longer available. Attach the file again.", "media_id");
}

}  // namespace

Expected<std::string> MessageTypeForMedia(Store& store, const std::string& conversation_id,
                                          const std::string& sender_id, const std::string& media_id) {
  if (!LooksLikeUuid(media_id)) return InvalidMedia();  // PostgreSQL would refuse a non-UUID id
  auto stored = store.FindMedia(media_id);
  if (!stored || stored->subject != MediaSubject::Conversation || stored->subject_id != conversation_id ||
      stored->media.owner_id != sender_id)
    return InvalidMedia();
  return std::string(ToWire(stored->media.media_type));
}

ApiError AttachmentRemoved() {
  return BadRequest("invalid_media", "This attachment was removed before it was sent. Attach the file again.",
                    "media_id");
}

void AttachMedia(Store& store, const MediaService* media, Message& message) {
  if (message.media_id.empty() || message.media) return;
  auto stored = store.FindMedia(message.media_id);
  if (!stored) return;
  message.media = media ? media->Present(*stored) : stored->media;
}

void AttachMedia(Store& store, const MediaService* media, std::vector<Message>& messages) {
  for (Message& m : messages) AttachMedia(store, media, m);
}

}  // namespace salik
