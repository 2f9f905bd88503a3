#include "app_runtime.hpp"

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <cstdio>
#include <cstdlib>
#include <deque>

#include "bridge/audio_player.hpp"
#include "core/client_id.hpp"
#include "bridge/upload_bridge.hpp"
#include "net/http_client.hpp"
#include "net/websocket_client.hpp"
#include "platform/frame_scheduler.hpp"
#include "state/chat_model.hpp"
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

std::string OutboxKey(const std::string& user_id) { return "salikchat.outbox." + user_id; }

std::string TakeJsString(char* p) {
  if (!p) return {};
  std::string s(p);
  std::free(p);
  return s;
}

// A message's client id: the time it was typed, then 64 random bits from the browser's CSPRNG
// (core/client_id.hpp says why the time comes first).
std::string NewClientId() {
  uint64_t bits = 0;
  for (int i = 0; i < 2; ++i) {
    unsigned v = static_cast<unsigned>(EM_ASM_DOUBLE({ return crypto.getRandomValues(new Uint32Array(1))[0]; }));
    bits = (bits << 32) | v;
  }
  return TimeOrderedClientId(static_cast<int64_t>(emscripten_date_now()), bits);
}

void OnTimer(void* user) {
  TimerFired* fired = static_cast<TimerFired*>(user);
  TimerFired copy = *fired;
  delete fired;
  Dispatch(copy);
}

void Run(const Command& command) {
  if (bridge::RunMediaCommand(command)) return;  // recorder, files and uploads
  if (bridge::RunAudioCommand(command, [](const Action& a) { Dispatch(a); })) return;  // the recording player
  if (auto* http = std::get_if<HttpCommand>(&command)) {
    net::Send(*http, [](HttpDone done) { Dispatch(done); });
  } else if (auto* store = std::get_if<StoreToken>(&command)) {
    salik_storage_set(kTokenKey, store->token.empty() ? nullptr : store->token.c_str());
  } else if (auto* hash = std::get_if<SetHash>(&command)) {
    salik_set_location_hash(hash->hash.c_str());
  } else if (auto* connect = std::get_if<SocketConnect>(&command)) {
    net::OpenSocket(connect->generation, [](const Action& a) { Dispatch(a); });
  } else if (auto* send = std::get_if<SocketSend>(&command)) {
    net::SendOnSocket(send->generation, send->text);
  } else if (std::holds_alternative<SocketClose>(command)) {
    net::CloseSocket();
  } else if (auto* timer = std::get_if<StartTimer>(&command)) {
    emscripten_set_timeout(OnTimer, timer->ms, new TimerFired{timer->timer, timer->token});
  } else if (auto* outbox = std::get_if<StoreOutbox>(&command)) {
    // A write that did not land (storage disabled or full) leaves `synced` naming entries storage
    // never held; until a write lands again, no entry counts as taken or changed by another tab.
    static bool last_write_landed = true;
    std::string key = OutboxKey(outbox->user_id);
    auto merged = chat::MergeStoredOutbox(TakeJsString(salik_storage_get(key.c_str())), outbox->json, outbox->dropped,
                                          last_write_landed ? outbox->synced : std::map<std::string, std::string>{});
    salik_storage_set(key.c_str(), merged.json.empty() ? nullptr : merged.json.c_str());
    last_write_landed = TakeJsString(salik_storage_get(key.c_str())) == merged.json;
    if (!merged.taken_elsewhere.empty())
      Dispatch(OutboxTakenElsewhere{outbox->user_id, std::move(merged.taken_elsewhere)});
    if (!merged.changed_elsewhere.empty())
      Dispatch(OutboxChangedElsewhere{outbox->user_id, std::move(merged.changed_elsewhere)});
  } else if (auto* load = std::get_if<LoadOutbox>(&command)) {
    Dispatch(OutboxLoaded{load->user_id, TakeJsString(salik_storage_get(OutboxKey(load->user_id).c_str()))});
  }
}

// Link and timer events change nothing on screen most of the time (a heartbeat, a reconnect
// attempt): they redraw only when the chat says something shown changed, so an idle tab rests.
bool RedrawsOnlyOnChange(const Action& a) {
  return std::holds_alternative<SocketOpened>(a) || std::holds_alternative<SocketText>(a) ||
         std::holds_alternative<SocketClosed>(a) || std::holds_alternative<TimerFired>(a) ||
         std::holds_alternative<NetworkChanged>(a) || std::holds_alternative<OutboxLoaded>(a);
}

}  // namespace

AppState& State() {
  static AppState state;
  return state;
}

void Dispatch(const Action& action) {
  // Actions raised while one is being reduced (a command that answers at once, a screen's
  // dispatch inside a frame) wait their turn, so every action sees a whole state.
  static std::deque<Action> queue;
  static bool running = false;
  queue.push_back(action);
  if (auto* send = std::get_if<SendChatMessage>(&queue.back()); send && send->client_id.empty())
    send->client_id = NewClientId();
  if (running) return;
  running = true;
  bool redraw = false;
  while (!queue.empty()) {
    Action next = std::move(queue.front());
    queue.pop_front();
    int revision = State().chat.revision;
    for (const Command& c : Reduce(State(), next)) Run(c);
    redraw |= !RedrawsOnlyOnChange(next) || State().chat.revision != revision;
  }
  running = false;
  if (redraw) platform::RequestFrames(3);
}

void StartApp() {
  bridge::StartMediaBridges();
  Dispatch(AppStarted{TakeJsString(salik_storage_get(kTokenKey)), TakeJsString(salik_get_location_hash())});
  if (!EM_ASM_INT({ return navigator.onLine ? 1 : 0; })) Dispatch(NetworkChanged{false});
}

}  // namespace salik::app

extern "C" {
EMSCRIPTEN_KEEPALIVE void salik_on_hash_change() {
  char* p = salik_get_location_hash();
  std::string hash = p ? p : "";
  std::free(p);
  salik::app::Dispatch(salik::app::Navigate{salik::app::FromHash(hash)});
}
// The browser's online / offline events (web/platform.js).
EMSCRIPTEN_KEEPALIVE void salik_on_network(int online) { salik::app::Dispatch(salik::app::NetworkChanged{online != 0}); }
}
