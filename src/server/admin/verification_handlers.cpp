#include "server/admin/verification_handlers.hpp"

#include <nlohmann/json.hpp>

#include "core/json_codecs.hpp"
#include "core/permissions.hpp"
#include "core/validation.hpp"
#include "server/app/context.hpp"
#include "server/app/paging.hpp"
#include "server/auth/sessions.hpp"
#include "server/http/json_body.hpp"
#include "server/http/responses.hpp"
#include "server/util/clock.hpp"
#include "server/util/ids.hpp"

namespace salik {
namespace {

using nlohmann::json;

HttpResponse VerifyMechanic(const RouteRequest& r) {
  auto admin = RequireUser(r.ctx, r.http);
  if (!admin) return ErrorResponse(admin.error());
  if (auto denied = CanVerifyMechanics(admin->role)) return ErrorResponse(*denied);
  auto body = ReadJsonBody(r.http);
  if (!body) return ErrorResponse(body.error());
  auto decision = ParseVerifyDecision(body.value());
  if (!decision) return ErrorResponse(decision.error());

  const std::string& id = r.params[0];
  bool verified = decision->decision == VerificationStatus::Verified;
  AuditEntry audit{NewUuid(), admin->id, verified ? "mechanic.verify" : "mechanic.reject", id,
                   decision->reason, NowUtc()};
  if (!r.ctx.store.SetVerification(id, decision.value(), audit))
    return ErrorResponse(NotFound("We could not find that mechanic."));
  auto updated = r.ctx.store.FindMechanic(id);
  if (!updated) return ErrorResponse(NotFound("We could not find that mechanic."));
  return JsonResponse(200, *updated);
}

HttpResponse VerificationQueue(const RouteRequest& r) {
  auto admin = RequireUser(r.ctx, r.http);
  if (!admin) return ErrorResponse(admin.error());
  if (auto denied = CanVerifyMechanics(admin->role)) return ErrorResponse(*denied);
  auto paging = ParsePaging(r.http);
  if (!paging) return ErrorResponse(paging.error());
  auto items = r.ctx.store.ListMechanics(VerificationStatus::Pending, paging->limit, paging->offset);
  return JsonResponse(200, json{{"items", items}, {"limit", paging->limit}, {"offset", paging->offset}});
}

}  // namespace

void RegisterVerificationRoutes(Router& router) {
  router.Add("POST", "/api/mechanics/{id}/verify", VerifyMechanic);
  router.Add("GET", "/api/admin/verification-queue", VerificationQueue);
}

}  // namespace salik
