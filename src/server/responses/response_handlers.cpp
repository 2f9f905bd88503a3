#include "server/responses/response_handlers.hpp"

#include <nlohmann/json.hpp>

#include "core/json_codecs.hpp"
#include "core/permissions.hpp"
#include "core/validation.hpp"
#include "server/app/context.hpp"
#include "server/auth/sessions.hpp"
#include "server/http/json_body.hpp"
#include "server/http/responses.hpp"
#include "server/issues/issue_access.hpp"
#include "server/util/clock.hpp"
#include "server/util/ids.hpp"

namespace salik {
namespace {

using nlohmann::json;

MechanicResponse NewResponse(const Issue& issue, const MechanicProfile& mechanic, ResponseInput in) {
  MechanicResponse r;
  r.id = NewUuid();
  r.issue_id = issue.id;
  r.mechanic_id = mechanic.id;
  r.mechanic_name = mechanic.full_name;
  r.mechanic_rating = mechanic.rating_avg;
  r.mechanic_rating_count = mechanic.rating_count;
  r.mechanic_verified = mechanic.verification_status == VerificationStatus::Verified;
  r.initial_diagnosis = std::move(in.initial_diagnosis);
  r.estimated_cost_min = in.estimated_cost_min;
  r.estimated_cost_max = in.estimated_cost_max;
  r.estimated_fix_time = std::move(in.estimated_fix_time);
  r.confidence_level = in.confidence_level;
  r.needs_video_call = in.needs_video_call;
  r.created_at = NowUtc();
  return r;
}

HttpResponse CreateResponse(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  std::optional<MechanicProfile> mechanic;
  if (user->role == Role::Mechanic) mechanic = r.ctx.store.FindMechanic(user->id);
  auto status = mechanic ? mechanic->verification_status : VerificationStatus::Pending;
  if (auto denied = CanRespond(user->role, status)) return ErrorResponse(*denied);
  if (!mechanic) return ErrorResponse(InternalError());  // a verified mechanic always has a profile

  auto issue = r.ctx.store.FindIssue(r.params[0]);
  if (!issue) return ErrorResponse(NotFound("We could not find that issue."));
  if (auto denied = CanSeeIssue(user.value(), *issue)) return ErrorResponse(*denied);
  if (issue->status != IssueStatus::Open && issue->status != IssueStatus::InProgress)
    return ErrorResponse(Conflict("issue_not_open", "This issue is no longer taking responses."));

  auto body = ReadJsonBody(r.http);
  if (!body) return ErrorResponse(body.error());
  auto in = ParseResponseInput(body.value());
  if (!in) return ErrorResponse(in.error());

  MechanicResponse response = NewResponse(*issue, *mechanic, std::move(in.value()));
  if (!r.ctx.store.CreateResponse(response))
    return ErrorResponse(Conflict("already_responded", "You have already responded to this issue."));
  return JsonResponse(201, response);
}

HttpResponse ListResponses(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  auto issue = r.ctx.store.FindIssue(r.params[0]);
  if (!issue) return ErrorResponse(NotFound("We could not find that issue."));
  if (auto denied = CanSeeIssue(user.value(), *issue)) return ErrorResponse(*denied);
  return JsonResponse(200, json{{"items", r.ctx.store.ListResponses(issue->id)}});
}

}  // namespace

void RegisterResponseRoutes(Router& router) {
  router.Add("POST", "/api/issues/{id}/responses", CreateResponse);
  router.Add("GET", "/api/issues/{id}/responses", ListResponses);
}

}  // namespace salik
