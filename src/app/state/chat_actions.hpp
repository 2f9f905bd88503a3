// Chat actions: what the user asks for in a conversation, and what the WebSocket, the browser's
// network status, timers and localStorage report. Anything random (client ids, reconnect jitter)
// is made by the runtime and carried in here, so the reducers stay pure.
#pragma once

#include <string>

#include "state/chat_state.hpp"

namespace salik::app {

// --- user intents
// From a response card (car owner, with the mechanic) or an issue page (mechanic, no mechanic_id).
struct OpenChatWith {
  std::string issue_id;
  std::string mechanic_id;
};
struct ComposerEdited {};  // the open conversation's draft changed (drives the typing indicator)
struct SendChatMessage {
  std::string client_id;  // random: filled in by the runtime (app::Dispatch) when left empty
};
struct RetryChatMessage {
  std::string client_id;
};
// A message the server refused for good is not to be sent after all: it leaves the outbox, and an
// attachment it carried is deleted on the server.
struct DiscardChatMessage {
  std::string client_id;
};
// An uploaded attachment waiting in the composer is not to be sent after all.
struct RemoveHeldAttachment {
  std::string client_id;
};
struct LoadOlderMessages {};
// The open conversation shows its newest message (seq): mark it read.
struct ChatSawNewest {
  int64_t seq = 0;
};
struct ShareContactDetails {};  // the car owner engages the mechanic: contact details unmasked
// Editing one of the user's own messages while the server still allows it (ChatLimits).
struct StartEditingMessage {
  std::string message_id;
};
struct SaveEditedMessage {};  // sends OpenConversation::edit_draft
struct CancelEditingMessage {};

// --- the runtime reporting back
struct SocketOpened {
  int generation = 0;
};
struct SocketText {
  int generation = 0;
  std::string text;
};
struct SocketClosed {
  int generation = 0;
  int code = 0;
  double jitter = 0;  // uniform in [0, 1): spreads reconnects of many tabs after a server restart
};
struct NetworkChanged {
  bool online = true;
};
struct TimerFired {
  ChatTimer timer;
  int token = 0;
};
struct OutboxLoaded {
  std::string user_id;
  std::string json;  // as StoreOutbox wrote it; empty when nothing was stored
};
// Another tab sent or removed these waiting attachments, or deleted these refused messages: this
// tab drops its copies too.
struct OutboxTakenElsewhere {
  std::string user_id;
  std::vector<std::string> client_ids;
};
// Another tab changed these entries (a caption and Send for a shared waiting photo) while this tab
// did not: storage kept their new forms, and this tab takes them too.
struct OutboxChangedElsewhere {
  std::string user_id;
  std::vector<OutboxEntry> entries;  // as stored
};

}  // namespace salik::app
