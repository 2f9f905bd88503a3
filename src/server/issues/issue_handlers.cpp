#include "server/issues/issue_handlers.hpp"

#include <nlohmann/json.hpp>

#include "core/json_codecs.hpp"
#include "core/permissions.hpp"
#include "core/validation.hpp"
#include "server/app/context.hpp"
#include "server/auth/sessions.hpp"
#include "server/http/json_body.hpp"
#include "server/http/responses.hpp"
#include "server/issues/issue_access.hpp"
#include "server/issues/issue_list_query.hpp"
#include "server/media/media_service.hpp"
#include "server/util/clock.hpp"
#include "server/util/ids.hpp"

namespace salik {
namespace {

using nlohmann::json;

Issue NewIssue(const Profile& owner, IssueInput in) {
  Issue issue;
  issue.id = NewUuid();
  issue.customer_id = owner.id;
  issue.customer_name = owner.full_name;
  issue.title = std::move(in.title);
  issue.description = std::move(in.description);
  issue.car_make = std::move(in.car_make);
  issue.car_model = std::move(in.car_model);
  issue.car_year = in.car_year;
  issue.car_mileage = in.car_mileage;
  issue.category = in.category;
  issue.urgency = in.urgency;
  issue.status = IssueStatus::Open;
  issue.location_city = in.location_city.empty() ? owner.city : std::move(in.location_city);
  issue.budget_range = in.budget_range;
  issue.is_public = true;
  issue.created_at = NowUtc();
  issue.updated_at = issue.created_at;
  return issue;
}

HttpResponse CreateIssue(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  if (auto denied = CanPostIssue(user->role)) return ErrorResponse(*denied);
  auto body = ReadJsonBody(r.http);
  if (!body) return ErrorResponse(body.error());
  auto in = ParseIssueInput(body.value(), CurrentUtcYear());
  if (!in) return ErrorResponse(in.error());
  // Counted only for issues that would be saved, so a typo does not use up the hour's posts.
  if (auto retry = r.ctx.issue_limiter.TryAcquire(user->id))
    return RateLimitedResponse(*retry, "You can post up to " + std::to_string(r.ctx.config.issue_rate_per_hour) +
                                           " issues an hour. Please try again later.");

  Issue issue = NewIssue(user.value(), std::move(in.value()));
  r.ctx.store.CreateIssue(issue);
  auto saved = r.ctx.store.FindIssue(issue.id);
  return JsonResponse(201, saved ? *saved : issue);
}

HttpResponse ListIssues(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  auto filter = ParseIssueListQuery(r.http, user.value());
  if (!filter) return ErrorResponse(filter.error());
  IssuePage page = r.ctx.store.ListIssues(filter.value());
  return JsonResponse(200, json{{"items", page.items},
                                {"total", page.total},
                                {"limit", filter->limit},
                                {"offset", filter->offset}});
}

HttpResponse GetIssue(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  auto issue = r.ctx.store.FindIssue(r.params[0]);
  if (!issue) return ErrorResponse(NotFound("We could not find that issue."));
  if (auto denied = CanSeeIssue(user.value(), *issue)) return ErrorResponse(*denied);
  // Whoever may see the issue may play its recordings: each gets links signed for this answer.
  json body = *issue;
  body["media"] = r.ctx.media->PresentAll(r.ctx.store.ListMedia(MediaSubject::Issue, issue->id));
  return JsonResponse(200, body);
}

HttpResponse PatchIssue(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  auto issue = r.ctx.store.FindIssue(r.params[0]);
  if (!issue) return ErrorResponse(NotFound("We could not find that issue."));
  bool owner = issue->customer_id == user->id;
  // Staying put is always a valid move, so this asks only "may this person change it at all".
  if (auto denied = CanChangeIssueStatus(user->role, owner, issue->status, issue->status))
    return ErrorResponse(*denied);
  auto body = ReadJsonBody(r.http);
  if (!body) return ErrorResponse(body.error());
  auto status = ParseStatusPatch(body.value());
  if (!status) return ErrorResponse(status.error());
  if (auto denied = CanChangeIssueStatus(user->role, owner, issue->status, status.value()))
    return ErrorResponse(*denied);

  if (status.value() != issue->status && !r.ctx.store.UpdateIssueStatus(issue->id, status.value(), NowUtc()))
    return ErrorResponse(NotFound("We could not find that issue."));
  auto updated = r.ctx.store.FindIssue(issue->id);
  if (!updated) return ErrorResponse(NotFound("We could not find that issue."));
  return JsonResponse(200, *updated);
}

HttpResponse DeleteIssue(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  auto issue = r.ctx.store.FindIssue(r.params[0]);
  if (!issue) return ErrorResponse(NotFound("We could not find that issue."));
  if (auto denied = CanDeleteIssue(user->role, issue->customer_id == user->id)) return ErrorResponse(*denied);
  auto unused = r.ctx.store.DeleteIssue(issue->id);
  if (!unused) return ErrorResponse(NotFound("We could not find that issue."));
  // Its recordings, photos and videos go too; their links stop working with their rows.
  if (r.ctx.media) r.ctx.media->RemoveContent(r.ctx.store, *unused);
  return NoContentResponse();
}

}  // namespace

void RegisterIssueRoutes(Router& router) {
  router.Add("POST", "/api/issues", CreateIssue);
  router.Add("GET", "/api/issues", ListIssues);
  router.Add("GET", "/api/issues/{id}", GetIssue);
  router.Add("PATCH", "/api/issues/{id}", PatchIssue);
  router.Add("DELETE", "/api/issues/{id}", DeleteIssue);
}

}  // namespace salik
