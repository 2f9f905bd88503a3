#include "server/http/router.hpp"

#include <algorithm>
#include <optional>

#include "server/http/responses.hpp"
#include "server/util/ids.hpp"

namespace salik {
namespace {

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 1;  // paths begin with '/'
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool IsParam(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// The captured parameters when the shape matches (literal segments equal, same count).
std::optional<std::vector<std::string>> Match(const std::vector<std::string>& pattern,
                                              const std::vector<std::string>& path) {
  if (pattern.size() != path.size()) return std::nullopt;
  std::vector<std::string> params;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (IsParam(pattern[i])) {
      if (path[i].empty()) return std::nullopt;
      params.push_back(path[i]);
    } else if (pattern[i] != path[i]) {
      return std::nullopt;
    }
  }
  return params;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, RouteHandler handler, RouteOptions options) {
  auto segments = SplitPath(pattern);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments), std::move(handler), options});
}

std::optional<uint64_t> Router::UploadLimit(const HttpRequest& req) const {
  auto path = SplitPath(req.path);
  if (path.size() > 1 && path.back().empty()) path.pop_back();
  for (const auto& route : routes_)
    if (route.method == req.method && Match(route.segments, path)) return route.options.upload_limit;
  return std::nullopt;
}

HttpResponse Router::Dispatch(AppContext& ctx, const HttpRequest& req) const {
  auto path = SplitPath(req.path);
  // A trailing slash names the same resource: "/api/issues/" is "/api/issues".
  if (path.size() > 1 && path.back().empty()) path.pop_back();
  // HEAD is GET without the body: the listener sends the headers (length included) only.
  const std::string& method = req.method == "HEAD" ? std::string("GET") : req.method;
  std::vector<std::string> allowed;
  for (const auto& route : routes_) {
    auto params = Match(route.segments, path);
    if (!params) continue;
    if (route.method != method) {
      if (std::find(allowed.begin(), allowed.end(), route.method) == allowed.end())
        allowed.push_back(route.method);
      continue;
    }
    for (const auto& p : *params)
      if (!LooksLikeUuid(p)) return ErrorResponse(NotFound());
    return route.handler(RouteRequest{ctx, req, std::move(*params)});
  }
  if (!allowed.empty()) {
    auto res = ErrorResponse({405, "method_not_allowed", "That method is not allowed here.", {}});
    std::string allow;
    for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
    res.SetHeader("Allow", allow);
    return res;
  }
  return ErrorResponse({404, "route_not_found", "There is no such API endpoint.", {}});
}

std::vector<RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  for (const auto& r : routes_) out.push_back({r.method, r.pattern});
  return out;
}

}  // namespace salik
