// Every request comes through here: refuse climbing paths, rate-limit and route /api/*, serve
// the web app for the rest, and turn any escaped exception into a 500 that keeps serving.
#pragma once

#include "server/app/context.hpp"
#include "server/http/http_types.hpp"
#include "server/http/router.hpp"
#include "server/http/static_files.hpp"

namespace salik {

class FrontDoor {
 public:
  explicit FrontDoor(AppContext& ctx);
  HttpResponse Handle(const HttpRequest& req);

 private:
  AppContext& ctx_;
  Router router_;
  StaticFiles static_files_;
};

}  // namespace salik
