// Media rows on PostgreSQL, each call on one leased connection. Ids are UUID columns: an id that
// is not a UUID is "not found" before it reaches the server.
#pragma once

#include "server/store/pg_connection.hpp"
#include "server/store/store.hpp"

namespace salik::postgres_media {

void CreateMedia(PgConnection& conn, const StoredMedia& m);
std::optional<StoredMedia> FindMedia(PgConnection& conn, const std::string& id);
std::vector<StoredMedia> ListMedia(PgConnection& conn, MediaSubject subject, const std::string& subject_id);
// The media of an issue and of its conversations.
std::vector<StoredMedia> MediaOfIssue(PgConnection& conn, const std::string& issue_id);
// Deletes these rows; answers the content hashes no row uses any more.
std::vector<std::string> DeleteMedia(PgConnection& conn, const std::vector<StoredMedia>& media);
// Inside the caller's transaction: see Store::DeleteUnsentChatMedia.
std::optional<std::vector<std::string>> DeleteUnsentChatMedia(PgConnection& conn, const std::string& media_id);
std::vector<std::string> ListUnsentChatMedia(PgConnection& conn, const std::string& uploaded_before, int limit);
bool ContentInUse(PgConnection& conn, const std::string& content_hash);

}  // namespace salik::postgres_media
