#include "server/conversations/conversation_handlers.hpp"

#include <nlohmann/json.hpp>

#include "server/app/context.hpp"
#include "server/auth/sessions.hpp"
#include "server/conversations/chat_input.hpp"
#include "server/conversations/conversation_access.hpp"
#include "server/conversations/conversation_view.hpp"
#include "server/http/json_body.hpp"
#include "server/http/responses.hpp"
#include "server/util/clock.hpp"
#include "server/util/ids.hpp"

namespace salik {
namespace {

using nlohmann::json;

// Who the conversation is with, checked against the issue: the owner names a mechanic who
// responded; a mechanic who responded opens it with the owner. The mechanic's id on success.
Expected<std::string> ChatPartnerMechanic(AppContext& ctx, const Profile& user, const Issue& issue,
                                          const OpenConversationInput& in) {
  if (user.role == Role::Mechanic) {
    if (!in.mechanic_id.empty() && in.mechanic_id != user.id)
      return Forbidden("A mechanic can only open their own conversation.");
    if (!HasResponded(ctx, issue.id, user.id))
      return Forbidden("Respond to this issue before you open a conversation about it.");
    return user.id;
  }
  if (issue.customer_id != user.id) return Forbidden("You can only open conversations about your own issues.");
  if (in.mechanic_id.empty()) return BadRequest("missing_field", "mechanic_id is required.", "mechanic_id");
  auto mechanic = ctx.store.FindUser(in.mechanic_id);
  if (!mechanic || mechanic->role != Role::Mechanic) return NotFound("We could not find that mechanic.");
  if (!HasResponded(ctx, issue.id, in.mechanic_id))
    return Forbidden("You can chat with a mechanic once they have responded to your issue.");
  return in.mechanic_id;
}

HttpResponse OpenConversation(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  if (user->role == Role::Admin) return ErrorResponse(Forbidden("Admins do not open chats."));
  auto body = ReadJsonBody(r.http);
  if (!body) return ErrorResponse(body.error());
  auto in = ParseOpenConversation(body.value());
  if (!in) return ErrorResponse(in.error());
  auto issue = r.ctx.store.FindIssue(in->issue_id);
  if (!issue) return ErrorResponse(NotFound("We could not find that issue."));
  auto mechanic_id = ChatPartnerMechanic(r.ctx, user.value(), *issue, in.value());
  if (!mechanic_id) return ErrorResponse(mechanic_id.error());

  NewConversation fresh{NewUuid(), issue->id, issue->customer_id, mechanic_id.value(), NowUtc()};
  Conversation c = r.ctx.store.OpenConversation(fresh);
  if (c.id == fresh.id) NotifyHub(r.ctx.on_conversation, "new conversation", c);
  // One per mechanic per issue: the store answers the existing one when there is one.
  return JsonResponse(c.id == fresh.id ? 201 : 200, ConversationView(r.ctx.store, c, user->id));
}

HttpResponse ListConversations(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  json items = json::array();
  for (const auto& c : r.ctx.store.ListConversations(user->id))
    items.push_back(ConversationView(r.ctx.store, c, user->id));
  return JsonResponse(200, json{{"items", std::move(items)}});
}

HttpResponse GetConversation(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  auto c = ConversationForParticipant(r.ctx, user.value(), r.params[0]);
  if (!c) return ErrorResponse(c.error());
  return JsonResponse(200, ConversationView(r.ctx.store, c.value(), user->id));
}

HttpResponse EngageMechanic(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  auto c = ConversationForParticipant(r.ctx, user.value(), r.params[0]);
  if (!c) return ErrorResponse(c.error());
  if (auto denied = CanEngage(user.value(), c.value())) return ErrorResponse(*denied);
  // Only the first engagement is recorded; engaging again answers the same conversation.
  if (c->engaged_at.empty() && !r.ctx.store.SetEngaged(c->id, NowUtc()))
    return ErrorResponse(NotFound("We could not find that conversation."));
  auto updated = r.ctx.store.FindConversation(c->id);
  if (!updated) return ErrorResponse(NotFound("We could not find that conversation."));
  NotifyHub(r.ctx.on_conversation, "engagement", *updated);
  return JsonResponse(200, ConversationView(r.ctx.store, *updated, user->id));
}

}  // namespace

void RegisterConversationHandlers(Router& router) {
  router.Add("POST", "/api/conversations", OpenConversation);
  router.Add("GET", "/api/conversations", ListConversations);
  router.Add("GET", "/api/conversations/{id}", GetConversation);
  router.Add("POST", "/api/conversations/{id}/engage", EngageMechanic);
}

}  // namespace salik
