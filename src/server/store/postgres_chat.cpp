#include "server/store/postgres_chat.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "server/store/append_plan.hpp"
#include "server/store/row_mapping.hpp"
#include "server/util/ids.hpp"

namespace salik::postgres_chat {
namespace {

using nlohmann::json;

// last_message_at is NOT NULL in the table (it starts as created_at, so a new conversation sorts
// by its creation), but reads as empty until the first message.
const std::string kConversationSelect =
    "SELECT c.id AS id, c.issue_id AS issue_id, i.title AS issue_title, c.customer_id AS customer_id, "
    "cp.full_name AS customer_name, c.mechanic_id AS mechanic_id, mp.full_name AS mechanic_name, "
    "c.status AS status, c.last_seq AS last_seq, "
    "(SELECT m.content FROM messages m WHERE m.conversation_id = c.id AND m.seq = c.last_seq) AS last_message, "
    "(SELECT m.message_type FROM messages m WHERE m.conversation_id = c.id AND m.seq = c.last_seq) "
    "AS last_message_type, "
    "CASE WHEN c.last_seq > 0 THEN salik_utc_text(c.last_message_at) END AS last_message_at, "
    "c.customer_read_seq AS customer_read_seq, c.mechanic_read_seq AS mechanic_read_seq, "
    "salik_utc_text(c.engaged_at) AS engaged_at, salik_utc_text(c.created_at) AS created_at "
    "FROM conversations c JOIN car_issues i ON i.id = c.issue_id "
    "JOIN profiles cp ON cp.id = c.customer_id JOIN profiles mp ON mp.id = c.mechanic_id ";

const std::string kMessageColumns =
    "SELECT m.id AS id, m.conversation_id AS conversation_id, m.seq AS seq, m.sender_id AS sender_id, "
    "m.client_id AS client_id, m.content AS content, m.message_type AS message_type, "
    "salik_utc_text(m.created_at) AS created_at, salik_utc_text(m.edited_at) AS edited_at, "
    "m.media_id::text AS media_id ";

const std::string kFindConversation = kConversationSelect + "WHERE c.id = $1::uuid";
const std::string kFindConversationOf = kConversationSelect + "WHERE c.issue_id = $1::uuid AND c.mechanic_id = $2::uuid";
const std::string kListConversations = kConversationSelect +
                                       "WHERE c.customer_id = $1::uuid OR c.mechanic_id = $1::uuid "
                                       "ORDER BY c.last_message_at DESC, c.created_at DESC, c.id DESC";
const std::string kFindMessage = kMessageColumns + "FROM messages m WHERE m.id = $1::uuid";
const std::string kMessagesBefore = kMessageColumns +
                                    "FROM messages m WHERE m.conversation_id = $1::uuid "
                                    "AND ($2::bigint <= 0 OR m.seq < $2::bigint) ORDER BY m.seq DESC LIMIT $3::bigint";
const std::string kMessagesAfter = kMessageColumns +
                                   "FROM messages m WHERE m.conversation_id = $1::uuid AND m.seq > $2::bigint "
                                   "ORDER BY m.seq LIMIT $3::bigint";

// The batch travels as JSON documents unpacked by jsonb_to_recordset, so each step of an append
// is one statement and one round trip, however many messages the batch holds. They are
// prepared once per connection (PgConnection::ExecPrepared).
const char* const kLockConversations =
    "SELECT id, customer_id, mechanic_id, last_seq, "
    "CASE WHEN last_seq > 0 THEN salik_utc_text(last_message_at) ELSE '' END AS last_message_at FROM conversations "
    "WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE";
const std::string kFindByClientIds = kMessageColumns +
                                     "FROM messages m JOIN jsonb_to_recordset($1::jsonb) "
                                     "AS k(conversation_id uuid, sender_id uuid, client_id text) "
                                     "ON m.conversation_id = k.conversation_id AND m.sender_id = k.sender_id "
                                     "AND m.client_id = k.client_id";
// Only batches with attachments run it.
const char* const kLockMedia = "SELECT id::text AS id FROM media WHERE id = ANY($1::uuid[]) FOR KEY SHARE";
// The inserts ($1) and the conversations' advances ($2) in one statement, one round trip: a
// data-modifying WITH runs exactly once, and the two touch different tables.
const char* const kInsertAndAdvance =
    "WITH inserted AS ("
    "INSERT INTO messages (id, conversation_id, seq, client_id, sender_id, content, message_type, created_at, "
    "media_id) SELECT id, conversation_id, seq, client_id, sender_id, content, message_type, created_at, media_id "
    "FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, conversation_id uuid, seq bigint, client_id text, "
    "sender_id uuid, content text, message_type text, created_at timestamptz, media_id uuid)) "
    "UPDATE conversations c SET last_seq = a.last_seq, "
    "last_message_at = GREATEST(c.last_message_at, a.last_message_at), "
    "customer_read_seq = GREATEST(c.customer_read_seq, a.customer_read_seq), "
    "mechanic_read_seq = GREATEST(c.mechanic_read_seq, a.mechanic_read_seq) "
    "FROM jsonb_to_recordset($2::jsonb) AS a(id uuid, last_seq bigint, last_message_at timestamptz, "
    "customer_read_seq bigint, mechanic_read_seq bigint) WHERE c.id = a.id";

std::vector<Message> Messages(const PgResult& res) {
  std::vector<Message> out;
  out.reserve(static_cast<size_t>(res.Rows()));
  for (int i = 0; i < res.Rows(); ++i) out.push_back(MessageFromRow(res.Row(i)));
  return out;
}

// PostgreSQL hands UUIDs back in lower case; the batch is matched against what it returns.
std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Text that is not valid UTF-8 cannot become JSON (nor a PostgreSQL text value).
std::string Dump(const json& j) {
  try {
    return j.dump();
  } catch (const json::exception& e) {
    throw StoreError(std::string("postgres: batch is not valid text: ") + e.what());
  }
}

json NullIfEmptyJson(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

}  // namespace

Conversation OpenConversation(PgConnection& conn, const NewConversation& c) {
  // A concurrent open of the same pair waits on the unique index, then does nothing; the
  // SELECT (a new snapshot under READ COMMITTED) then sees the winner's row.
  conn.Exec(
      "INSERT INTO conversations (id, issue_id, customer_id, mechanic_id, last_message_at, created_at) "
      "VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::timestamptz, $5::timestamptz) "
      "ON CONFLICT (issue_id, mechanic_id) DO NOTHING",
      {c.id, c.issue_id, c.customer_id, c.mechanic_id, c.created_at});
  PgResult res = conn.Exec(kFindConversationOf.c_str(), {c.issue_id, c.mechanic_id});
  if (res.Rows() == 0) throw StoreError("postgres: conversation missing after insert");
  return ConversationFromRow(res.Row(0));
}

std::optional<Conversation> FindConversation(PgConnection& conn, const std::string& id) {
  if (!LooksLikeUuid(id)) return std::nullopt;
  PgResult res = conn.Exec(kFindConversation.c_str(), {id});
  if (res.Rows() == 0) return std::nullopt;
  return ConversationFromRow(res.Row(0));
}

std::vector<Conversation> ListConversations(PgConnection& conn, const std::string& user_id) {
  if (!LooksLikeUuid(user_id)) return {};
  PgResult res = conn.Exec(kListConversations.c_str(), {user_id});
  std::vector<Conversation> out;
  for (int i = 0; i < res.Rows(); ++i) out.push_back(ConversationFromRow(res.Row(i)));
  return out;
}

std::vector<AppendResult> AppendMessages(PgConnection& conn, const std::vector<Message>& messages) {
  if (messages.empty()) return {};
  std::vector<Message> batch = messages;
  for (Message& m : batch) {
    m.conversation_id = Lower(m.conversation_id);
    m.sender_id = Lower(m.sender_id);
    m.media_id = Lower(m.media_id);
  }

  PgTransaction tx(conn);
  // Row locks in id order serialise seq assignment per conversation across connections and
  // server instances, and two batches sharing conversations never lock them crosswise.
  std::string ids = "{";
  for (const std::string& id : ConversationIds(batch)) {
    if (!LooksLikeUuid(id)) continue;  // not a conversation; PlanAppend reports it
    if (ids.size() > 1) ids += ',';
    ids += id;
  }
  ids += '}';
  std::map<std::string, SeqState> state;
  {
    PgResult res = conn.ExecPrepared("chat_lock", kLockConversations, {ids});
    for (int i = 0; i < res.Rows(); ++i) {
      PgRow row = res.Row(i);
      state[row.Text("id")] =
          SeqState{row.Text("customer_id"), row.Text("mechanic_id"), row.Int64("last_seq"), row.Text("last_message_at")};
    }
  }

  // Looked up under the locks: a resend racing its original finds it committed here.
  std::map<ClientKey, Message> stored;
  std::vector<ClientKey> keys = ClientKeys(batch);
  if (!keys.empty()) {
    json lookup = json::array();
    for (const auto& [conversation, sender, client] : keys)
      if (state.count(conversation) && LooksLikeUuid(sender))
        lookup.push_back({{"conversation_id", conversation}, {"sender_id", sender}, {"client_id", client}});
    if (!lookup.empty()) {
      PgResult res = conn.ExecPrepared("chat_find_client_ids", kFindByClientIds.c_str(), {Dump(lookup)});
      for (Message& m : Messages(res)) stored.emplace(KeyOf(m), m);
    }
  }

  // FOR KEY SHARE (the lock the foreign key would take) holds each present attachment until the
  // commit: a DELETE of it waits for this transaction, then finds the message and refuses.
  std::set<std::string> present_media;
  {
    std::string media = "{";
    for (const std::string& id : MediaIds(batch)) {
      if (!LooksLikeUuid(id)) continue;  // no such media: planned as missing
      if (media.size() > 1) media += ',';
      media += id;
    }
    media += '}';
    if (media.size() > 2) {
      PgResult res = conn.ExecPrepared("chat_lock_media", kLockMedia, {media});
      for (int i = 0; i < res.Rows(); ++i) present_media.insert(res.Row(i).Text("id"));
    }
  }

  AppendPlan plan = PlanAppend(batch, std::move(state), stored, present_media);

  if (!plan.inserts.empty()) {
    json rows = json::array();
    for (size_t i = 0; i < plan.inserts.size(); ++i) {
      const Message& m = plan.Insert(i);
      rows.push_back({{"id", m.id},
                      {"conversation_id", m.conversation_id},
                      {"seq", m.seq},
                      {"client_id", NullIfEmptyJson(m.client_id)},
                      {"sender_id", m.sender_id},
                      {"content", m.content},
                      {"message_type", m.message_type},
                      {"created_at", m.created_at},
                      {"media_id", NullIfEmptyJson(m.media_id)}});
    }
    json advances = json::array();
    for (const SeqAdvance& a : plan.advances)
      advances.push_back({{"id", a.conversation_id},
                          {"last_seq", a.last_seq},
                          {"last_message_at", a.last_message_at},
                          {"customer_read_seq", a.customer_read_seq},
                          {"mechanic_read_seq", a.mechanic_read_seq}});
    conn.ExecPrepared("chat_insert_advance", kInsertAndAdvance, {Dump(rows), Dump(advances)});
  }
  tx.Commit();
  return std::move(plan.results);
}

std::vector<Message> ListMessagesBefore(PgConnection& conn, const std::string& conversation_id, int64_t before_seq,
                                        int limit) {
  if (!LooksLikeUuid(conversation_id)) return {};
  return Messages(conn.Exec(kMessagesBefore.c_str(), {conversation_id, before_seq, ClampLimit(limit)}));
}

std::vector<Message> ListMessagesAfter(PgConnection& conn, const std::string& conversation_id, int64_t after_seq,
                                       int limit) {
  if (!LooksLikeUuid(conversation_id)) return {};
  return Messages(conn.Exec(kMessagesAfter.c_str(), {conversation_id, after_seq, ClampLimit(limit)}));
}

std::optional<Message> FindMessage(PgConnection& conn, const std::string& id) {
  if (!LooksLikeUuid(id)) return std::nullopt;
  PgResult res = conn.Exec(kFindMessage.c_str(), {id});
  if (res.Rows() == 0) return std::nullopt;
  return MessageFromRow(res.Row(0));
}

bool MarkRead(PgConnection& conn, const std::string& conversation_id, const std::string& user_id, int64_t seq) {
  if (!LooksLikeUuid(conversation_id) || !LooksLikeUuid(user_id)) return false;
  // Only the reader's own mark moves: forward, and at most to the newest message.
  return conn
             .Exec("UPDATE conversations SET "
                   "customer_read_seq = CASE WHEN customer_id = $2::uuid "
                   "  THEN GREATEST(customer_read_seq, LEAST($3::bigint, last_seq)) ELSE customer_read_seq END, "
                   "mechanic_read_seq = CASE WHEN mechanic_id = $2::uuid "
                   "  THEN GREATEST(mechanic_read_seq, LEAST($3::bigint, last_seq)) ELSE mechanic_read_seq END "
                   "WHERE id = $1::uuid AND (customer_id = $2::uuid OR mechanic_id = $2::uuid)",
                   {conversation_id, user_id, seq})
             .Affected() > 0;
}

bool EditMessage(PgConnection& conn, const std::string& message_id, const std::string& content,
                 const std::string& edited_at) {
  if (!LooksLikeUuid(message_id)) return false;
  return conn
             .Exec("UPDATE messages SET content = $2, edited_at = $3::timestamptz WHERE id = $1::uuid",
                   {message_id, content, edited_at})
             .Affected() > 0;
}

bool SetEngaged(PgConnection& conn, const std::string& conversation_id, const std::string& at) {
  if (!LooksLikeUuid(conversation_id)) return false;
  // COALESCE keeps the first engagement; a later call still finds the conversation.
  return conn
             .Exec("UPDATE conversations SET engaged_at = COALESCE(engaged_at, $2::timestamptz) WHERE id = $1::uuid",
                   {conversation_id, at})
             .Affected() > 0;
}

}  // namespace salik::postgres_chat
