#pragma once

#include <vector>

#include "server/store/migration.hpp"

namespace salik {

// The SQLite schema, oldest migration first. Times are TEXT "YYYY-MM-DDTHH:MM:SS.mmmZ" (sortable),
// booleans 0/1, money INTEGER fils, specializations a JSON array.
const std::vector<Migration>& SqliteMigrations();

}  // namespace salik
