#include "server/store/sqlite_schema.hpp"

namespace salik {

// Column defaults produce the same text format the callers use.
#define SALIK_SQLITE_NOW "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"

namespace {

const char* const kInitialSchema = R"SQL(
CREATE TABLE profiles (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('customer', 'mechanic', 'admin')),
  full_name     TEXT NOT NULL,
  phone         TEXT,
  avatar_url    TEXT,
  city          TEXT,
  country       TEXT NOT NULL DEFAULT 'AE',
  is_active     INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  created_at    TEXT NOT NULL DEFAULT )SQL" SALIK_SQLITE_NOW R"SQL(,
  updated_at    TEXT NOT NULL DEFAULT )SQL" SALIK_SQLITE_NOW R"SQL(
);
CREATE INDEX idx_profiles_role ON profiles(role);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX idx_sessions_user ON sessions(user_id);
CREATE INDEX idx_sessions_expires ON sessions(expires_at);

CREATE TABLE mechanic_profiles (
  id                  TEXT PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
  bio                 TEXT NOT NULL DEFAULT '',
  specializations     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(specializations)),
  experience_years    INTEGER NOT NULL DEFAULT 0 CHECK (experience_years >= 0),
  hourly_rate         INTEGER NOT NULL DEFAULT 0 CHECK (hourly_rate >= 0),
  service_tier        TEXT NOT NULL DEFAULT 'virtual_only'
                        CHECK (service_tier IN ('virtual_only', 'workshop_partner')),
  verification_status TEXT NOT NULL DEFAULT 'pending'
                        CHECK (verification_status IN ('pending', 'verified', 'rejected')),
  rejection_reason    TEXT,
  rating_avg          REAL NOT NULL DEFAULT 0 CHECK (rating_avg >= 0 AND rating_avg <= 5),
  rating_count        INTEGER NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
  is_available        INTEGER NOT NULL DEFAULT 1 CHECK (is_available IN (0, 1)),
  verified_at         TEXT,
  verified_by         TEXT REFERENCES profiles(id) ON DELETE SET NULL,
  created_at          TEXT NOT NULL DEFAULT )SQL" SALIK_SQLITE_NOW R"SQL(,
  updated_at          TEXT NOT NULL DEFAULT )SQL" SALIK_SQLITE_NOW R"SQL(
);
CREATE INDEX idx_mechanic_profiles_status ON mechanic_profiles(verification_status, created_at DESC);

CREATE TABLE car_issues (
  id            TEXT PRIMARY KEY,
  customer_id   TEXT NOT NULL REFERENCES profiles(id),
  title         TEXT NOT NULL,
  description   TEXT NOT NULL,
  car_make      TEXT NOT NULL,
  car_model     TEXT NOT NULL,
  car_year      INTEGER NOT NULL,
  car_mileage   INTEGER CHECK (car_mileage >= 0),
  category      TEXT NOT NULL CHECK (category IN ('engine', 'brakes', 'electrical', 'suspension', 'ac',
                                                  'transmission', 'body', 'other')),
  urgency       TEXT NOT NULL DEFAULT 'normal' CHECK (urgency IN ('low', 'normal', 'urgent')),
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
  location_city TEXT,
  budget_range  TEXT NOT NULL DEFAULT 'not_sure'
                  CHECK (budget_range IN ('under_50', '50_200', '200_500', 'above_500', 'not_sure')),
  is_public     INTEGER NOT NULL DEFAULT 1 CHECK (is_public IN (0, 1)),
  created_at    TEXT NOT NULL DEFAULT )SQL" SALIK_SQLITE_NOW R"SQL(,
  updated_at    TEXT NOT NULL DEFAULT )SQL" SALIK_SQLITE_NOW R"SQL(
);
CREATE INDEX idx_car_issues_customer ON car_issues(customer_id);
CREATE INDEX idx_car_issues_status ON car_issues(status);
CREATE INDEX idx_car_issues_category ON car_issues(category);
CREATE INDEX idx_car_issues_created ON car_issues(created_at DESC);

CREATE TABLE issue_media (
  id               TEXT PRIMARY KEY,
  issue_id         TEXT NOT NULL REFERENCES car_issues(id) ON DELETE CASCADE,
  media_type       TEXT NOT NULL CHECK (media_type IN ('audio', 'image', 'video')),
  storage_path     TEXT NOT NULL,
  file_name        TEXT NOT NULL,
  file_size        INTEGER CHECK (file_size >= 0),
  duration_seconds INTEGER CHECK (duration_seconds >= 0),
  thumbnail_path   TEXT,
  sort_order       INTEGER NOT NULL DEFAULT 0,
  created_at       TEXT NOT NULL DEFAULT )SQL" SALIK_SQLITE_NOW R"SQL(
);
CREATE INDEX idx_issue_media_issue ON issue_media(issue_id, sort_order);

CREATE TABLE conversations (
  id              TEXT PRIMARY KEY,
  issue_id        TEXT NOT NULL REFERENCES car_issues(id) ON DELETE CASCADE,
  customer_id     TEXT NOT NULL REFERENCES profiles(id),
  mechanic_id     TEXT NOT NULL REFERENCES profiles(id),
  status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed', 'archived')),
  last_message_at TEXT NOT NULL DEFAULT )SQL" SALIK_SQLITE_NOW R"SQL(,
  created_at      TEXT NOT NULL DEFAULT )SQL" SALIK_SQLITE_NOW R"SQL(,
  UNIQUE (issue_id, mechanic_id)
);
CREATE INDEX idx_conversations_customer ON conversations(customer_id);
CREATE INDEX idx_conversations_mechanic ON conversations(mechanic_id);

-- seq orders a conversation for reconnecting clients; client_id makes a resend idempotent
-- (DESIGN.md, Realtime).
CREATE TABLE messages (
  id              TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  seq             INTEGER NOT NULL CHECK (seq > 0),
  client_id       TEXT,
  sender_id       TEXT NOT NULL REFERENCES profiles(id),
  content         TEXT,
  message_type    TEXT NOT NULL DEFAULT 'text'
                    CHECK (message_type IN ('text', 'image', 'audio', 'video', 'file', 'system', 'diagnosis')),
  media_url       TEXT,
  metadata        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
  is_read         INTEGER NOT NULL DEFAULT 0 CHECK (is_read IN (0, 1)),
  created_at      TEXT NOT NULL DEFAULT )SQL" SALIK_SQLITE_NOW R"SQL(,
  UNIQUE (conversation_id, seq),
  UNIQUE (conversation_id, sender_id, client_id)
);
CREATE INDEX idx_messages_conversation ON messages(conversation_id);
CREATE INDEX idx_messages_created ON messages(created_at);

CREATE TABLE mechanic_responses (
  id                 TEXT PRIMARY KEY,
  issue_id           TEXT NOT NULL REFERENCES car_issues(id) ON DELETE CASCADE,
  mechanic_id        TEXT NOT NULL REFERENCES profiles(id),
  initial_diagnosis  TEXT NOT NULL,
  estimated_cost_min INTEGER NOT NULL DEFAULT 0 CHECK (estimated_cost_min >= 0),
  estimated_cost_max INTEGER NOT NULL DEFAULT 0 CHECK (estimated_cost_max >= estimated_cost_min),
  estimated_fix_time TEXT,
  confidence_level   TEXT NOT NULL DEFAULT 'medium' CHECK (confidence_level IN ('low', 'medium', 'high')),
  needs_video_call   INTEGER NOT NULL DEFAULT 0 CHECK (needs_video_call IN (0, 1)),
  created_at         TEXT NOT NULL DEFAULT )SQL" SALIK_SQLITE_NOW R"SQL(,
  UNIQUE (issue_id, mechanic_id)
);
CREATE INDEX idx_mechanic_responses_issue ON mechanic_responses(issue_id);
CREATE INDEX idx_mechanic_responses_mechanic ON mechanic_responses(mechanic_id);

CREATE TABLE admin_audit_log (
  id         TEXT PRIMARY KEY,
  admin_id   TEXT NOT NULL REFERENCES profiles(id),
  action     TEXT NOT NULL,
  target_id  TEXT,
  detail     TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT )SQL" SALIK_SQLITE_NOW R"SQL(
);
CREATE INDEX idx_admin_audit_log_created ON admin_audit_log(created_at DESC);
CREATE INDEX idx_admin_audit_log_target ON admin_audit_log(target_id);
)SQL";

// Realtime chat: each conversation keeps its newest seq (until migration 10; AppendMessages
// numbers messages from it under the write lock), both read marks and the car owner's
// engagement; messages keep when they were last edited. Conversations that already hold
// messages start from their highest seq.
// No index on last_message_at: every append moves it, and a user's few conversations are found
// through the customer_id/mechanic_id indexes and sorted in memory.
const char* const kChatState = R"SQL(
ALTER TABLE conversations ADD COLUMN last_seq INTEGER NOT NULL DEFAULT 0 CHECK (last_seq >= 0);
ALTER TABLE conversations ADD COLUMN customer_read_seq INTEGER NOT NULL DEFAULT 0 CHECK (customer_read_seq >= 0);
ALTER TABLE conversations ADD COLUMN mechanic_read_seq INTEGER NOT NULL DEFAULT 0 CHECK (mechanic_read_seq >= 0);
ALTER TABLE conversations ADD COLUMN engaged_at TEXT;
ALTER TABLE messages ADD COLUMN edited_at TEXT;
UPDATE conversations
   SET last_seq = COALESCE((SELECT max(seq) FROM messages m WHERE m.conversation_id = conversations.id), 0);
)SQL";

// Every message insert pays for each index on messages. Conversation lookups already use the
// UNIQUE (conversation_id, seq) index, and nothing reads messages by created_at, so these two only
// cost writes (the chat benchmark's hot path).
const char* const kLeanerMessageIndexes = R"SQL(
DROP INDEX IF EXISTS idx_messages_conversation;
DROP INDEX IF EXISTS idx_messages_created;
)SQL";

// Media of issues, mechanics' verification documents and conversations, in one table: the bytes
// are on disk by content hash, a row says whose they are and what they belong to. Replaces the
// never-used issue_media table. subject_id has no foreign key because it points at one of three
// tables; listing by subject is the one query, in upload order.
const char* const kMedia = R"SQL(
DROP TABLE IF EXISTS issue_media;
CREATE TABLE media (
  id               TEXT PRIMARY KEY,
  owner_id         TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  subject_kind     TEXT NOT NULL CHECK (subject_kind IN ('issue', 'mechanic_document', 'conversation')),
  subject_id       TEXT NOT NULL,
  media_type       TEXT NOT NULL CHECK (media_type IN ('audio', 'image', 'video')),
  mime             TEXT NOT NULL,
  content_hash     TEXT NOT NULL CHECK (length(content_hash) = 64),
  file_size        INTEGER NOT NULL CHECK (file_size >= 0),
  label            TEXT NOT NULL,
  duration_seconds REAL CHECK (duration_seconds >= 0),
  width            INTEGER CHECK (width > 0),
  height           INTEGER CHECK (height > 0),
  created_at       TEXT NOT NULL
);
CREATE INDEX idx_media_subject ON media(subject_kind, subject_id, created_at);
)SQL";

// Chat attachments: a message may refer to media uploaded to its conversation. Nullable: text
// messages have none. No index: the media is looked up by its id, never the other way round.
const char* const kMessageMedia = R"SQL(
ALTER TABLE messages ADD COLUMN media_id TEXT REFERENCES media(id);
)SQL";

// The idempotency key's index, client id first. Keyed by conversation first, every insert dirtied
// a page of its own (a conversation's entries sit together, and random client ids scatter inside
// them): ~1.5 of the ~3 pages a stored message wrote. With the client id first and client ids
// that start with their creation time (the app's and the load generator's do), new entries land
// together at the end of the index and a batch shares its pages. Random client ids still work;
// they only miss the locality. SQLite cannot drop a table's UNIQUE constraint, so the table is
// rebuilt; nothing references messages.
const char* const kClientKeyFirst = R"SQL(
CREATE TABLE messages_rebuilt (
  id              TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  seq             INTEGER NOT NULL CHECK (seq > 0),
  client_id       TEXT,
  sender_id       TEXT NOT NULL REFERENCES profiles(id),
  content         TEXT,
  message_type    TEXT NOT NULL DEFAULT 'text'
                    CHECK (message_type IN ('text', 'image', 'audio', 'video', 'file', 'system', 'diagnosis')),
  media_url       TEXT,
  metadata        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
  is_read         INTEGER NOT NULL DEFAULT 0 CHECK (is_read IN (0, 1)),
  created_at      TEXT NOT NULL DEFAULT )SQL" SALIK_SQLITE_NOW R"SQL(,
  edited_at       TEXT,
  media_id        TEXT REFERENCES media(id),
  UNIQUE (conversation_id, seq),
  UNIQUE (client_id, sender_id, conversation_id)
);
INSERT INTO messages_rebuilt (id, conversation_id, seq, client_id, sender_id, content, message_type, media_url,
                              metadata, is_read, created_at, edited_at, media_id)
  SELECT id, conversation_id, seq, client_id, sender_id, content, message_type, media_url,
         metadata, is_read, created_at, edited_at, media_id
    FROM messages ORDER BY rowid;
DROP TABLE messages;
ALTER TABLE messages_rebuilt RENAME TO messages;
)SQL";

// A chat attachment that no message refers to may be removed by its uploader; deleting its row
// makes the foreign key look for messages that point at it, a scan of every message without an
// index. Partial, so text messages (no media) add nothing to it.
const char* const kMessageMediaIndex = R"SQL(
CREATE INDEX idx_messages_media ON messages(media_id) WHERE media_id IS NOT NULL;
)SQL";

// Deleting media asks whether any row still uses the same bytes, and the hourly sweep looks for
// old chat attachments: without these, both read every media row.
const char* const kMediaLookupIndexes = R"SQL(
CREATE INDEX idx_media_content ON media(content_hash);
CREATE INDEX idx_media_chat_age ON media(created_at, id) WHERE subject_kind = 'conversation';
)SQL";

// The message type's CHECK, written as comparisons. SQLite evaluates `IN (seven constants)` by
// building a temporary index of the seven for every row inserted (about 2 us of a chat message's
// ~23 us); a chain of comparisons costs a few instructions. Same rule, so the rebuilt table takes
// every row; the attachment index goes with the old table and is made again.
const char* const kMessageTypeComparisons = R"SQL(
CREATE TABLE messages_rebuilt (
  id              TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  seq             INTEGER NOT NULL CHECK (seq > 0),
  client_id       TEXT,
  sender_id       TEXT NOT NULL REFERENCES profiles(id),
  content         TEXT,
  message_type    TEXT NOT NULL DEFAULT 'text'
                    CHECK (message_type = 'text' OR message_type = 'image' OR message_type = 'audio' OR
                           message_type = 'video' OR message_type = 'file' OR message_type = 'system' OR
                           message_type = 'diagnosis'),
  media_url       TEXT,
  metadata        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
  is_read         INTEGER NOT NULL DEFAULT 0 CHECK (is_read IN (0, 1)),
  created_at      TEXT NOT NULL DEFAULT )SQL" SALIK_SQLITE_NOW R"SQL(,
  edited_at       TEXT,
  media_id        TEXT REFERENCES media(id),
  UNIQUE (conversation_id, seq),
  UNIQUE (client_id, sender_id, conversation_id)
);
INSERT INTO messages_rebuilt (id, conversation_id, seq, client_id, sender_id, content, message_type, media_url,
                              metadata, is_read, created_at, edited_at, media_id)
  SELECT id, conversation_id, seq, client_id, sender_id, content, message_type, media_url,
         metadata, is_read, created_at, edited_at, media_id
    FROM messages ORDER BY rowid;
DROP TABLE messages;
ALTER TABLE messages_rebuilt RENAME TO messages;
CREATE INDEX idx_messages_media ON messages(media_id) WHERE media_id IS NOT NULL;
)SQL";

// A conversation's newest seq and time are read from its messages (sqlite_chat.cpp), so an append
// writes no conversation row: that rewrite was about one 4 KB WAL page of the ~3.6 a chat message
// cost. The read marks stay, written only by read events; reading a mark counts each side's own
// newest message as read by that side.
const char* const kHeadsFromMessages = R"SQL(
ALTER TABLE conversations DROP COLUMN last_seq;
ALTER TABLE conversations DROP COLUMN last_message_at;
)SQL";

}  // namespace

#undef SALIK_SQLITE_NOW

const std::vector<Migration>& SqliteMigrations() {
  static const std::vector<Migration> migrations{
      {1, "initial schema", kInitialSchema},
      {2, "chat sequence, read marks, engagement, edits", kChatState},
      {3, "drop message indexes nothing reads", kLeanerMessageIndexes},
      {4, "media", kMedia},
      {5, "message attachments", kMessageMedia},
      {6, "idempotency index with the client id first", kClientKeyFirst},
      {7, "index of messages by attachment", kMessageMediaIndex},
      {8, "indexes of media by content and by chat upload age", kMediaLookupIndexes},
      {9, "message type check without a temporary index per insert", kMessageTypeComparisons},
      {10, "conversation heads read from their messages", kHeadsFromMessages},
  };
  return migrations;
}

}  // namespace salik
