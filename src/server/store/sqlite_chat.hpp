// Conversations and messages on SQLite. The store holds its mutex around each call; these run
// on its one connection.
#pragma once

#include "server/store/sqlite_db.hpp"
#include "server/store/store.hpp"

namespace salik::sqlite_chat {

Conversation OpenConversation(SqliteDb& db, const NewConversation& c);
std::optional<Conversation> FindConversation(SqliteDb& db, const std::string& id);
std::vector<Conversation> ListConversations(SqliteDb& db, const std::string& user_id);
std::vector<AppendResult> AppendMessages(SqliteDb& db, const std::vector<Message>& messages);
std::vector<Message> ListMessagesBefore(SqliteDb& db, const std::string& conversation_id, int64_t before_seq,
                                        int limit);
std::vector<Message> ListMessagesAfter(SqliteDb& db, const std::string& conversation_id, int64_t after_seq,
                                       int limit);
std::optional<Message> FindMessage(SqliteDb& db, const std::string& id);
bool MarkRead(SqliteDb& db, const std::string& conversation_id, const std::string& user_id, int64_t seq);
bool EditMessage(SqliteDb& db, const std::string& message_id, const std::string& content,
                 const std::string& edited_at);
bool SetEngaged(SqliteDb& db, const std::string& conversation_id, const std::string& at);

}  // namespace salik::sqlite_chat
