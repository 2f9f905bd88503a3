// Conversations and messages on PostgreSQL, each call on one leased connection. Ids are UUID
// columns: an id that is not a UUID is "not found" before it reaches the server.
#pragma once

#include "server/store/pg_connection.hpp"
#include "server/store/store.hpp"

namespace salik::postgres_chat {

Conversation OpenConversation(PgConnection& conn, const NewConversation& c);
std::optional<Conversation> FindConversation(PgConnection& conn, const std::string& id);
std::vector<Conversation> ListConversations(PgConnection& conn, const std::string& user_id);
std::vector<AppendResult> AppendMessages(PgConnection& conn, const std::vector<Message>& messages);
std::vector<Message> ListMessagesBefore(PgConnection& conn, const std::string& conversation_id, int64_t before_seq,
                                        int limit);
std::vector<Message> ListMessagesAfter(PgConnection& conn, const std::string& conversation_id, int64_t after_seq,
                                       int limit);
std::optional<Message> FindMessage(PgConnection& conn, const std::string& id);
bool MarkRead(PgConnection& conn, const std::string& conversation_id, const std::string& user_id, int64_t seq);
bool EditMessage(PgConnection& conn, const std::string& message_id, const std::string& content,
                 const std::string& edited_at);
bool SetEngaged(PgConnection& conn, const std::string& conversation_id, const std::string& at);

}  // namespace salik::postgres_chat
