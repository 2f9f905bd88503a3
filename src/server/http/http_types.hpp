// Plain request and response values, so handlers never see Beast or Asio.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace salik {

struct HttpRequest {
  std::string method;     // "GET", "POST", …
  std::string target;     // as received: path and query, still percent-encoded
  std::string path;       // percent-decoded path, without the query
  std::map<std::string, std::string> query;    // decoded; the first of repeated keys wins
  std::map<std::string, std::string> headers;  // lower-case names; repeats joined with ", "
  std::string body;       // empty for a streamed upload: see body_file
  std::string remote_ip;
  // A streamed upload (a route marked with RouteOptions::upload_limit): the body is in this temp
  // file under the data folder, never in memory. The listener deletes the file after the handler
  // returns, so a handler that keeps the bytes moves (renames) the file away.
  std::filesystem::path body_file;
  uint64_t body_file_size = 0;

  // The header's value, or "" when absent; `name` is lower-case.
  const std::string& Header(const std::string& name) const;
  // The query parameter's value, or nullptr when absent.
  const std::string* Query(const std::string& name) const;
};

// Part of a file on disk sent as the body: the listener streams it in pieces, so a 50 MB video
// never sits in memory. The file must not change while it is sent (media files never do).
struct FileSlice {
  std::filesystem::path path;
  uint64_t offset = 0;
  uint64_t length = 0;
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::optional<FileSlice> file;  // when set, the body is this slice and `body` is ignored

  void SetHeader(std::string name, std::string value);
  // The first header with that name (case-insensitive), or nullptr.
  const std::string* FindHeader(std::string_view name) const;
};

}  // namespace salik
