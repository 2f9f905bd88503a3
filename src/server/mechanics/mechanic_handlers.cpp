#include "server/mechanics/mechanic_handlers.hpp"

#include <nlohmann/json.hpp>

#include "core/json_codecs.hpp"
#include "core/validation.hpp"
#include "server/app/context.hpp"
#include "server/app/paging.hpp"
#include "server/auth/sessions.hpp"
#include "server/http/json_body.hpp"
#include "server/http/responses.hpp"
#include "server/util/clock.hpp"

namespace salik {
namespace {

using nlohmann::json;

ApiError MechanicNotFound() { return NotFound("We could not find that mechanic."); }

// Everybody sees verified mechanics; a pending or rejected profile only to itself and admins.
bool CanSeeMechanic(const std::optional<Profile>& viewer, const MechanicProfile& m) {
  if (m.verification_status == VerificationStatus::Verified) return true;
  return viewer && (viewer->id == m.id || viewer->role == Role::Admin);
}

HttpResponse ListMechanics(const RouteRequest& r) {
  auto viewer = OptionalUser(r.ctx, r.http);
  if (!viewer) return ErrorResponse(viewer.error());
  auto paging = ParsePaging(r.http);
  if (!paging) return ErrorResponse(paging.error());
  auto items = r.ctx.store.ListMechanics(VerificationStatus::Verified, paging->limit, paging->offset);
  return JsonResponse(200, json{{"items", items}, {"limit", paging->limit}, {"offset", paging->offset}});
}

HttpResponse GetMechanic(const RouteRequest& r) {
  auto viewer = OptionalUser(r.ctx, r.http);
  if (!viewer) return ErrorResponse(viewer.error());
  auto mechanic = r.ctx.store.FindMechanic(r.params[0]);
  if (!mechanic || !CanSeeMechanic(viewer.value(), *mechanic)) return ErrorResponse(MechanicNotFound());
  return JsonResponse(200, *mechanic);
}

HttpResponse PatchMechanic(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  const std::string& id = r.params[0];
  if (user->role != Role::Mechanic || user->id != id)
    return ErrorResponse(Forbidden("You can only edit your own mechanic profile."));
  auto body = ReadJsonBody(r.http);
  if (!body) return ErrorResponse(body.error());
  auto patch = ParseMechanicProfilePatch(body.value());
  if (!patch) return ErrorResponse(patch.error());
  if (!r.ctx.store.UpdateMechanicProfile(id, patch.value(), NowUtc())) return ErrorResponse(MechanicNotFound());
  auto updated = r.ctx.store.FindMechanic(id);
  if (!updated) return ErrorResponse(MechanicNotFound());
  return JsonResponse(200, *updated);
}

}  // namespace

void RegisterMechanicRoutes(Router& router) {
  router.Add("GET", "/api/mechanics", ListMechanics);
  router.Add("GET", "/api/mechanics/{id}", GetMechanic);
  router.Add("PATCH", "/api/mechanics/{id}", PatchMechanic);
}

}  // namespace salik
