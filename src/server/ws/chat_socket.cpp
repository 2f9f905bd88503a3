#include "server/ws/chat_socket.hpp"

#include "server/auth/sessions.hpp"
#include "server/http/responses.hpp"
#include "server/util/clock.hpp"
#include "server/ws/origin_policy.hpp"

namespace salik::ws {

std::unique_ptr<Hub> StartHub(AppContext& ctx, int shards, ClusterLink* link) {
  SessionChecks sessions;
  // The hello's token is checked exactly like a REST request's bearer token.
  sessions.authenticate = [&ctx](const std::string& token) {
    HttpRequest req;
    req.headers["authorization"] = "Bearer " + token;
    return RequireUser(ctx, req);
  };
  sessions.hash = [](const std::string& token) { return HashToken(token); };
  sessions.ended = [&ctx](const std::string& token_hash) -> std::optional<std::string> {
    auto user = ctx.store.FindSessionUser(token_hash, NowUtc());
    if (!user) return "Your session has ended. Please sign in again.";
    if (!user->is_active) return "This account is suspended.";
    return std::nullopt;
  };
  sessions.recheck_every = ctx.config.ws_session_check;
  auto hub = std::make_unique<Hub>(ctx.store, ctx.message_limiter, std::move(sessions), shards, link, ctx.media);
  Hub* h = hub.get();
  ctx.on_message = [h](const Conversation& c, const Message& m) { h->Publish(c, m); };
  ctx.on_message_edited = [h](const Conversation& c, const Message& m) { h->PublishEdit(c, m); };
  ctx.on_conversation = [h](const Conversation& c) { h->PublishConversation(c); };
  ctx.on_session_end = [h](const std::string& user_id, const std::string& token_hash, const std::string& reason) {
    h->EndSessions(user_id, token_hash, reason);
  };
  return hub;
}

WebSocketRoute ChatSocketRoute(AppContext& ctx, Hub& hub, uint16_t port) {
  OriginPolicy policy{ctx.config.allowed_origins, port};
  WebSocketRoute route;
  route.path = kChatSocketPath;
  route.admit = [policy](const HttpRequest& req) -> std::optional<HttpResponse> {
    if (OriginAllowed(policy, req.Header("origin"), req.Header("host"))) return std::nullopt;
    return ErrorResponse(Forbidden("This site may not open a chat connection to SalikChat."));
  };
  route.open = [&hub](std::shared_ptr<Connection> c) { return hub.Open(std::move(c)); };
  route.keep_alive = ctx.config.ws_keep_alive;
  return route;
}

}  // namespace salik::ws
