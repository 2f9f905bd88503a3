#include "state/chat_model.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/time_text.hpp"

namespace salik::app::chat {

int BackoffMs(int failures, double jitter) {
  int64_t base = kBackoffBaseMs;
  for (int i = 1; i < failures && base < kBackoffCapMs; ++i) base *= 2;
  base = std::min<int64_t>(base, kBackoffCapMs);
  jitter = std::clamp(jitter, 0.0, 1.0);
  // "Equal jitter": never sooner than half the step, so a dead server is not hammered.
  return static_cast<int>(base / 2 + static_cast<int64_t>(jitter * static_cast<double>(base / 2)));
}

bool MergeMessage(std::vector<Message>& messages, const Message& m) {
  if (m.seq <= 0) return false;
  auto it = std::lower_bound(messages.begin(), messages.end(), m.seq,
                             [](const Message& a, int64_t seq) { return a.seq < seq; });
  if (it != messages.end() && it->seq == m.seq) {
    // The same message again (a replay, the ack and the broadcast): only an edit changes it.
    if (it->content == m.content && it->edited_at == m.edited_at) return false;
    // A copy from before an edit (a stale page, a slow replay) never undoes the edit.
    if (m.edited_at < it->edited_at) return false;
    *it = m;
    return true;
  }
  messages.insert(it, m);
  return true;
}

bool CanEdit(const Message& m, const std::string& me, int64_t now_ms) {
  if (m.sender_id != me || m.id.empty()) return false;
  auto sent = ParseUtcMillis(m.created_at);
  return sent && now_ms - *sent < (ChatLimits::kEditWindowSeconds - kEditMarginSeconds) * int64_t{1000};
}

std::optional<Gap> NewestGap(const std::vector<Message>& messages) {
  for (size_t i = messages.size(); i-- > 1;) {
    int64_t missing = messages[i].seq - messages[i - 1].seq - 1;
    if (missing > 0) return Gap{messages[i].seq, static_cast<int>(std::min<int64_t>(missing, 100))};
  }
  return std::nullopt;
}

Conversation* Find(ChatState& c, const std::string& id) {
  for (auto& conv : c.conversations)
    if (conv.id == id) return &conv;
  return nullptr;
}

const Conversation* Find(const ChatState& c, const std::string& id) {
  for (const auto& conv : c.conversations)
    if (conv.id == id) return &conv;
  return nullptr;
}

void SortByActivity(std::vector<Conversation>& list) {
  auto key = [](const Conversation& c) -> const std::string& {
    return c.last_message_at.empty() ? c.created_at : c.last_message_at;
  };
  std::stable_sort(list.begin(), list.end(), [&](const Conversation& a, const Conversation& b) { return key(a) > key(b); });
}

void Upsert(ChatState& c, const Conversation& in) {
  if (in.id.empty()) return;
  Conversation* have = Find(c, in.id);
  if (!have) {
    c.conversations.push_back(in);
  } else {
    Conversation old = *have;
    *have = in;
    if (old.last_seq > in.last_seq) {
      have->last_seq = old.last_seq;
      have->last_message = old.last_message;
      have->last_message_at = old.last_message_at;
    }
    have->customer_read_seq = std::max(old.customer_read_seq, in.customer_read_seq);
    have->mechanic_read_seq = std::max(old.mechanic_read_seq, in.mechanic_read_seq);
    if (in.engaged_at.empty()) have->engaged_at = old.engaged_at;
  }
  int64_t& seen = c.seen_seq[in.id];
  seen = std::max(seen, in.last_seq);
  SortByActivity(c.conversations);
}

int64_t ReadMarkOf(const Conversation& c, const std::string& user_id) {
  if (user_id == c.customer_id) return c.customer_read_seq;
  if (user_id == c.mechanic_id) return c.mechanic_read_seq;
  return 0;
}

bool RaiseReadMark(Conversation& c, const std::string& user_id, int64_t seq) {
  int64_t* mark = user_id == c.customer_id ? &c.customer_read_seq : user_id == c.mechanic_id ? &c.mechanic_read_seq : nullptr;
  if (!mark || *mark >= seq) return false;
  *mark = seq;
  return true;
}

int64_t TotalUnread(const ChatState& c) {
  int64_t total = 0;
  for (const auto& conv : c.conversations) total += UnreadFor(conv, c.user_id);
  return total;
}

std::string OtherName(const Conversation& c, const std::string& me) {
  return me == c.customer_id ? c.mechanic_name : c.customer_name;
}

std::string OtherId(const Conversation& c, const std::string& me) { return OtherParticipant(c, me); }

Tick TickFor(const Message& m, const Conversation& c, const Presence* other, const std::string& me) {
  if (m.seq <= 0) return Tick::Pending;
  if (ReadMarkOf(c, OtherParticipant(c, me)) >= m.seq) return Tick::Read;
  if (other) {
    if (other->online) return Tick::Delivered;
    auto seen = ParseUtcMillis(other->last_seen);
    auto stored = ParseUtcMillis(m.created_at);
    if (seen && stored && *seen >= *stored) return Tick::Delivered;
  }
  return Tick::Sent;
}

namespace {
std::vector<const OutboxEntry*> OutboxOf(const ChatState& c, const std::string& conversation_id, bool held) {
  std::vector<const OutboxEntry*> out;
  for (const auto& e : c.outbox)
    if (e.conversation_id == conversation_id && e.held == held && e.upload_id == 0) out.push_back(&e);
  return out;
}
}  // namespace

std::vector<const OutboxEntry*> PendingFor(const ChatState& c, const std::string& conversation_id) {
  return OutboxOf(c, conversation_id, false);
}

std::vector<const OutboxEntry*> HeldFor(const ChatState& c, const std::string& conversation_id) {
  return OutboxOf(c, conversation_id, true);
}

const Presence* CurrentPresence(const ChatState& c, const std::string& user_id) {
  if (!IsReady(c)) return nullptr;
  auto it = c.presence.find(user_id);
  return it == c.presence.end() ? nullptr : &it->second;
}

std::string CaptionWaitingFor(const ChatState& c, int upload_id) {
  for (const auto& e : c.outbox)
    if (upload_id != 0 && e.upload_id == upload_id) return e.content;
  return {};
}

namespace {

nlohmann::json EntryToJson(const OutboxEntry& e) {
  nlohmann::json j{{"client_id", e.client_id}, {"conversation_id", e.conversation_id}, {"content", e.content}};
  if (!e.error.empty()) j["error"] = e.error;
  if (!e.media_id.empty()) j["media_id"] = e.media_id;
  if (e.media) j["media"] = *e.media;
  if (e.held) j["held"] = true;
  return j;
}

}  // namespace

std::string OutboxToJson(const std::vector<OutboxEntry>& outbox) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : outbox)
    if (e.upload_id == 0) list.push_back(EntryToJson(e));
  return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string OutboxEntryJson(const OutboxEntry& e) {
  return EntryToJson(e).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<OutboxEntry> OutboxFromJson(const std::string& text) {
  std::vector<OutboxEntry> out;
  auto list = nlohmann::json::parse(text, nullptr, false);
  if (!list.is_array()) return out;
  auto str = [](const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  for (const auto& j : list) {
    if (!j.is_object()) continue;
    OutboxEntry e;
    e.client_id = str(j, "client_id");
    e.conversation_id = str(j, "conversation_id");
    e.content = str(j, "content");
    e.error = str(j, "error");
    e.media_id = str(j, "media_id");
    auto held = j.find("held");
    e.held = held != j.end() && held->is_boolean() && held->get<bool>() && !e.media_id.empty();
    if (auto media = j.find("media"); media != j.end() && media->is_object() && !e.media_id.empty()) {
      try {
        e.media = media->get<Media>();
      } catch (const nlohmann::json::exception&) {
        // drawn as a plain attachment row; the media_id is what gets sent
      }
    }
    if (e.client_id.empty() || e.conversation_id.empty() || (e.content.empty() && e.media_id.empty())) continue;
    out.push_back(std::move(e));
  }
  return out;
}

MergedOutbox MergeStoredOutbox(const std::string& stored, const std::string& mine, const std::vector<std::string>& dropped,
                               const std::map<std::string, std::string>& synced) {
  std::vector<OutboxEntry> ours = OutboxFromJson(mine);
  std::set<std::string> gone(dropped.begin(), dropped.end());
  // What is stored says nothing about other tabs when it cannot be read.
  bool readable = stored.empty() || nlohmann::json::parse(stored, nullptr, false).is_array();
  static const std::map<std::string, std::string> kNothingSeen;
  const std::map<std::string, std::string>& seen_stored = readable ? synced : kNothingSeen;
  MergedOutbox out;
  std::map<std::string, const OutboxEntry*> ours_by_id;
  for (const auto& e : ours) ours_by_id.emplace(e.client_id, &e);
  std::vector<OutboxEntry> merged;
  std::set<std::string> placed;
  for (auto& e : OutboxFromJson(stored)) {
    if (gone.count(e.client_id) || !placed.insert(e.client_id).second) continue;
    auto own = ours_by_id.find(e.client_id);
    if (own == ours_by_id.end()) {
      merged.push_back(std::move(e));
      continue;
    }
    // This tab's copy as it last synced it, stored now in another form: another tab changed it
    // since, and this tab did not.
    auto seen = seen_stored.find(e.client_id);
    bool changed_elsewhere = seen != seen_stored.end() && OutboxEntryJson(*own->second) == seen->second &&
                             OutboxEntryJson(e) != seen->second;
    if (changed_elsewhere) out.changed_elsewhere.push_back(e);
    merged.push_back(changed_elsewhere ? std::move(e) : *own->second);
  }
  for (const auto& e : ours) {
    if (placed.count(e.client_id)) continue;
    // Only what is never sent by itself is left out: a waiting attachment, or a message the server
    // refused (deleted in another tab). Anything else written back costs at most a resend the
    // server answers from its client_id, while losing it loses the user's words.
    if ((e.held || !e.error.empty()) && seen_stored.count(e.client_id)) {
      out.taken_elsewhere.push_back(e.client_id);
      continue;
    }
    placed.insert(e.client_id);
    merged.push_back(e);
  }
  if (!merged.empty()) out.json = OutboxToJson(merged);
  return out;
}

bool IsReady(const ChatState& c) { return c.link.phase == LinkPhase::Ready; }

}  // namespace salik::app::chat
