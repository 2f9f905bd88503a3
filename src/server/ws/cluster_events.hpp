// The events server instances send each other through the cluster link (JSON objects with a
// "kind"), so a connection on any instance sees what happened on another: stored and edited
// messages, conversation changes, typing, read marks, presence and ended sessions.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/chat.hpp"

namespace salik::ws::events {

nlohmann::json MessageStored(const Conversation& conversation, const Message& message);
nlohmann::json MessageEdited(const Conversation& conversation, const Message& message);
nlohmann::json ConversationChanged(const Conversation& conversation);
nlohmann::json Typing(const std::string& conversation_id, const std::string& user_id, const std::string& to_user, bool state);
nlohmann::json Read(const std::string& conversation_id, const std::string& user_id, int64_t seq,
                    const std::vector<std::string>& to_users);
nlohmann::json Presence(const std::string& user_id, bool online, const std::string& last_seen,
                        const std::vector<std::string>& counterparts);
nlohmann::json SessionEnded(const std::string& user_id, const std::string& token_hash, const std::string& reason);
// Events may have been lost (the link was down): every connection catches up from the store.
nlohmann::json Resync();
// An instance rewrote its part of the shared presence after the link was down: each instance
// sends its connections their counterparts' presence as it stands now.
nlohmann::json PresenceSync();
// Never sent: the link hands it to its own hub when some of this instance's presence updates
// were lost (Redis away) while its subscription held, so nothing else would rewrite them.
nlohmann::json PresenceLost();

}  // namespace salik::ws::events
