#include "server/http/static_files.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/api_error.hpp"
#include "server/http/gzip.hpp"
#include "server/http/responses.hpp"

namespace salik {
namespace {

namespace fs = std::filesystem;

constexpr uintmax_t kMaxCachedFileBytes = 64 * 1024 * 1024;

struct MimeEntry {
  const char* extension;
  const char* type;
  bool compressible;
};

constexpr MimeEntry kMimeTypes[] = {
    {".html", "text/html; charset=utf-8", true},
    {".js", "text/javascript; charset=utf-8", true},
    {".mjs", "text/javascript; charset=utf-8", true},
    {".css", "text/css; charset=utf-8", true},
    {".json", "application/json", true},
    {".webmanifest", "application/manifest+json", true},
    {".wasm", "application/wasm", true},
    {".map", "application/json", true},
    {".txt", "text/plain; charset=utf-8", true},
    {".svg", "image/svg+xml", true},
    {".ttf", "font/ttf", true},
    {".otf", "font/otf", true},
    {".woff", "font/woff", false},
    {".woff2", "font/woff2", false},
    {".png", "image/png", false},
    {".jpg", "image/jpeg", false},
    {".jpeg", "image/jpeg", false},
    {".webp", "image/webp", false},
    {".gif", "image/gif", false},
    {".ico", "image/x-icon", true},
    {".wav", "audio/wav", true},
    {".webm", "video/webm", false},
    {".mp3", "audio/mpeg", false},
    {".mp4", "video/mp4", false},
};

const MimeEntry* FindMime(const fs::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const auto& m : kMimeTypes)
    if (ext == m.extension) return &m;
  return nullptr;
}

bool AcceptsGzip(const HttpRequest& req) {
  std::string accept = req.Header("accept-encoding");
  std::transform(accept.begin(), accept.end(), accept.begin(), [](unsigned char c) { return std::tolower(c); });
  // "gzip;q=0" explicitly refuses it.
  size_t at = accept.find("gzip");
  if (at == std::string::npos) return false;
  size_t end = accept.find(',', at);
  std::string item = accept.substr(at, end == std::string::npos ? std::string::npos : end - at);
  item.erase(std::remove(item.begin(), item.end(), ' '), item.end());
  return item.find("q=0") == std::string::npos || item.find("q=0.") != std::string::npos;
}

// True when the If-None-Match list names this ETag (or is "*").
bool EtagMatches(const std::string& if_none_match, const std::string& etag) {
  if (if_none_match.empty()) return false;
  if (if_none_match == "*") return true;
  std::string weak = "W/" + etag;
  std::stringstream list(if_none_match);
  std::string item;
  while (std::getline(list, item, ',')) {
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (item == etag || item == weak) return true;
  }
  return false;
}

bool HasHiddenSegment(const std::string& path) {
  return path.find("/.") != std::string::npos;
}

}  // namespace

std::string MimeTypeFor(const fs::path& file) {
  const MimeEntry* m = FindMime(file);
  return m ? m->type : "application/octet-stream";
}

StaticFiles::StaticFiles(fs::path root) : root_(std::move(root)) {}

std::shared_ptr<const StaticFiles::CachedFile> StaticFiles::Load(const fs::path& file) {
  std::error_code ec;
  auto status = fs::status(file, ec);
  if (ec || !fs::is_regular_file(status)) return nullptr;
  auto mtime = fs::last_write_time(file, ec);
  if (ec) return nullptr;
  auto size = fs::file_size(file, ec);
  if (ec || size > kMaxCachedFileBytes) return nullptr;

  std::string key = file.string();
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(key);
    if (it != cache_.end() && it->second->mtime == mtime && it->second->size == size) return it->second;
  }

  std::ifstream in(file, std::ios::binary);
  if (!in) return nullptr;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto entry = std::make_shared<CachedFile>();
  entry->mtime = mtime;
  entry->size = size;
  const MimeEntry* mime = FindMime(file);
  entry->content_type = mime ? mime->type : "application/octet-stream";
  if (mime && mime->compressible && bytes.size() > 256) entry->gzipped = std::make_shared<std::string>(Gzip(bytes));
  char etag[64];
  std::snprintf(etag, sizeof etag, "\"%zx-%llx\"", bytes.size(),
                static_cast<unsigned long long>(mtime.time_since_epoch().count()));
  entry->etag = etag;
  entry->bytes = std::make_shared<std::string>(std::move(bytes));

  std::lock_guard lock(mutex_);
  cache_[key] = entry;
  return entry;
}

HttpResponse StaticFiles::Serve(const HttpRequest& req) {
  if (req.method != "GET" && req.method != "HEAD") {
    auto res = ErrorResponse({405, "method_not_allowed", "That method is not allowed here.", {}});
    res.SetHeader("Allow", "GET, HEAD");
    return res;
  }
  std::string rel = req.path == "/" ? "/index.html" : req.path;
  if (HasHiddenSegment(rel) || rel.find('\\') != std::string::npos) return ErrorResponse(NotFound());
  auto entry = Load(root_ / rel.substr(1));
  if (!entry) return ErrorResponse(NotFound("There is no such page."));

  bool gzip = entry->gzipped && AcceptsGzip(req);
  // The two encodings are different bytes, so they get different validators.
  std::string etag = gzip ? entry->etag.substr(0, entry->etag.size() - 1) + "-gz\"" : entry->etag;

  HttpResponse res;
  res.SetHeader("Cache-Control", "no-cache");
  res.SetHeader("ETag", etag);
  res.SetHeader("X-Content-Type-Options", "nosniff");
  if (entry->gzipped) res.SetHeader("Vary", "Accept-Encoding");
  if (EtagMatches(req.Header("if-none-match"), etag)) {
    res.status = 304;
    return res;
  }
  res.status = 200;
  res.SetHeader("Content-Type", entry->content_type);
  if (gzip) res.SetHeader("Content-Encoding", "gzip");
  res.body = gzip ? *entry->gzipped : *entry->bytes;
  return res;
}

}  // namespace salik
