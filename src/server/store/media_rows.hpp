// Media rows on both backends: the subject's wire name and the row-to-StoredMedia mapping.
#pragma once

#include <optional>
#include <string_view>

#include "server/store/row_view.hpp"
#include "server/store/store.hpp"

namespace salik {

std::string_view SubjectKind(MediaSubject s);  // "issue", "mechanic_document", "conversation"
std::optional<MediaSubject> SubjectFromKind(std::string_view kind);
// Columns: id, owner_id, subject_kind, subject_id, media_type, mime, content_hash, file_size,
// label, duration_seconds, width, height, created_at.
StoredMedia StoredMediaFromRow(const RowView& row);

}  // namespace salik
