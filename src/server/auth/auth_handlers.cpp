#include "server/auth/auth_handlers.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/json_codecs.hpp"
#include "core/validation.hpp"
#include "server/app/context.hpp"
#include "server/auth/passwords.hpp"
#include "server/auth/sessions.hpp"
#include "server/http/json_body.hpp"
#include "server/http/responses.hpp"
#include "server/util/clock.hpp"
#include "server/util/ids.hpp"

namespace salik {
namespace {

using nlohmann::json;

// One message whether the email is unknown or the password wrong: no account probing.
ApiError InvalidCredentials() {
  return {401, "invalid_credentials", "That email and password do not match.", {}};
}

HttpResponse SignedIn(AppContext& ctx, int status, const Profile& user) {
  std::string token = StartSession(ctx, user.id);
  return JsonResponse(status, json{{"token", token}, {"user", user}});
}

HttpResponse Signup(const RouteRequest& r) {
  auto body = ReadJsonBody(r.http);
  if (!body) return ErrorResponse(body.error());
  auto in = ParseSignup(body.value());
  if (!in) return ErrorResponse(in.error());

  ApiError taken = Conflict("email_taken", "An account with this email already exists. Try signing in.");
  taken.field = "email";
  // Checked first to skip the costly hash; CreateUser still refuses a duplicate in a race.
  if (r.ctx.store.FindUserByEmail(in->email)) return ErrorResponse(taken);
  NewUser user{NewUuid(), in->email, HashPassword(in->password), in->full_name, in->city, in->role, NowUtc()};
  if (!r.ctx.store.CreateUser(user)) return ErrorResponse(taken);
  auto profile = r.ctx.store.FindUser(user.id);
  if (!profile) throw std::runtime_error("user missing right after CreateUser");
  return SignedIn(r.ctx, 201, *profile);
}

HttpResponse Login(const RouteRequest& r) {
  auto body = ReadJsonBody(r.http);
  if (!body) return ErrorResponse(body.error());
  auto in = ParseLogin(body.value());
  if (!in) {
    if (in.error().code == "invalid_credentials") return ErrorResponse(InvalidCredentials());
    return ErrorResponse(in.error());
  }
  auto user = r.ctx.store.FindUserByEmail(in->email);
  if (!user) {
    VerifyAgainstDummyHash(in->password);
    return ErrorResponse(InvalidCredentials());
  }
  if (!VerifyPassword(user->password_hash, in->password)) return ErrorResponse(InvalidCredentials());
  if (!user->profile.is_active) return ErrorResponse(Forbidden("This account is suspended. Contact SalikChat support."));
  return SignedIn(r.ctx, 200, user->profile);
}

HttpResponse Logout(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  r.ctx.store.DeleteSession(HashToken(*BearerToken(r.http)));
  NotifyHub(r.ctx.on_session_end, "logout", user->id, HashToken(*BearerToken(r.http)), "Signed out");
  return NoContentResponse();
}

HttpResponse Me(const RouteRequest& r) {
  auto user = RequireUser(r.ctx, r.http);
  if (!user) return ErrorResponse(user.error());
  json out = user.value();
  if (user->role == Role::Mechanic)
    if (auto mechanic = r.ctx.store.FindMechanic(user->id)) out["mechanic"] = *mechanic;
  return JsonResponse(200, out);
}

}  // namespace

void RegisterAuthRoutes(Router& router) {
  router.Add("POST", "/api/auth/signup", Signup);
  router.Add("POST", "/api/auth/login", Login);
  router.Add("POST", "/api/auth/logout", Logout);
  router.Add("GET", "/api/auth/me", Me);
}

}  // namespace salik
