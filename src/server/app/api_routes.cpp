#include "server/app/api_routes.hpp"

#include "server/admin/verification_handlers.hpp"
#include "server/app/system_handlers.hpp"
#include "server/auth/auth_handlers.hpp"
#include "server/conversations/conversation_routes.hpp"
#include "server/issues/issue_handlers.hpp"
#include "server/mechanics/mechanic_handlers.hpp"
#include "server/media/media_routes.hpp"
#include "server/responses/response_handlers.hpp"

namespace salik {

Router BuildApiRouter() {
  Router router;
  RegisterSystemRoutes(router);
  RegisterAuthRoutes(router);
  RegisterIssueRoutes(router);
  RegisterResponseRoutes(router);
  RegisterMechanicRoutes(router);
  RegisterVerificationRoutes(router);
  RegisterConversationRoutes(router);
  RegisterMediaRoutes(router);
  return router;
}

}  // namespace salik
