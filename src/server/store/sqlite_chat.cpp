#include "server/store/sqlite_chat.hpp"

#include "server/store/append_plan.hpp"
#include "server/store/row_mapping.hpp"

namespace salik::sqlite_chat {
namespace {

// Joins a conversation `c` to its newest message `lm` (none before the first message).
#define SALIK_NEWEST_MESSAGE_JOIN \
  "LEFT JOIN messages lm ON lm.conversation_id = c.id " \
  "AND lm.seq = (SELECT max(seq) FROM messages WHERE conversation_id = c.id) "

// A conversation's head is read from its messages, not kept in its row: last_seq is the highest
// seq in the (conversation, seq) index, last_message_at that message's time, and each side's read
// mark the later of the mark its read events stored and the seq of its own newest message (a sender
// has read what it answers). Rewriting the row on every message cost about one of the ~3.6 WAL
// pages a message wrote (migration 10). The own-message lookup walks back from the newest message
// and stops at the stored mark, so it reads at most the messages after that side's stored mark.
const std::string kConversationSelect =
    "SELECT c.id AS id, c.issue_id AS issue_id, i.title AS issue_title, c.customer_id AS customer_id, "
    "cp.full_name AS customer_name, c.mechanic_id AS mechanic_id, mp.full_name AS mechanic_name, "
    "c.status AS status, COALESCE(lm.seq, 0) AS last_seq, lm.content AS last_message, "
    "lm.message_type AS last_message_type, lm.created_at AS last_message_at, "
    "COALESCE((SELECT m.seq FROM messages m WHERE m.conversation_id = c.id AND m.seq > c.customer_read_seq "
    "AND m.sender_id = c.customer_id ORDER BY m.seq DESC LIMIT 1), c.customer_read_seq) AS customer_read_seq, "
    "COALESCE((SELECT m.seq FROM messages m WHERE m.conversation_id = c.id AND m.seq > c.mechanic_read_seq "
    "AND m.sender_id = c.mechanic_id ORDER BY m.seq DESC LIMIT 1), c.mechanic_read_seq) AS mechanic_read_seq, "
    "c.engaged_at AS engaged_at, c.created_at AS created_at "
    "FROM conversations c JOIN car_issues i ON i.id = c.issue_id "
    "JOIN profiles cp ON cp.id = c.customer_id JOIN profiles mp ON mp.id = c.mechanic_id " SALIK_NEWEST_MESSAGE_JOIN;

const std::string kMessageColumns =
    "SELECT id, conversation_id, seq, sender_id, client_id, content, message_type, created_at, edited_at, "
    "media_id FROM messages ";

const std::string kFindConversation = kConversationSelect + "WHERE c.id = ?1";
const std::string kFindConversationOf = kConversationSelect + "WHERE c.issue_id = ?1 AND c.mechanic_id = ?2";
const std::string kListConversations = kConversationSelect +
                                       "WHERE c.customer_id = ?1 OR c.mechanic_id = ?1 "
                                       "ORDER BY COALESCE(lm.created_at, c.created_at) DESC, c.created_at DESC, c.id DESC";
const std::string kFindMessage = kMessageColumns + "WHERE id = ?1";
const std::string kFindByClientId = kMessageColumns + "WHERE conversation_id = ?1 AND sender_id = ?2 AND client_id = ?3";
const std::string kMessagesBefore = kMessageColumns +
                                    "WHERE conversation_id = ?1 AND (?2 <= 0 OR seq < ?2) "
                                    "ORDER BY seq DESC LIMIT ?3";
const char* const kReadSeqState =
    "SELECT c.customer_id AS customer_id, c.mechanic_id AS mechanic_id, COALESCE(lm.seq, 0) AS last_seq, "
    "COALESCE(lm.created_at, '') AS last_message_at FROM conversations c " SALIK_NEWEST_MESSAGE_JOIN "WHERE c.id = ?1";
const char* const kInsertMessage =
    "INSERT INTO messages (id, conversation_id, seq, client_id, sender_id, content, message_type, created_at, "
    "media_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
const std::string kMessagesAfter = kMessageColumns + "WHERE conversation_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3";

#undef SALIK_NEWEST_MESSAGE_JOIN

std::vector<Message> Messages(SqliteStatement& st) {
  std::vector<Message> out;
  while (st.Step()) out.push_back(MessageFromRow(st));
  return out;
}

}  // namespace

Conversation OpenConversation(SqliteDb& db, const NewConversation& c) {
  SqliteTransaction tx(db);
  SqliteStatement(db,
                  "INSERT INTO conversations (id, issue_id, customer_id, mechanic_id, created_at) "
                  "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (issue_id, mechanic_id) DO NOTHING",
                  {c.id, c.issue_id, c.customer_id, c.mechanic_id, c.created_at})
      .Run();
  std::optional<Conversation> out;
  {
    SqliteStatement st(db, kFindConversationOf.c_str(), {c.issue_id, c.mechanic_id});
    if (st.Step()) out = ConversationFromRow(st);
  }  // finalized before the commit
  if (!out) throw StoreError("sqlite: conversation missing after insert");
  tx.Commit();
  return *out;
}

std::optional<Conversation> FindConversation(SqliteDb& db, const std::string& id) {
  SqliteStatement st(db, kFindConversation.c_str(), {id});
  if (!st.Step()) return std::nullopt;
  return ConversationFromRow(st);
}

std::vector<Conversation> ListConversations(SqliteDb& db, const std::string& user_id) {
  SqliteStatement st(db, kListConversations.c_str(), {user_id});
  std::vector<Conversation> out;
  while (st.Step()) out.push_back(ConversationFromRow(st));
  return out;
}

std::vector<AppendResult> AppendMessages(SqliteDb& db, const std::vector<Message>& messages) {
  if (messages.empty()) return {};
  // BEGIN IMMEDIATE holds the write lock from the first read, so the seqs read here stay the
  // newest until commit, also against other processes on the same file.
  SqliteTransaction tx(db);
  using U = SqliteStatement::Reused;  // the same statements every batch: prepared once per connection

  // The read statements live in their own blocks so none is still open at the commit.
  std::map<std::string, SeqState> state;
  {
    SqliteStatement read(db, kReadSeqState, U{});
    for (const std::string& id : ConversationIds(messages)) {
      read.Rebind({id});
      if (read.Step())
        state[id] = SeqState{read.Text("customer_id"), read.Text("mechanic_id"), read.Int64("last_seq"),
                             read.Text("last_message_at")};
    }
  }
  std::map<ClientKey, Message> stored;
  {
    SqliteStatement find(db, kFindByClientId.c_str(), U{});
    for (const ClientKey& key : ClientKeys(messages)) {
      find.Rebind({std::get<0>(key), std::get<1>(key), std::get<2>(key)});
      if (find.Step()) stored.emplace(key, MessageFromRow(find));
    }
  }

  // The write lock is held: media present now stays until the commit (a DELETE waits for it).
  // Text-only batches, the common case, skip this.
  std::set<std::string> present_media;
  if (std::vector<std::string> media_ids = MediaIds(messages); !media_ids.empty()) {
    SqliteStatement find(db, "SELECT 1 FROM media WHERE id = ?1", U{});
    for (const std::string& id : media_ids) {
      find.Rebind({id});
      if (find.Step()) present_media.insert(id);
    }
  }

  AppendPlan plan = PlanAppend(messages, std::move(state), stored, present_media);

  SqliteStatement insert(db, kInsertMessage, U{});
  for (size_t i = 0; i < plan.inserts.size(); ++i) {
    const Message& m = plan.Insert(i);
    insert.Rebind({m.id, m.conversation_id, m.seq, NullIfEmpty(m.client_id), m.sender_id, m.content, m.message_type,
                   m.created_at, NullIfEmpty(m.media_id)});
    insert.Run();
  }
  // plan.advances needs no write here: the new rows are the conversations' new heads.
  tx.Commit();
  return std::move(plan.results);
}

std::vector<Message> ListMessagesBefore(SqliteDb& db, const std::string& conversation_id, int64_t before_seq,
                                        int limit) {
  SqliteStatement st(db, kMessagesBefore.c_str(), {conversation_id, before_seq, ClampLimit(limit)});
  return Messages(st);
}

std::vector<Message> ListMessagesAfter(SqliteDb& db, const std::string& conversation_id, int64_t after_seq,
                                       int limit) {
  SqliteStatement st(db, kMessagesAfter.c_str(), {conversation_id, after_seq, ClampLimit(limit)});
  return Messages(st);
}

std::optional<Message> FindMessage(SqliteDb& db, const std::string& id) {
  SqliteStatement st(db, kFindMessage.c_str(), {id});
  if (!st.Step()) return std::nullopt;
  return MessageFromRow(st);
}

bool MarkRead(SqliteDb& db, const std::string& conversation_id, const std::string& user_id, int64_t seq) {
  // Only the reader's own mark moves: forward, and at most to the newest message.
  SqliteStatement(db,
                  "UPDATE conversations SET "
                  "customer_read_seq = CASE WHEN customer_id = ?2 "
                  "  THEN max(customer_read_seq, min(?3, newest)) ELSE customer_read_seq END, "
                  "mechanic_read_seq = CASE WHEN mechanic_id = ?2 "
                  "  THEN max(mechanic_read_seq, min(?3, newest)) ELSE mechanic_read_seq END "
                  "FROM (SELECT COALESCE(max(seq), 0) AS newest FROM messages WHERE conversation_id = ?1) "
                  "WHERE id = ?1 AND (customer_id = ?2 OR mechanic_id = ?2)",
                  {conversation_id, user_id, seq})
      .Run();
  return db.Changes() > 0;
}

bool EditMessage(SqliteDb& db, const std::string& message_id, const std::string& content,
                 const std::string& edited_at) {
  SqliteStatement(db, "UPDATE messages SET content = ?2, edited_at = ?3 WHERE id = ?1", {message_id, content, edited_at})
      .Run();
  return db.Changes() > 0;
}

bool SetEngaged(SqliteDb& db, const std::string& conversation_id, const std::string& at) {
  // COALESCE keeps the first engagement; a later call still finds the conversation.
  SqliteStatement(db, "UPDATE conversations SET engaged_at = COALESCE(engaged_at, ?2) WHERE id = ?1",
                  {conversation_id, at})
      .Run();
  return db.Changes() > 0;
}

}  // namespace salik::sqlite_chat
