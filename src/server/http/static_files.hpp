// Serves the built web app from a folder: MIME types, gzip (cached in memory), ETag/304.
// Only regular files below the root; no listings, no dot-files.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "server/http/http_types.hpp"

namespace salik {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  // GET and HEAD; the caller has already refused paths with "..".
  HttpResponse Serve(const HttpRequest& req);

 private:
  struct CachedFile {
    std::filesystem::file_time_type mtime;
    uintmax_t size = 0;
    std::string etag;
    std::string content_type;
    std::shared_ptr<const std::string> bytes;
    std::shared_ptr<const std::string> gzipped;  // null when the type does not compress
  };
  std::shared_ptr<const CachedFile> Load(const std::filesystem::path& file);

  std::filesystem::path root_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const CachedFile>> cache_;
};

// "application/wasm" for "x.wasm", …; application/octet-stream when unknown.
std::string MimeTypeFor(const std::filesystem::path& file);

}  // namespace salik
