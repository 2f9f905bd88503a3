#include "server/ws/chat_socket.hpp"

#include "server/auth/sessions.hpp"
#include "server/http/responses.hpp"
#include "server/ws/origin_policy.hpp"

namespace salik::ws {

std::unique_ptr<Hub> StartHub(AppContext& ctx, int shards) {
  // The hello's token is checked exactly like a REST request's bearer token.
  Authenticator authenticate = [&ctx](const std::string& token) {
    HttpRequest req;
    req.headers["authorization"] = "Bearer " + token;
    return RequireUser(ctx, req);
  };
  auto hub = std::make_unique<Hub>(ctx.store, ctx.message_limiter, std::move(authenticate), shards);
  Hub* h = hub.get();
  ctx.on_message = [h](const Conversation& c, const Message& m) { h->Publish(c, m); };
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
  return route;
}

}  // namespace salik::ws
