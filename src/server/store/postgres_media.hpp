// Media rows on PostgreSQL, each call on one leased connection. Ids are UUID columns: an id that
// is not a UUID is "not found" before it reaches the server.
#pragma once

#include "server/store/pg_connection.hpp"
#include "server/store/store.hpp"

namespace salik::postgres_media {

void CreateMedia(PgConnection& conn, const StoredMedia& m);
std::optional<StoredMedia> FindMedia(PgConnection& conn, const std::string& id);
std::vector<StoredMedia> ListMedia(PgConnection& conn, MediaSubject subject, const std::string& subject_id);

}  // namespace salik::postgres_media
