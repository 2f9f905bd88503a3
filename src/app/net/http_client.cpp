#include "net/http_client.hpp"

#include <emscripten/fetch.h>

#include <cstring>
#include <memory>
#include <vector>

namespace salik::net {
namespace {

struct Pending {
  app::HttpCommand command;
  std::function<void(app::HttpDone)> on_done;
  std::vector<std::string> header_storage;
  std::vector<const char*> headers;
};

int g_in_flight = 0;

void Finish(emscripten_fetch_t* fetch) {
  std::unique_ptr<Pending> p(static_cast<Pending*>(fetch->userData));
  app::HttpDone done{p->command.request, fetch->status, std::string(fetch->data, fetch->numBytes), p->command.context};
  emscripten_fetch_close(fetch);
  --g_in_flight;
  p->on_done(std::move(done));
}

}  // namespace

void Send(const app::HttpCommand& command, std::function<void(app::HttpDone)> on_done) {
  auto* p = new Pending{command, std::move(on_done), {}, {}};
  p->header_storage = {"Accept", "application/json"};
  if (!command.body.empty()) p->header_storage.insert(p->header_storage.end(), {"Content-Type", "application/json"});
  if (!command.token.empty())
    p->header_storage.insert(p->header_storage.end(), {"Authorization", "Bearer " + command.token});
  for (const auto& h : p->header_storage) p->headers.push_back(h.c_str());
  p->headers.push_back(nullptr);

  emscripten_fetch_attr_t attr;
  emscripten_fetch_attr_init(&attr);
  std::strncpy(attr.requestMethod, command.method.c_str(), sizeof(attr.requestMethod) - 1);
  attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
  attr.requestHeaders = p->headers.data();
  if (!p->command.body.empty()) {
    attr.requestData = p->command.body.data();
    attr.requestDataSize = p->command.body.size();
  }
  attr.userData = p;
  attr.onsuccess = Finish;
  attr.onerror = Finish;  // HTTP errors (4xx/5xx) and network failures (status 0) alike
  attr.timeoutMSecs = 20000;
  ++g_in_flight;
  emscripten_fetch(&attr, command.path.c_str());
}

int InFlight() { return g_in_flight; }

}  // namespace salik::net
