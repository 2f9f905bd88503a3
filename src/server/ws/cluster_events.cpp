#include "server/ws/cluster_events.hpp"

namespace salik::ws::events {

using nlohmann::json;

json MessageStored(const Conversation& conversation, const Message& message) {
  return {{"kind", "message"}, {"conversation", conversation}, {"message", message}};
}
json MessageEdited(const Conversation& conversation, const Message& message) {
  return {{"kind", "edit"}, {"conversation", conversation}, {"message", message}};
}
json ConversationChanged(const Conversation& conversation) {
  return {{"kind", "conversation"}, {"conversation", conversation}};
}
json Typing(const std::string& conversation_id, const std::string& user_id, const std::string& to_user, bool state) {
  return {{"kind", "typing"}, {"conversation_id", conversation_id}, {"user_id", user_id}, {"to", to_user}, {"state", state}};
}
json Read(const std::string& conversation_id, const std::string& user_id, int64_t seq, const std::vector<std::string>& to_users) {
  return {{"kind", "read"}, {"conversation_id", conversation_id}, {"user_id", user_id}, {"seq", seq}, {"to", to_users}};
}
json Presence(const std::string& user_id, bool online, const std::string& last_seen, const std::vector<std::string>& counterparts) {
  return {{"kind", "presence"}, {"user_id", user_id}, {"online", online}, {"last_seen", last_seen}, {"to", counterparts}};
}
json SessionEnded(const std::string& user_id, const std::string& token_hash, const std::string& reason) {
  return {{"kind", "session_ended"}, {"user_id", user_id}, {"token_hash", token_hash}, {"reason", reason}};
}

json Resync() { return {{"kind", "resync"}}; }
json PresenceSync() { return {{"kind", "presence_sync"}}; }
json PresenceLost() { return {{"kind", "presence_lost"}}; }

}  // namespace salik::ws::events
