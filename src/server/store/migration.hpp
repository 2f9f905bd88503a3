// A schema change. Each backend keeps an ordered list; a database records the versions it has
// applied in schema_migrations, and Migrate() applies the rest, each in its own transaction.
// Released migrations are never edited: a change is a new, higher version.
#pragma once

#include <vector>

namespace salik {

struct Migration {
  int version;
  const char* name;
  const char* sql;  // one or more statements, no parameters
};

}  // namespace salik
