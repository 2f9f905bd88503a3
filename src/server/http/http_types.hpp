// Plain request and response values, so handlers never see Beast or Asio.
#pragma once

#include <map>
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
  std::string body;
  std::string remote_ip;

  // The header's value, or "" when absent; `name` is lower-case.
  const std::string& Header(const std::string& name) const;
  // The query parameter's value, or nullptr when absent.
  const std::string* Query(const std::string& name) const;
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void SetHeader(std::string name, std::string value);
  // The first header with that name (case-insensitive), or nullptr.
  const std::string* FindHeader(std::string_view name) const;
};

}  // namespace salik
