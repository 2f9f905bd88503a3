#include "server/app/system_handlers.hpp"

#include <nlohmann/json.hpp>

#include "server/app/context.hpp"
#include "server/app/openapi_text.hpp"
#include "server/http/responses.hpp"

namespace salik {
namespace {

HttpResponse Health(const RouteRequest& r) {
  // A real query, so "ok" means the database answers too; a failure becomes a 500.
  (void)r.ctx.store.AnyAdminExists();
  nlohmann::json body{{"status", "ok"}, {"database", r.ctx.database_kind}};
  if (!r.ctx.config.instance_id.empty()) body["instance"] = r.ctx.config.instance_id;  // several instances
  if (r.ctx.reaches_redis) body["redis"] = r.ctx.reaches_redis() ? "ok" : "unreachable";
  return JsonResponse(200, body);
}

HttpResponse OpenApi(const RouteRequest&) {
  HttpResponse res;
  res.SetHeader("Content-Type", "application/json; charset=utf-8");
  res.SetHeader("Cache-Control", "no-cache");
  res.body = std::string(OpenApiJson());
  return res;
}

}  // namespace

void RegisterSystemRoutes(Router& router) {
  router.Add("GET", "/api/health", Health);
  router.Add("GET", "/api/openapi.json", OpenApi);
}

}  // namespace salik
