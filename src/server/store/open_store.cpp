#include <string_view>

#include "server/store/store.hpp"

namespace salik {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

std::unique_ptr<Store> OpenStore(const std::string& url) {
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) return OpenPostgresStore(url);
  constexpr std::string_view kSqlite = "sqlite://";
  // "sqlite:///abs/file.db" keeps its leading slash; "sqlite://rel/file.db" is relative.
  std::string path = StartsWith(url, kSqlite) ? url.substr(kSqlite.size()) : url;
  if (path.empty()) throw StoreError("store: no database file named in '" + url + "'");
  if (path.find("://") != std::string::npos) throw StoreError("store: unsupported database URL scheme");
  return OpenSqliteStore(path);
}

}  // namespace salik
