#include "server/conversations/conversation_access.hpp"

#include <chrono>

#include "core/time_text.hpp"
#include "server/app/context.hpp"

namespace salik {

Expected<Conversation> ConversationForParticipant(AppContext& ctx, const Profile& user, const std::string& id) {
  auto c = ctx.store.FindConversation(id);
  if (!c) return NotFound("We could not find that conversation.");
  if (user.role == Role::Admin) return Forbidden("Admins do not read or post in other people's chats.");
  if (!IsParticipant(*c, user.id)) return Forbidden("You can only open your own conversations.");
  return *c;
}

bool HasResponded(AppContext& ctx, const std::string& issue_id, const std::string& mechanic_id) {
  for (const auto& r : ctx.store.ListResponses(issue_id))
    if (r.mechanic_id == mechanic_id) return true;
  return false;
}

std::optional<ApiError> CanEngage(const Profile& user, const Conversation& c) {
  if (user.id != c.customer_id) return Forbidden("Only the car owner can share contact details.");
  return std::nullopt;
}

std::optional<ApiError> CanEditMessage(const Profile& user, const Message& m, std::chrono::seconds window) {
  if (m.sender_id != user.id) return Forbidden("You can only edit your own messages.");
  auto created = ParseUtcMillis(m.created_at);
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch()).count();
  // An unreadable timestamp closes the window rather than opening it forever.
  if (!created || now - *created > std::chrono::duration_cast<std::chrono::milliseconds>(window).count())
    return Conflict("edit_window_closed", "A message can only be edited for a short while after it is sent, and that time has passed.");
  return std::nullopt;
}

}  // namespace salik
