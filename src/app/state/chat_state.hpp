// The chat's part of the app state: the conversation list with its unread counts, the open
// conversation's messages, the outbox of unsent messages and the realtime link. Changed only by
// the chat reducers (reduce_chat.cpp for intents and REST answers, reduce_chat_link.cpp for the
// WebSocket); pure helpers over it are in chat_model.hpp.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/api_error.hpp"
#include "core/chat.hpp"
#include "core/media.hpp"

namespace salik::app {

// A message the user sent that the server has not acknowledged yet (or an uploaded attachment
// held for Send, see `held`). The outbox is kept in
// localStorage (per user) until the ack arrives and is resent with the same client_id after every
// reconnect and reload: the server stores a client_id once, so a resend never doubles a message.
struct OutboxEntry {
  std::string client_id;
  std::string conversation_id;
  std::string content;
  std::string error;  // refused for good by the server: shown, and resent only when the user retries
  int sent_on = 0;    // the link generation it was last sent on (not persisted)
  // An attachment, uploaded to the conversation before the message was queued: sent as media_id,
  // and drawn from `media` until the ack brings the stored message. Persisted with the entry.
  std::string media_id;
  std::optional<Media> media;
  // An uploaded attachment waiting in the composer for Send, which gives it the draft as its
  // caption. Not sent and not drawn as a bubble until then; persisted, so a reload keeps it.
  bool held = false;
  // Send was pressed while this attachment (an upload's id) was still uploading. The entry keeps
  // the message's place in the sending order, and its caption; it is filled in and goes out once
  // the upload finishes, and later entries of its conversation wait behind it, so nothing sent
  // after the photo overtakes it. Not drawn and not persisted (an upload does not outlive a reload).
  int upload_id = 0;
};

// The realtime link's life: Off (no chat yet) → Connecting → Greeting (hello sent) → Ready
// (welcome received) → after a close, Waiting (a reconnect timer runs) or Offline (the browser
// says the network is gone; the link comes back when it returns).
enum class LinkPhase { Off, Connecting, Greeting, Ready, Waiting, Offline };

struct Link {
  LinkPhase phase = LinkPhase::Off;
  int generation = 0;  // the socket the runtime holds; events from older sockets are ignored
  int failures = 0;    // closes since the last welcome: the backoff's exponent
  int retry_ms = 0;    // the delay of the pending reconnect
  bool browser_online = true;
  bool awaiting_pong = false;  // a ping went out and nothing has come back since
};

// Timers the chat asks the runtime for; each firing carries the token it was started with, and
// only the newest token of a kind counts (timers are never cancelled, just outdated).
enum class ChatTimer { Reconnect, Heartbeat, TypingIdle, PeerTyping, Resend };

struct Presence {
  bool online = false;
  std::string last_seen;  // ISO time; empty = unknown
};

struct OpenConversation {
  std::string id;
  std::vector<Message> messages;  // ascending by seq, each seq once
  bool loading = false;           // the newest page
  bool loaded = false;
  bool older_loading = false;
  bool has_more = false;  // older messages exist on the server
  bool gap_loading = false;
  std::optional<ApiError> error;
  std::string draft;  // the composer, edited in place by the screen
  std::string composer_error;
  // An edit of one of the user's own messages: the dialog's text, and its save in flight.
  std::string editing_id;  // empty: no edit dialog
  std::string edit_draft;
  std::string edit_error;
  bool edit_saving = false;
  bool typing_sent = false;  // we told the other party we are typing
  int version = 0;           // bumped whenever `messages` change: screens cache layout by it
};

struct ChatState {
  std::string user_id;  // whose chat this is; empty while no car owner or mechanic is signed in
  Link link;
  bool list_loading = false;
  bool list_loaded = false;
  std::optional<ApiError> list_error;
  std::vector<Conversation> conversations;  // most recent activity first
  std::vector<std::string> fetching;        // conversations asked for one by one (seen in a frame first)
  std::map<std::string, int64_t> seen_seq;  // conversation → highest seq known here: hello's resume
  std::vector<OutboxEntry> outbox;          // in the order the user sent them
  // The entries in localStorage as this tab last wrote or read them (after a read, other tabs'
  // too: this tab sends those as well), by client_id, each in the form this tab had it then. An
  // entry that has left this tab's outbox since is taken out of storage by its next write, and
  // nothing else is, so two tabs of one user never erase each other's unsent messages. A waiting
  // attachment or refused message of this tab's that storage lost since was let go by another tab:
  // its next write does not bring it back. An entry this tab has not changed since, stored in
  // another form, was changed by another tab (say, the caption it gave a shared attachment): this
  // tab's stale copy does not replace it (StoreOutbox::synced). Since localStorage has no atomic
  // update across tabs, two tabs writing at the same moment can still lose one's waiting
  // attachment (its upload stays on the server until the sweep).
  std::map<std::string, std::string> outbox_stored;
  std::map<std::string, int64_t> unsent_reads;  // read marks to send once the link is ready
  std::map<std::string, int> peer_typing;       // conversation → token of the timer that ends it
  std::map<std::string, Presence> presence;     // by user id
  OpenConversation open;
  std::string starting;  // a conversation being opened from a response card (its button is busy)
  std::optional<ApiError> start_error;
  std::optional<ApiError> error;  // the last error frame
  int next_token = 0;
  int typing_token = 0, heartbeat_token = 0, reconnect_token = 0, resend_token = 0;
  int revision = 0;  // bumped whenever something shown changes (app_runtime redraws on it)
};

}  // namespace salik::app
