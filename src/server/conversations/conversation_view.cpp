#include "server/conversations/conversation_view.hpp"

#include "server/store/store.hpp"

namespace salik {
namespace {

// The preview belongs to the newest message, but the conversation does not say who sent it.
// Only when masking would change the preview is the newest message read to learn its sender,
// so the common case (nothing to hide, or engaged) costs no extra query.
std::string PreviewFor(Store& store, const Conversation& c, const std::string& viewer_id) {
  if (!c.engaged_at.empty() || c.last_message.empty()) return c.last_message;
  std::string masked = MaskContactDetails(c.last_message);
  if (masked == c.last_message) return c.last_message;
  auto newest = store.ListMessagesBefore(c.id, 0, 1);
  if (!newest.empty() && newest.front().sender_id == viewer_id) return c.last_message;
  return masked;
}

}  // namespace

nlohmann::json ConversationView(Store& store, const Conversation& c, const std::string& viewer_id) {
  nlohmann::json j = c;
  j["last_message"] = PreviewFor(store, c, viewer_id);
  j["unread"] = UnreadFor(c, viewer_id);
  return j;
}

nlohmann::json MessageView(const Message& m, const Conversation& c, const std::string& viewer_id) {
  return ForViewer(m, c, viewer_id);
}

}  // namespace salik
