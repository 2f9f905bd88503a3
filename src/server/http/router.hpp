// Maps "METHOD /api/pattern/{id}" to handlers. Path parameters are UUIDs in this API, so a
// parameter that is not one answers 404 before any handler runs. The table is built without a
// context (so `salik-server --routes` prints it without a database); each request brings one.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "server/http/http_types.hpp"

namespace salik {

struct AppContext;  // server/app/context.hpp: what handlers work with

struct RouteRequest {
  AppContext& ctx;
  const HttpRequest& http;
  std::vector<std::string> params;  // the {…} segments of the pattern, in order
};

using RouteHandler = std::function<HttpResponse(const RouteRequest&)>;

struct RouteOptions {
  // Set for a streaming upload: the listener writes the body to a temp file as it arrives (see
  // HttpRequest::body_file) and refuses it with 413 past this many bytes, from Content-Length
  // before reading when the client sends one.
  std::optional<uint64_t> upload_limit;
};

struct RouteInfo {
  std::string method;
  std::string pattern;  // OpenAPI style: /api/issues/{id}
};

class Router {
 public:
  void Add(std::string method, std::string pattern, RouteHandler handler, RouteOptions options = {});
  // 404 route_not_found when no pattern matches the path, 405 method_not_allowed (with an
  // Allow header) when one does but not for this method.
  HttpResponse Dispatch(AppContext& ctx, const HttpRequest& req) const;
  // Every route served, for `salik-server --routes` and the test that holds it to the OpenAPI file.
  std::vector<RouteInfo> Routes() const;
  // The upload limit of the route this request (method and decoded path) goes to, when that
  // route is a streaming upload; the listener asks before it reads the body.
  std::optional<uint64_t> UploadLimit(const HttpRequest& req) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    RouteHandler handler;
    RouteOptions options;
  };
  std::vector<Route> routes_;
};

}  // namespace salik
