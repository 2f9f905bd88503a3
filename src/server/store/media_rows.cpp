#include "server/store/media_rows.hpp"

namespace salik {

std::string_view SubjectKind(MediaSubject s) {
  switch (s) {
    case MediaSubject::Issue: return "issue";
    case MediaSubject::MechanicDocument: return "mechanic_document";
    case MediaSubject::Conversation: return "conversation";
  }
  return "issue";
}

std::optional<MediaSubject> SubjectFromKind(std::string_view kind) {
  if (kind == "issue") return MediaSubject::Issue;
  if (kind == "mechanic_document") return MediaSubject::MechanicDocument;
  if (kind == "conversation") return MediaSubject::Conversation;
  return std::nullopt;
}

StoredMedia StoredMediaFromRow(const RowView& row) {
  StoredMedia s;
  Media& m = s.media;
  m.id = row.Text("id");
  m.owner_id = row.Text("owner_id");
  m.media_type = MediaTypeFromWire(row.Text("media_type")).value_or(MediaType::Image);
  m.mime = row.Text("mime");
  m.file_size = row.Int64("file_size");
  m.label = row.Text("label");
  if (!row.IsNull("duration_seconds")) m.duration_seconds = row.Double("duration_seconds");
  if (!row.IsNull("width")) m.width = row.Int("width");
  if (!row.IsNull("height")) m.height = row.Int("height");
  m.created_at = row.Text("created_at");
  s.subject = SubjectFromKind(row.Text("subject_kind")).value_or(MediaSubject::Issue);
  s.subject_id = row.Text("subject_id");
  s.content_hash = row.Text("content_hash");
  return s;
}

}  // namespace salik
