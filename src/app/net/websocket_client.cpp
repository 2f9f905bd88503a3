#include "net/websocket_client.hpp"

#include <emscripten/emscripten.h>
#include <emscripten/websocket.h>

#include <cstdlib>

extern "C" char* salik_websocket_url();

namespace salik::net {
namespace {

struct Socket {
  EMSCRIPTEN_WEBSOCKET_T handle = 0;
  int generation = 0;
  bool open = false;
  SocketEvents on_event;
};

Socket& S() {
  static Socket s;
  return s;
}

// Callbacks carry the generation as their user data: a callback of a replaced socket finds a
// different generation in S() and keeps quiet.
int GenerationOf(void* user) { return static_cast<int>(reinterpret_cast<intptr_t>(user)); }
bool Current(void* user) { return S().handle && S().generation == GenerationOf(user); }

EM_BOOL OnOpen(int, const EmscriptenWebSocketOpenEvent*, void* user) {
  if (!Current(user)) return EM_TRUE;
  S().open = true;
  S().on_event(app::SocketOpened{GenerationOf(user)});
  return EM_TRUE;
}

EM_BOOL OnMessage(int, const EmscriptenWebSocketMessageEvent* e, void* user) {
  if (!Current(user) || !e->isText || e->numBytes == 0) return EM_TRUE;
  // Text arrives NUL-terminated; numBytes counts the NUL.
  std::string text(reinterpret_cast<const char*>(e->data), e->numBytes - 1);
  S().on_event(app::SocketText{GenerationOf(user), std::move(text)});
  return EM_TRUE;
}

EM_BOOL OnError(int, const EmscriptenWebSocketErrorEvent*, void*) {
  return EM_TRUE;  // a close event always follows; that one is reported
}

EM_BOOL OnClose(int, const EmscriptenWebSocketCloseEvent* e, void* user) {
  if (!Current(user)) return EM_TRUE;
  Socket& s = S();
  int generation = s.generation;
  emscripten_websocket_delete(s.handle);
  s.handle = 0;
  s.open = false;
  // The reconnect's jitter is random: made here, carried in the action.
  s.on_event(app::SocketClosed{generation, e->code, static_cast<double>(emscripten_random())});
  return EM_TRUE;
}

}  // namespace

void OpenSocket(int generation, SocketEvents on_event) {
  CloseSocket();
  Socket& s = S();
  s.generation = generation;
  s.on_event = std::move(on_event);
  char* url = salik_websocket_url();
  EmscriptenWebSocketCreateAttributes attr;
  emscripten_websocket_init_create_attributes(&attr);
  attr.url = url;
  attr.createOnMainThread = EM_TRUE;
  EMSCRIPTEN_WEBSOCKET_T handle = emscripten_websocket_new(&attr);
  std::free(url);
  if (handle <= 0) {
    // No socket at all (a malformed URL, or no WebSocket in this browser): report a close so the
    // reducer backs off and tries again.
    s.on_event(app::SocketClosed{generation, 1006, static_cast<double>(emscripten_random())});
    return;
  }
  s.handle = handle;
  void* user = reinterpret_cast<void*>(static_cast<intptr_t>(generation));
  emscripten_websocket_set_onopen_callback(handle, user, OnOpen);
  emscripten_websocket_set_onmessage_callback(handle, user, OnMessage);
  emscripten_websocket_set_onerror_callback(handle, user, OnError);
  emscripten_websocket_set_onclose_callback(handle, user, OnClose);
}

bool SendOnSocket(int generation, const std::string& text) {
  Socket& s = S();
  if (!s.handle || !s.open || s.generation != generation) return false;
  return emscripten_websocket_send_utf8_text(s.handle, text.c_str()) == EMSCRIPTEN_RESULT_SUCCESS;
}

void CloseSocket() {
  Socket& s = S();
  if (!s.handle) return;
  EMSCRIPTEN_WEBSOCKET_T handle = s.handle;
  s.handle = 0;
  s.open = false;
  emscripten_websocket_close(handle, 1000, "");
  emscripten_websocket_delete(handle);  // drops its callbacks: nothing is reported
}

}  // namespace salik::net
