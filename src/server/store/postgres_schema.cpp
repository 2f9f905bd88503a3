#include "server/store/postgres_schema.hpp"

namespace salik {
namespace {

const char* const kInitialSchema = R"SQL(
-- The one text form of a time that the store hands back, whatever the session's time zone.
CREATE FUNCTION salik_utc_text(t TIMESTAMPTZ) RETURNS TEXT
  LANGUAGE sql STABLE STRICT
  AS $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

CREATE TABLE profiles (
  id            UUID PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('customer', 'mechanic', 'admin')),
  full_name     TEXT NOT NULL,
  phone         TEXT,
  avatar_url    TEXT,
  city          TEXT,
  country       TEXT NOT NULL DEFAULT 'AE',
  is_active     BOOLEAN NOT NULL DEFAULT true,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_profiles_role ON profiles(role);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    UUID NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX idx_sessions_user ON sessions(user_id);
CREATE INDEX idx_sessions_expires ON sessions(expires_at);

CREATE TABLE mechanic_profiles (
  id                  UUID PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
  bio                 TEXT NOT NULL DEFAULT '',
  specializations     TEXT[] NOT NULL DEFAULT '{}',
  experience_years    INTEGER NOT NULL DEFAULT 0 CHECK (experience_years >= 0),
  hourly_rate         BIGINT NOT NULL DEFAULT 0 CHECK (hourly_rate >= 0),
  service_tier        TEXT NOT NULL DEFAULT 'virtual_only'
                        CHECK (service_tier IN ('virtual_only', 'workshop_partner')),
  verification_status TEXT NOT NULL DEFAULT 'pending'
                        CHECK (verification_status IN ('pending', 'verified', 'rejected')),
  rejection_reason    TEXT,
  rating_avg          NUMERIC(3,2) NOT NULL DEFAULT 0 CHECK (rating_avg >= 0 AND rating_avg <= 5),
  rating_count        INTEGER NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
  is_available        BOOLEAN NOT NULL DEFAULT true,
  verified_at         TIMESTAMPTZ,
  verified_by         UUID REFERENCES profiles(id) ON DELETE SET NULL,
  created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_mechanic_profiles_status ON mechanic_profiles(verification_status, created_at DESC);

CREATE TABLE car_issues (
  id            UUID PRIMARY KEY,
  customer_id   UUID NOT NULL REFERENCES profiles(id),
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
  is_public     BOOLEAN NOT NULL DEFAULT true,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_car_issues_customer ON car_issues(customer_id);
CREATE INDEX idx_car_issues_status ON car_issues(status);
CREATE INDEX idx_car_issues_category ON car_issues(category);
CREATE INDEX idx_car_issues_created ON car_issues(created_at DESC);

CREATE TABLE issue_media (
  id               UUID PRIMARY KEY,
  issue_id         UUID NOT NULL REFERENCES car_issues(id) ON DELETE CASCADE,
  media_type       TEXT NOT NULL CHECK (media_type IN ('audio', 'image', 'video')),
  storage_path     TEXT NOT NULL,
  file_name        TEXT NOT NULL,
  file_size        BIGINT CHECK (file_size >= 0),
  duration_seconds INTEGER CHECK (duration_seconds >= 0),
  thumbnail_path   TEXT,
  sort_order       INTEGER NOT NULL DEFAULT 0,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_issue_media_issue ON issue_media(issue_id, sort_order);

CREATE TABLE conversations (
  id              UUID PRIMARY KEY,
  issue_id        UUID NOT NULL REFERENCES car_issues(id) ON DELETE CASCADE,
  customer_id     UUID NOT NULL REFERENCES profiles(id),
  mechanic_id     UUID NOT NULL REFERENCES profiles(id),
  status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed', 'archived')),
  last_message_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (issue_id, mechanic_id)
);
CREATE INDEX idx_conversations_customer ON conversations(customer_id);
CREATE INDEX idx_conversations_mechanic ON conversations(mechanic_id);

-- seq orders a conversation for reconnecting clients; client_id makes a resend idempotent
-- (DESIGN.md, Realtime).
CREATE TABLE messages (
  id              UUID PRIMARY KEY,
  conversation_id UUID NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  seq             BIGINT NOT NULL CHECK (seq > 0),
  client_id       TEXT,
  sender_id       UUID NOT NULL REFERENCES profiles(id),
  content         TEXT,
  message_type    TEXT NOT NULL DEFAULT 'text'
                    CHECK (message_type IN ('text', 'image', 'audio', 'video', 'file', 'system', 'diagnosis')),
  media_url       TEXT,
  metadata        JSONB NOT NULL DEFAULT '{}',
  is_read         BOOLEAN NOT NULL DEFAULT false,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (conversation_id, seq),
  UNIQUE (conversation_id, sender_id, client_id)
);
CREATE INDEX idx_messages_conversation ON messages(conversation_id);
CREATE INDEX idx_messages_created ON messages(created_at);

CREATE TABLE mechanic_responses (
  id                 UUID PRIMARY KEY,
  issue_id           UUID NOT NULL REFERENCES car_issues(id) ON DELETE CASCADE,
  mechanic_id        UUID NOT NULL REFERENCES profiles(id),
  initial_diagnosis  TEXT NOT NULL,
  estimated_cost_min BIGINT NOT NULL DEFAULT 0 CHECK (estimated_cost_min >= 0),
  estimated_cost_max BIGINT NOT NULL DEFAULT 0 CHECK (estimated_cost_max >= estimated_cost_min),
  estimated_fix_time TEXT,
  confidence_level   TEXT NOT NULL DEFAULT 'medium' CHECK (confidence_level IN ('low', 'medium', 'high')),
  needs_video_call   BOOLEAN NOT NULL DEFAULT false,
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (issue_id, mechanic_id)
);
CREATE INDEX idx_mechanic_responses_issue ON mechanic_responses(issue_id);
CREATE INDEX idx_mechanic_responses_mechanic ON mechanic_responses(mechanic_id);

CREATE TABLE admin_audit_log (
  id         UUID PRIMARY KEY,
  admin_id   UUID NOT NULL REFERENCES profiles(id),
  action     TEXT NOT NULL,
  target_id  TEXT,
  detail     TEXT NOT NULL DEFAULT '',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_admin_audit_log_created ON admin_audit_log(created_at DESC);
CREATE INDEX idx_admin_audit_log_target ON admin_audit_log(target_id);
)SQL";

// Realtime chat: each conversation keeps its newest seq (AppendMessages numbers messages from it
// under a row lock), both read marks and the car owner's engagement; messages keep when they
// were last edited. Conversations that already hold messages start from their highest seq.
// No index on last_message_at: every append moves it, and a user's few conversations are found
// through the customer_id/mechanic_id indexes and sorted in memory.
const char* const kChatState = R"SQL(
ALTER TABLE conversations
  ADD COLUMN last_seq          BIGINT NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  ADD COLUMN customer_read_seq BIGINT NOT NULL DEFAULT 0 CHECK (customer_read_seq >= 0),
  ADD COLUMN mechanic_read_seq BIGINT NOT NULL DEFAULT 0 CHECK (mechanic_read_seq >= 0),
  ADD COLUMN engaged_at        TIMESTAMPTZ;
ALTER TABLE messages ADD COLUMN edited_at TIMESTAMPTZ;
UPDATE conversations c SET last_seq = m.max_seq
  FROM (SELECT conversation_id, max(seq) AS max_seq FROM messages GROUP BY conversation_id) m
 WHERE m.conversation_id = c.id;
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
  id               UUID PRIMARY KEY,
  owner_id         UUID NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  subject_kind     TEXT NOT NULL CHECK (subject_kind IN ('issue', 'mechanic_document', 'conversation')),
  subject_id       UUID NOT NULL,
  media_type       TEXT NOT NULL CHECK (media_type IN ('audio', 'image', 'video')),
  mime             TEXT NOT NULL,
  content_hash     TEXT NOT NULL CHECK (length(content_hash) = 64),
  file_size        BIGINT NOT NULL CHECK (file_size >= 0),
  label            TEXT NOT NULL,
  duration_seconds DOUBLE PRECISION CHECK (duration_seconds >= 0),
  width            INTEGER CHECK (width > 0),
  height           INTEGER CHECK (height > 0),
  created_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX idx_media_subject ON media(subject_kind, subject_id, created_at);
)SQL";

// Chat attachments: a message may refer to media uploaded to its conversation. Nullable: text
// messages have none. No index: the media is looked up by its id, never the other way round.
const char* const kMessageMedia = R"SQL(
ALTER TABLE messages ADD COLUMN media_id UUID REFERENCES media(id);
)SQL";

// The idempotency key's index, client id first: with client ids that start with their creation
// time, new entries land together at the end of the index instead of inside each conversation's
// entries, so a batch of inserts shares pages (see the SQLite migration of the same number).
const char* const kClientKeyFirst = R"SQL(
ALTER TABLE messages DROP CONSTRAINT messages_conversation_id_sender_id_client_id_key;
ALTER TABLE messages ADD CONSTRAINT messages_client_key UNIQUE (client_id, sender_id, conversation_id);
)SQL";

// Removing an unsent chat attachment makes the foreign key look for messages that refer to it
// (see the SQLite migration of the same number). Partial: text messages add nothing to it.
const char* const kMessageMediaIndex = R"SQL(
CREATE INDEX idx_messages_media ON messages(media_id) WHERE media_id IS NOT NULL;
)SQL";

// Deleting media asks whether any row still uses the same bytes, and the hourly sweep looks for
// old chat attachments: without these, both read every media row.
const char* const kMediaLookupIndexes = R"SQL(
CREATE INDEX idx_media_content ON media(content_hash);
CREATE INDEX idx_media_chat_age ON media(created_at, id) WHERE subject_kind = 'conversation';
)SQL";

// Each side has read what it sent: appends move the sender's mark since migration 2, and SQLite
// reads a sender's newest message as read (its migration 10). Messages stored before migration 2
// left both marks at 0; this brings them in line, so the two stores report the same marks.
const char* const kOwnMessagesRead = R"SQL(
UPDATE conversations c
   SET customer_read_seq = GREATEST(c.customer_read_seq, o.customer_top),
       mechanic_read_seq = GREATEST(c.mechanic_read_seq, o.mechanic_top)
  FROM (SELECT m.conversation_id,
               COALESCE(max(m.seq) FILTER (WHERE m.sender_id = x.customer_id), 0) AS customer_top,
               COALESCE(max(m.seq) FILTER (WHERE m.sender_id = x.mechanic_id), 0) AS mechanic_top
          FROM messages m JOIN conversations x ON x.id = m.conversation_id
         GROUP BY m.conversation_id) o
 WHERE o.conversation_id = c.id;
)SQL";

}  // namespace

const std::vector<Migration>& PostgresMigrations() {
  static const std::vector<Migration> migrations{
      {1, "initial schema", kInitialSchema},
      {2, "chat sequence, read marks, engagement, edits", kChatState},
      {3, "drop message indexes nothing reads", kLeanerMessageIndexes},
      {4, "media", kMedia},
      {5, "message attachments", kMessageMedia},
      {6, "idempotency index with the client id first", kClientKeyFirst},
      {7, "index of messages by attachment", kMessageMediaIndex},
      {8, "indexes of media by content and by chat upload age", kMediaLookupIndexes},
      {9, "each side has read the messages it sent", kOwnMessagesRead},
  };
  return migrations;
}

}  // namespace salik
