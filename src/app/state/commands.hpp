// Side effects the reducer asks for; net/ and platform/ carry them out and answer with actions.
#pragma once

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "state/actions.hpp"
#include "state/player_commands.hpp"

namespace salik::app {

struct HttpCommand {
  Request request;
  std::string method;  // GET, POST, PATCH, DELETE
  std::string path;    // "/api/…"
  std::string body;    // JSON, empty for none
  std::string token;   // bearer token, empty for none
  std::string context;
};
struct StoreToken {
  std::string token;  // empty: forget it
};
struct SetHash {
  std::string hash;
};

// --- the realtime link (net/websocket_client): one socket per tab, at ws(s)://<page host>/api/ws.
// Opening closes any older socket; its events come back as SocketOpened / SocketText /
// SocketClosed carrying `generation`.
struct SocketConnect {
  int generation = 0;
};
struct SocketSend {
  int generation = 0;  // dropped unless that socket is the open one
  std::string text;
};
struct SocketClose {};  // closes the socket without reporting back
// A TimerFired{timer, token} after `ms`.
struct StartTimer {
  ChatTimer timer;
  int token = 0;
  int ms = 0;
};
// The outbox in localStorage under the user's own key; LoadOutbox answers with OutboxLoaded.
// Other tabs of the same user keep their own outboxes in the same key, so this is merged into
// what is stored rather than written over it (chat::MergeStoredOutbox).
struct StoreOutbox {
  std::string user_id;
  std::string json;                  // this tab's outbox; empty when it has nothing
  std::vector<std::string> dropped;  // client_ids this tab stored before and let go since (acked, removed)
  // The entries this tab last saw in storage (wrote, or read at load): client_id → the entry as
  // this tab had it then (chat::OutboxEntryJson). A waiting attachment or a refused message among
  // them that storage no longer holds was let go by another tab: it is not written back, and the
  // tab hears of it (OutboxTakenElsewhere). One this tab has not changed since, stored now in
  // another form, was changed by another tab: the stored form stays.
  std::map<std::string, std::string> synced;
};
struct LoadOutbox {
  std::string user_id;
};

using Command = std::variant<HttpCommand, StoreToken, SetHash, SocketConnect, SocketSend, SocketClose, StartTimer,
                             StoreOutbox, LoadOutbox,
                             // media uploads (media_upload_actions.hpp)
                             StartCapture, StopCapture, OpenFileDialog, UploadBlob, ReleaseBlob, DropAllMedia,
                             // the recording player (player_commands.hpp)
                             DecodeAudio, PlayAudio, StopAudio>;
using Commands = std::vector<Command>;

}  // namespace salik::app
