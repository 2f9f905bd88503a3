#include "server/store/postgres_media.hpp"

#include <algorithm>
#include <set>

#include "server/store/media_rows.hpp"
#include "server/util/ids.hpp"

namespace salik::postgres_media {
namespace {

const char* const kColumns =
    "SELECT id::text AS id, owner_id::text AS owner_id, subject_kind, subject_id::text AS subject_id, media_type, "
    "mime, content_hash, file_size, label, duration_seconds, width, height, "
    "salik_utc_text(created_at) AS created_at FROM media ";

}  // namespace

void CreateMedia(PgConnection& conn, const StoredMedia& s) {
  const Media& m = s.media;
  conn.Exec(
      "INSERT INTO media (id, owner_id, subject_kind, subject_id, media_type, mime, content_hash, file_size, label, "
      "duration_seconds, width, height, created_at) "
      "VALUES ($1::uuid, $2::uuid, $3, $4::uuid, $5, $6, $7, $8::bigint, $9, $10::float8, $11::integer, "
      "$12::integer, $13::timestamptz)",
      {m.id, m.owner_id, SubjectKind(s.subject), s.subject_id, ToWire(m.media_type), m.mime, s.content_hash,
       m.file_size, m.label, m.duration_seconds, m.width, m.height, m.created_at});
}

std::optional<StoredMedia> FindMedia(PgConnection& conn, const std::string& id) {
  if (!LooksLikeUuid(id)) return std::nullopt;
  std::string sql = std::string(kColumns) + "WHERE id = $1::uuid";
  PgResult res = conn.Exec(sql.c_str(), {id});
  if (res.Rows() == 0) return std::nullopt;
  return StoredMediaFromRow(res.Row(0));
}

std::vector<StoredMedia> ListMedia(PgConnection& conn, MediaSubject subject, const std::string& subject_id) {
  if (!LooksLikeUuid(subject_id)) return {};
  std::string sql = std::string(kColumns) +
                    "WHERE subject_kind = $1 AND subject_id = $2::uuid ORDER BY created_at, id";
  PgResult res = conn.Exec(sql.c_str(), {SubjectKind(subject), subject_id});
  std::vector<StoredMedia> out;
  for (int i = 0; i < res.Rows(); ++i) out.push_back(StoredMediaFromRow(res.Row(i)));
  return out;
}

std::vector<StoredMedia> MediaOfIssue(PgConnection& conn, const std::string& issue_id) {
  std::string sql = std::string(kColumns) +
                    "WHERE (subject_kind = 'issue' AND subject_id = $1::uuid) OR (subject_kind = 'conversation' AND "
                    "subject_id IN (SELECT id FROM conversations WHERE issue_id = $1::uuid))";
  PgResult res = conn.Exec(sql.c_str(), {issue_id});
  std::vector<StoredMedia> out;
  for (int i = 0; i < res.Rows(); ++i) out.push_back(StoredMediaFromRow(res.Row(i)));
  return out;
}

namespace {

// Deletions of rows with the same bytes take turns: a lock per content hash, held to the end of
// the transaction, taken in sorted order and before any media row lock. Otherwise two at once
// could each see the other's row, deleted but not committed, and neither would report the bytes
// unused. Taking a lock the transaction already holds again is fine.
void LockContent(PgConnection& conn, const std::set<std::string>& hashes) {
  for (const auto& hash : hashes) conn.Exec("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", {hash});
}

}  // namespace

std::vector<std::string> DeleteMedia(PgConnection& conn, const std::vector<StoredMedia>& media) {
  std::set<std::string> hashes;
  for (const auto& m : media) hashes.insert(m.content_hash);
  LockContent(conn, hashes);
  for (const auto& m : media) conn.Exec("DELETE FROM media WHERE id = $1::uuid", {m.media.id});
  std::vector<std::string> unused;
  for (const auto& m : media) {
    if (!ContentInUse(conn, m.content_hash) && std::find(unused.begin(), unused.end(), m.content_hash) == unused.end())
      unused.push_back(m.content_hash);
  }
  return unused;
}

std::optional<std::vector<std::string>> DeleteUnsentChatMedia(PgConnection& conn, const std::string& media_id) {
  // The lock on its bytes before the row's, in the order every deletion of media takes them (a
  // row's hash never changes).
  PgResult hash = conn.Exec("SELECT content_hash FROM media WHERE id = $1::uuid", {media_id});
  if (hash.Rows() == 0) return std::nullopt;
  LockContent(conn, {hash.Row(0).Text("content_hash")});
  // The row locked next, so a message that would refer to it waits (its foreign key check) until
  // this transaction ends, and this check cannot miss one committed meanwhile.
  if (conn.Exec("SELECT 1 FROM media WHERE id = $1::uuid FOR UPDATE", {media_id}).Rows() == 0) return std::nullopt;
  auto media = FindMedia(conn, media_id);
  if (!media || media->subject != MediaSubject::Conversation) return std::nullopt;
  if (conn.Exec("SELECT 1 FROM messages WHERE media_id = $1::uuid LIMIT 1", {media_id}).Rows() > 0) return std::nullopt;
  return DeleteMedia(conn, {*media});
}

std::vector<std::string> ListUnsentChatMedia(PgConnection& conn, const std::string& uploaded_before, int limit) {
  PgResult res = conn.Exec(
      "SELECT id::text AS id FROM media m WHERE subject_kind = 'conversation' AND created_at < $1::timestamptz "
      "AND NOT EXISTS (SELECT 1 FROM messages WHERE media_id = m.id) ORDER BY created_at, id LIMIT $2::bigint",
      {uploaded_before, static_cast<int64_t>(limit)});
  std::vector<std::string> ids;
  for (int i = 0; i < res.Rows(); ++i) ids.push_back(res.Row(i).Text("id"));
  return ids;
}

bool ContentInUse(PgConnection& conn, const std::string& content_hash) {
  return conn.Exec("SELECT 1 FROM media WHERE content_hash = $1 LIMIT 1", {content_hash}).Rows() > 0;
}

}  // namespace salik::postgres_media
