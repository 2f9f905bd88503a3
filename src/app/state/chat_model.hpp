// Pure rules over the chat state, shared by the chat reducers and the chat screens: merging
// messages, unread counts, receipts (ticks), the reconnect backoff and the outbox's stored form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "state/chat_state.hpp"

namespace salik::app::chat {

constexpr int kBackoffBaseMs = 1000;
constexpr int kBackoffCapMs = 30000;
constexpr int kHeartbeatMs = 25000;    // a ping when the link has been quiet this long
constexpr int kTypingIdleMs = 3000;    // "stopped typing" after this long without an edit
constexpr int kPeerTypingMs = 6000;    // the other party's indicator fades if no "stop" arrives
constexpr int kResendMs = 5000;        // after a rate-limit refusal
constexpr int kPageSize = 50;         // the newest page
constexpr int kOlderPageSize = 100;   // pages further back (the API's maximum)

// The delay before reconnect attempt number `failures` (1, 2, …): doubling from 1 s, capped at
// 30 s, of which the upper half is spread by `jitter` in [0, 1).
int BackoffMs(int failures, double jitter);

// Inserts `m` at its seq, or replaces the stored one (an edit); false when nothing changed.
bool MergeMessage(std::vector<Message>& messages, const Message& m);
// Whether `me` may still edit `m` at `now_ms`: their own, stored message inside the server's edit
// window, less a margin so that a save started at the last moment is not refused on arrival.
constexpr int kEditMarginSeconds = 20;
bool CanEdit(const Message& m, const std::string& me, int64_t now_ms);
// The newest hole in a run of seqs: load `count` messages before `before`. None when contiguous.
struct Gap {
  int64_t before = 0;
  int count = 0;
};
std::optional<Gap> NewestGap(const std::vector<Message>& messages);

Conversation* Find(ChatState& c, const std::string& conversation_id);
const Conversation* Find(const ChatState& c, const std::string& conversation_id);
// Adds or refreshes a conversation from the server, never moving seqs or read marks backwards
// (a live frame may be newer than a REST answer). Keeps the list in activity order.
void Upsert(ChatState& c, const Conversation& incoming);
void SortByActivity(std::vector<Conversation>& list);
// Raises `user_id`'s read mark in `c` to `seq`; false when it was already there.
bool RaiseReadMark(Conversation& c, const std::string& user_id, int64_t seq);
int64_t ReadMarkOf(const Conversation& c, const std::string& user_id);

int64_t TotalUnread(const ChatState& c);
// The other participant's name and id, for the viewer.
std::string OtherName(const Conversation& c, const std::string& me);
std::string OtherId(const Conversation& c, const std::string& me);

// Receipts on one's own messages: a clock while unacknowledged, ✓ stored, ✓✓ delivered (the
// other party has been online since it was stored), ✓✓ in colour once they read it.
enum class Tick { Pending, Failed, Sent, Delivered, Read };
Tick TickFor(const Message& m, const Conversation& c, const Presence* other, const std::string& me);

// The open conversation's messages still in the outbox, in sending order (not those held, nor
// those waiting for their upload).
std::vector<const OutboxEntry*> PendingFor(const ChatState& c, const std::string& conversation_id);
// The other party's presence as far as this tab knows it now: none while the link is down (what
// was last heard may no longer hold, so "Online" is not shown then).
const Presence* CurrentPresence(const ChatState& c, const std::string& user_id);
// Its uploaded attachments waiting in the composer for Send.
std::vector<const OutboxEntry*> HeldFor(const ChatState& c, const std::string& conversation_id);
// The caption Send gave an attachment still uploading (upload `upload_id`); empty when it has
// none or Send was not pressed.
std::string CaptionWaitingFor(const ChatState& c, int upload_id);

std::string OutboxToJson(const std::vector<OutboxEntry>& outbox);
// One entry as OutboxToJson writes it: two tabs' copies compare equal when they are.
std::string OutboxEntryJson(const OutboxEntry& e);
// Tolerant: entries that are not well-formed are dropped.
std::vector<OutboxEntry> OutboxFromJson(const std::string& json);
// What a tab writes to localStorage: the stored outbox (other tabs' entries too) without the
// entries this tab let go (`dropped`), with this tab's entries (`mine`) in place of their stored
// copies and its new ones after. `synced` is what this tab last saw stored (StoreOutbox::synced):
// a waiting attachment or refused message of `mine` among it that is stored no more was sent,
// removed or deleted by another tab: it is not written back but listed in taken_elsewhere; an
// entry of `mine` unchanged since, stored in another form, keeps the stored form (another tab
// changed it) and is listed in changed_elsewhere. Neither rule applies when `stored` is unreadable. `json` is empty when nothing is
// left (the key is then removed).
struct MergedOutbox {
  std::string json;
  std::vector<std::string> taken_elsewhere;
  std::vector<OutboxEntry> changed_elsewhere;  // entries of `mine` kept in their stored form
};
MergedOutbox MergeStoredOutbox(const std::string& stored, const std::string& mine, const std::vector<std::string>& dropped,
                               const std::map<std::string, std::string>& synced);

bool IsReady(const ChatState& c);

}  // namespace salik::app::chat
