#include "server/store/sqlite_media.hpp"

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

}  // namespace salik::sqlite_media
