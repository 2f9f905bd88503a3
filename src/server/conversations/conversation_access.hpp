// Who may do what in a chat. Only the two participants read or write a conversation; admins
// never do (they see transcripts through disputes, not here). A conversation exists only between
// an issue's owner and a mechanic who responded to that issue.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/api_error.hpp"
#include "core/chat.hpp"
#include "core/domain.hpp"

namespace salik {

struct AppContext;

// The conversation when `user` is one of its two participants: 404 when there is none, 403 for
// everybody else (admins included).
Expected<Conversation> ConversationForParticipant(AppContext& ctx, const Profile& user, const std::string& id);

// Whether the mechanic has a response on the issue.
bool HasResponded(AppContext& ctx, const std::string& issue_id, const std::string& mechanic_id);

// Only the car owner engages ("Share contact details").
std::optional<ApiError> CanEngage(const Profile& user, const Conversation& c);

// Only the sender edits a message, within the edit window after created_at (409 after it).
std::optional<ApiError> CanEditMessage(const Profile& user, const Message& m, std::chrono::seconds window);

}  // namespace salik
