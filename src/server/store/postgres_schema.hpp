#pragma once

#include <vector>

#include "server/store/migration.hpp"

namespace salik {

// The PostgreSQL schema, oldest migration first. Times are TIMESTAMPTZ, read back through
// salik_utc_text() as "YYYY-MM-DDTHH:MM:SS.mmmZ"; money BIGINT fils; specializations TEXT[].
const std::vector<Migration>& PostgresMigrations();

}  // namespace salik
