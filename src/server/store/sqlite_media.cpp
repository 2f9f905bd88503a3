#include "server/store/sqlite_media.hpp"

#include <algorithm>

#include "server/store/media_rows.hpp"

namespace salik::sqlite_media {
namespace {

const char* const kColumns =
    "SELECT id, owner_id, subject_kind, subject_id, media_type, mime, content_hash, file_size, label, "
    "duration_seconds, width, height, created_at FROM media ";

}  // namespace

void CreateMedia(SqliteDb& db, const StoredMedia& s) {
  const Media& m = s.media;
  SqliteStatement(db,
                  "INSERT INTO media (id, owner_id, subject_kind, subject_id, media_type, mime, content_hash, "
                  "file_size, label, duration_seconds, width, height, created_at) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                  {m.id, m.owner_id, SubjectKind(s.subject), s.subject_id, ToWire(m.media_type), m.mime,
                   s.content_hash, m.file_size, m.label, m.duration_seconds, m.width, m.height, m.created_at})
      .Run();
}

std::optional<StoredMedia> FindMedia(SqliteDb& db, const std::string& id) {
  std::string sql = std::string(kColumns) + "WHERE id = ?1";
  SqliteStatement st(db, sql.c_str(), {id});
  if (!st.Step()) return std::nullopt;
  return StoredMediaFromRow(st);
}

std::vector<StoredMedia> ListMedia(SqliteDb& db, MediaSubject subject, const std::string& subject_id) {
  std::string sql = std::string(kColumns) + "WHERE subject_kind = ?1 AND subject_id = ?2 ORDER BY created_at, id";
  SqliteStatement st(db, sql.c_str(), {SubjectKind(subject), subject_id});
  std::vector<StoredMedia> out;
  while (st.Step()) out.push_back(StoredMediaFromRow(st));
  return out;
}

std::vector<StoredMedia> MediaOfIssue(SqliteDb& db, const std::string& issue_id) {
  std::string sql = std::string(kColumns) +
                    "WHERE (subject_kind = 'issue' AND subject_id = ?1) OR (subject_kind = 'conversation' AND "
                    "subject_id IN (SELECT id FROM conversations WHERE issue_id = ?1))";
  SqliteStatement st(db, sql.c_str(), {issue_id});
  std::vector<StoredMedia> out;
  while (st.Step()) out.push_back(StoredMediaFromRow(st));
  return out;
}

std::vector<std::string> DeleteMedia(SqliteDb& db, const std::vector<StoredMedia>& media) {
  for (const auto& m : media) SqliteStatement(db, "DELETE FROM media WHERE id = ?1", {m.media.id}).Run();
  std::vector<std::string> unused;
  for (const auto& m : media) {
    if (!ContentInUse(db, m.content_hash) && std::find(unused.begin(), unused.end(), m.content_hash) == unused.end())
      unused.push_back(m.content_hash);
  }
  return unused;
}

bool ContentInUse(SqliteDb& db, const std::string& content_hash) {
  SqliteStatement st(db, "SELECT 1 FROM media WHERE content_hash = ?1 LIMIT 1", {content_hash});
  return st.Step();
}

std::optional<std::vector<std::string>> DeleteUnsentChatMedia(SqliteDb& db, const std::string& media_id) {
  auto media = FindMedia(db, media_id);
  if (!media || media->subject != MediaSubject::Conversation) return std::nullopt;
  {
    SqliteStatement referred(db, "SELECT 1 FROM messages WHERE media_id = ?1 LIMIT 1", {media_id});
    if (referred.Step()) return std::nullopt;
  }
  return DeleteMedia(db, {*media});
}

std::vector<std::string> ListUnsentChatMedia(SqliteDb& db, const std::string& uploaded_before, int limit) {
  // Without statistics SQLite would rather scan every chat attachment through the subject index.
  SqliteStatement st(db,
                     "SELECT id FROM media m INDEXED BY idx_media_chat_age WHERE subject_kind = 'conversation' AND created_at < ?1 "
                     "AND NOT EXISTS (SELECT 1 FROM messages WHERE media_id = m.id) ORDER BY created_at, id LIMIT ?2",
                     {uploaded_before, static_cast<int64_t>(limit)});
  std::vector<std::string> ids;
  while (st.Step()) ids.push_back(st.Text("id"));
  return ids;
}

}  // namespace salik::sqlite_media
