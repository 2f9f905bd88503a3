#include "server/conversations/message_handlers.hpp"

#include <exception>
#include <iostream>
#include <nlohmann/json.hpp>

#include "server/app/context.hpp"
#include "server/auth/sessions.hpp"
#include "server/conversations/chat_input.hpp"
#include "server/conversations/chat_media.hpp"
#include "server/conversations/conversation_access.hpp"
#include "server/conversations/conversation_view.hpp"
#include "server/http/json_body.hpp"
#include "server/http/responses.hpp"
#include "server/util/clock.hpp"
#include "server/util/ids.hpp"

namespace salik {
namespace {

using nlohmann::json;

HttpResponse ListMessages(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  auto c = ConversationForParticipant(r.ctx, user.value(), r.params[0]);
  if (!c) return ErrorResponse(c.error());
  auto page = ParseMessagePageQuery(r.http);
  if (!page) return ErrorResponse(page.error());

  // One more than asked tells whether older messages remain.
  auto messages = r.ctx.store.ListMessagesBefore(c->id, page->before_seq, page->limit + 1);
  bool has_more = static_cast<int>(messages.size()) > page->limit;
  if (has_more) messages.resize(page->limit);
  AttachMedia(r.ctx.store, r.ctx.media.get(), messages);
  json items = json::array();
  for (const auto& m : messages) items.push_back(MessageView(m, c.value(), user->id));
  return JsonResponse(200, json{{"items", std::move(items)}, {"has_more", has_more}});
}

// The conversation as it is right after `m` was appended, for the realtime hub.
Conversation AfterAppend(Conversation c, const Message& m) {
  c.last_seq = m.seq;
  c.last_message = MessagePreview(m.content, m.message_type);
  c.last_message_at = m.created_at;
  if (m.sender_id == c.customer_id) c.customer_read_seq = m.seq;
  if (m.sender_id == c.mechanic_id) c.mechanic_read_seq = m.seq;
  return c;
}

// The message is stored whatever the hub does; a failing hub must not turn that into a 500
// (the client would resend and get the stored one, but the others would still miss it).
void TellHub(const AppContext& ctx, const Conversation& c, const Message& m) {
  if (!ctx.on_message) return;
  try {
    ctx.on_message(AfterAppend(c, m), m);
  } catch (const std::exception& e) {
    std::cerr << "error: message " << m.id << " stored but not broadcast: " << e.what() << std::endl;
  }
}

HttpResponse PostMessage(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  auto c = ConversationForParticipant(r.ctx, user.value(), r.params[0]);
  if (!c) return ErrorResponse(c.error());
  auto body = ReadJsonBody(r.http);
  if (!body) return ErrorResponse(body.error());
  auto in = ParseNewMessage(body.value());
  if (!in) return ErrorResponse(in.error());
  std::string message_type = "text";
  if (!in->media_id.empty()) {
    auto type = MessageTypeForMedia(r.ctx.store, c->id, user->id, in->media_id);
    if (!type) return ErrorResponse(type.error());
    message_type = type.value();
  }
  // Counted only for messages that would be stored; shared with the WebSocket hub.
  if (auto retry = r.ctx.message_limiter.TryAcquire(user->id))
    return RateLimitedResponse(*retry, "You can send up to " + std::to_string(r.ctx.config.message_rate_per_minute) +
                                           " messages a minute. Please wait a moment.");

  Message m;
  m.id = NewTimeOrderedUuid();
  m.conversation_id = c->id;
  m.sender_id = user->id;
  m.client_id = std::move(in->client_id);
  m.content = std::move(in->content);
  m.message_type = std::move(message_type);
  m.media_id = std::move(in->media_id);
  m.created_at = NowUtc();
  auto results = r.ctx.store.AppendMessages({m});
  if (results.size() != 1) return ErrorResponse(InternalError());
  AppendResult& stored = results.front();
  if (stored.media_missing) return ErrorResponse(AttachmentRemoved());
  AttachMedia(r.ctx.store, r.ctx.media.get(), stored.message);
  if (stored.created) TellHub(r.ctx, c.value(), stored.message);
  // A resend of a stored client_id answers the original, so a retry never doubles a message.
  return JsonResponse(stored.created ? 201 : 200, MessageView(stored.message, c.value(), user->id));
}

HttpResponse EditMessage(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  auto m = r.ctx.store.FindMessage(r.params[0]);
  if (!m) return ErrorResponse(NotFound("We could not find that message."));
  auto c = ConversationForParticipant(r.ctx, user.value(), m->conversation_id);
  if (!c) return ErrorResponse(c.error());
  if (auto denied = CanEditMessage(user.value(), *m, r.ctx.config.edit_window)) return ErrorResponse(*denied);
  auto body = ReadJsonBody(r.http);
  if (!body) return ErrorResponse(body.error());
  auto content = ParseMessageEdit(body.value());
  if (!content) return ErrorResponse(content.error());

  if (!r.ctx.store.EditMessage(m->id, content.value(), NowUtc()))
    return ErrorResponse(NotFound("We could not find that message."));
  auto edited = r.ctx.store.FindMessage(m->id);
  if (!edited) return ErrorResponse(NotFound("We could not find that message."));
  AttachMedia(r.ctx.store, r.ctx.media.get(), *edited);
  NotifyHub(r.ctx.on_message_edited, "message edit", c.value(), *edited);
  return JsonResponse(200, MessageView(*edited, c.value(), user->id));
}

}  // namespace

void RegisterMessageHandlers(Router& router) {
  router.Add("GET", "/api/conversations/{id}/messages", ListMessages);
  router.Add("POST", "/api/conversations/{id}/messages", PostMessage);
  router.Add("PATCH", "/api/messages/{id}", EditMessage);
}

}  // namespace salik
