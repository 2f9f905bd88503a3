#include "server/app/front_door.hpp"

#include <iostream>

#include "server/app/api_routes.hpp"
#include "server/http/client_address.hpp"
#include "server/http/responses.hpp"
#include "server/http/target.hpp"

namespace salik {
namespace {

bool IsApiPath(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

}  // namespace

FrontDoor::FrontDoor(AppContext& ctx)
    : ctx_(ctx), router_(BuildApiRouter()), static_files_(ctx.config.web_root) {}

HttpResponse FrontDoor::Handle(const HttpRequest& req) {
  try {
    if (IsPathTraversal(req)) return ErrorResponse(BadPath());
    if (!IsApiPath(req.path)) return static_files_.Serve(req);
    // Health checks (load balancers, the test harness) do not use up a client's allowance.
    if (req.path != "/api/health")
      if (auto retry = ctx_.api_limiter.TryAcquire(ClientAddress(req, ctx_.config.trusted_proxies)))
        return RateLimitedResponse(*retry);
    return router_.Dispatch(ctx_, req);
  } catch (const std::exception& e) {
    std::cerr << "error: " << req.method << ' ' << req.path << ": " << e.what() << std::endl;
  } catch (...) {
    std::cerr << "error: " << req.method << ' ' << req.path << ": unknown exception" << std::endl;
  }
  return ErrorResponse(InternalError());
}

}  // namespace salik
