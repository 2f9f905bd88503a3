// Media rows on SQLite. The store holds its mutex around each call.
#pragma once

#include "server/store/sqlite_db.hpp"
#include "server/store/store.hpp"

namespace salik::sqlite_media {

void CreateMedia(SqliteDb& db, const StoredMedia& m);
std::optional<StoredMedia> FindMedia(SqliteDb& db, const std::string& id);
std::vector<StoredMedia> ListMedia(SqliteDb& db, MediaSubject subject, const std::string& subject_id);
// The media of an issue and of its conversations.
std::vector<StoredMedia> MediaOfIssue(SqliteDb& db, const std::string& issue_id);
// Deletes these rows; answers the content hashes no row uses any more.
std::vector<std::string> DeleteMedia(SqliteDb& db, const std::vector<StoredMedia>& media);
// Inside the caller's transaction: see Store::DeleteUnsentChatMedia.
std::optional<std::vector<std::string>> DeleteUnsentChatMedia(SqliteDb& db, const std::string& media_id);
std::vector<std::string> ListUnsentChatMedia(SqliteDb& db, const std::string& uploaded_before, int limit);
bool ContentInUse(SqliteDb& db, const std::string& content_hash);

}  // namespace salik::sqlite_media
