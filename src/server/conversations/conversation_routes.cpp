#include "server/conversations/conversation_routes.hpp"

#include "server/conversations/conversation_handlers.hpp"
#include "server/conversations/message_handlers.hpp"

namespace salik {

void RegisterConversationRoutes(Router& router) {
  RegisterConversationHandlers(router);
  RegisterMessageHandlers(router);
}

}  // namespace salik
