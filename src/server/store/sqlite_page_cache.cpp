#include "server/store/sqlite_page_cache.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <new>

namespace salik {
namespace {

sqlite3_pcache_methods2 base_methods{};  // SQLite's default cache, read once when installing
std::atomic<uint64_t> forwarded{0};
std::atomic<uint64_t> skipped{0};
std::atomic<uint64_t> renumbered_to_temporary{0};
sqlite3_pcache_methods2 wrapped{};
bool installed = false;

// The page holding the lock bytes at offset 1 GiB: never part of a database's content, so the
// B-tree can borrow its number while it swaps two pages.
unsigned TemporaryPageNumber(int page_size) { return static_cast<unsigned>(0x40000000 / page_size) + 1; }

// One per connection, so only that connection's thread touches it.
struct Cache {
  sqlite3_pcache* base;
  unsigned temporary_key;
  unsigned bound = 0;    // every page present has a number <= bound, or the temporary number
  int on_temporary = 0;  // pages now carrying the temporary number
};

Cache* Of(sqlite3_pcache* p) { return reinterpret_cast<Cache*>(p); }

sqlite3_pcache* Create(int page_size, int extra, int purgeable) {
  sqlite3_pcache* base = base_methods.xCreate(page_size, extra, purgeable);
  if (!base) return nullptr;
  auto* cache = new (std::nothrow) Cache{base, TemporaryPageNumber(page_size)};
  if (!cache) {
    base_methods.xDestroy(base);
    return nullptr;
  }
  return reinterpret_cast<sqlite3_pcache*>(cache);
}

void SetSize(sqlite3_pcache* p, int pages) { base_methods.xCachesize(Of(p)->base, pages); }

int PageCount(sqlite3_pcache* p) { return base_methods.xPagecount(Of(p)->base); }

sqlite3_pcache_page* Fetch(sqlite3_pcache* p, unsigned key, int create) {
  Cache* cache = Of(p);
  sqlite3_pcache_page* page = base_methods.xFetch(cache->base, key, create);
  if (page) cache->bound = std::max(cache->bound, key);  // the temporary number too: never seen, but safe
  return page;
}

void Unpin(sqlite3_pcache* p, sqlite3_pcache_page* page, int discard) {
  base_methods.xUnpin(Of(p)->base, page, discard);
}

void Rekey(sqlite3_pcache* p, sqlite3_pcache_page* page, unsigned old_key, unsigned new_key) {
  Cache* cache = Of(p);
  base_methods.xRekey(cache->base, page, old_key, new_key);
  if (old_key == cache->temporary_key && cache->on_temporary > 0) --cache->on_temporary;
  if (new_key == cache->temporary_key) {
    ++cache->on_temporary;
    renumbered_to_temporary.fetch_add(1, std::memory_order_relaxed);
  } else {
    cache->bound = std::max(cache->bound, new_key);
  }
}

void Truncate(sqlite3_pcache* p, unsigned limit) {
  Cache* cache = Of(p);
  // Pages on the temporary number only matter when it is at or past `limit` (a database under
  // 1 GiB); in a larger one it lies inside the database and never needs dropping.
  if (cache->bound < limit && (cache->on_temporary == 0 || cache->temporary_key < limit)) {
    skipped.fetch_add(1, std::memory_order_relaxed);
    return;  // nothing at or past `limit`
  }
  base_methods.xTruncate(cache->base, limit);
  forwarded.fetch_add(1, std::memory_order_relaxed);
  if (limit > 0) cache->bound = std::min(cache->bound, limit - 1);
  if (cache->temporary_key >= limit) cache->on_temporary = 0;
}

void Destroy(sqlite3_pcache* p) {
  Cache* cache = Of(p);
  base_methods.xDestroy(cache->base);
  delete cache;
}

void Shrink(sqlite3_pcache* p) { base_methods.xShrink(Of(p)->base); }

}  // namespace

bool InstallSqlitePageCache() {
  static const bool done = [] {
    if (sqlite3_config(SQLITE_CONFIG_GETPCACHE2, &base_methods) != SQLITE_OK || !base_methods.xCreate) return false;
    wrapped.iVersion = 1;
    wrapped.pArg = base_methods.pArg;  // xInit and xShutdown are the default cache's own
    wrapped.xInit = base_methods.xInit;
    wrapped.xShutdown = base_methods.xShutdown;
    wrapped.xCreate = Create;
    wrapped.xCachesize = SetSize;
    wrapped.xPagecount = PageCount;
    wrapped.xFetch = Fetch;
    wrapped.xUnpin = Unpin;
    wrapped.xRekey = Rekey;
    wrapped.xTruncate = Truncate;
    wrapped.xDestroy = Destroy;
    wrapped.xShrink = Shrink;
    installed = sqlite3_config(SQLITE_CONFIG_PCACHE2, &wrapped) == SQLITE_OK;
    return installed;
  }();
  return done;
}

const sqlite3_pcache_methods2* SqlitePageCacheMethods() { return installed ? &wrapped : nullptr; }

SqlitePageCacheCounts SqlitePageCacheStats() {
  return {forwarded.load(std::memory_order_relaxed), skipped.load(std::memory_order_relaxed),
          renumbered_to_temporary.load(std::memory_order_relaxed)};
}

}  // namespace salik
