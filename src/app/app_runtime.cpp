#include "app_runtime.hpp"

#include <emscripten/emscripten.h>

#include <cstdlib>

#include "net/http_client.hpp"
#include "platform/frame_scheduler.hpp"
#include "state/reduce.hpp"

extern "C" {
char* salik_storage_get(const char* key);
void salik_storage_set(const char* key, const char* value);
void salik_set_location_hash(const char* hash);
char* salik_get_location_hash();
}

namespace salik::app {
namespace {

constexpr const char* kTokenKey = "salikchat.token";

std::string TakeJsString(char* p) {
  if (!p) return {};
  std::string s(p);
  std::free(p);
  return s;
}

void Run(const Command& command) {
  if (auto* http = std::get_if<HttpCommand>(&command)) {
    net::Send(*http, [](HttpDone done) { Dispatch(done); });
  } else if (auto* store = std::get_if<StoreToken>(&command)) {
    salik_storage_set(kTokenKey, store->token.empty() ? nullptr : store->token.c_str());
  } else if (auto* hash = std::get_if<SetHash>(&command)) {
    salik_set_location_hash(hash->hash.c_str());
  }
}

}  // namespace

AppState& State() {
  static AppState state;
  return state;
}

void Dispatch(const Action& action) {
  for (const Command& c : Reduce(State(), action)) Run(c);
  platform::RequestFrames(3);
}

void StartApp() {
  Dispatch(AppStarted{TakeJsString(salik_storage_get(kTokenKey)), TakeJsString(salik_get_location_hash())});
}

}  // namespace salik::app

extern "C" EMSCRIPTEN_KEEPALIVE void salik_on_hash_change() {
  char* p = salik_get_location_hash();
  std::string hash = p ? p : "";
  std::free(p);
  salik::app::Dispatch(salik::app::Navigate{salik::app::FromHash(hash)});
}
