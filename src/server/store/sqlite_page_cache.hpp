// SQLite's own page cache, wrapped so that a commit does not scan the whole cache for nothing.
//
// At the end of every transaction SQLite asks its page cache to drop pages past the end of the
// database. The default cache keeps the largest page number it has ever held and, when that is
// past the end, visits every bucket of its hash table (one per cached page: 8,192 with our 32 MB
// cache, roughly 70-100 us). B-tree balancing swaps two page numbers through a temporary one, the
// "pending byte" page (page 262,145 at 4 KB pages), which the database never uses; each swap
// leaves that number as the largest ever held, so the next commit scans everything. In the chat
// benchmark's open loop that was ~600 commits a second, about 4% of the server's CPU, inside the
// store's lock.
//
// The wrapper forwards every call to the default cache and keeps its own bound on the page
// numbers present: every page fetched or renumbered counts, except while it carries the
// temporary number. A drop request above that bound, with no page on the temporary number at or
// past its limit, has nothing to drop and is not forwarded.
#pragma once

#include <cstdint>

struct sqlite3_pcache_methods2;

namespace salik {

// Installs the wrapper; SQLite takes it only before its first use (the caller's job), and
// answers whether it did.
bool InstallSqlitePageCache();

// Since the process started (for tests and measurements): drop requests that reached the default
// cache, drop requests answered here, and pages given the temporary number.
struct SqlitePageCacheCounts {
  uint64_t truncations_forwarded = 0;
  uint64_t truncations_skipped = 0;
  uint64_t temporary_renumberings = 0;
};
SqlitePageCacheCounts SqlitePageCacheStats();

// The wrapper's methods, for tests that drive a cache directly; null until installed.
const sqlite3_pcache_methods2* SqlitePageCacheMethods();

}  // namespace salik
