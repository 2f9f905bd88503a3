#include "server/store/append_plan.hpp"

#include <algorithm>
#include <set>
#include <string_view>

namespace salik {

std::vector<std::string> ConversationIds(const std::vector<Message>& batch) {
  std::set<std::string> ids;
  for (const Message& m : batch) ids.insert(m.conversation_id);
  return {ids.begin(), ids.end()};
}

std::vector<ClientKey> ClientKeys(const std::vector<Message>& batch) {
  std::set<ClientKey> keys;
  for (const Message& m : batch)
    if (!m.client_id.empty()) keys.insert(KeyOf(m));
  return {keys.begin(), keys.end()};
}

std::vector<std::string> MediaIds(const std::vector<Message>& batch) {
  std::set<std::string> ids;
  for (const Message& m : batch)
    if (!m.media_id.empty()) ids.insert(m.media_id);
  return {ids.begin(), ids.end()};
}

AppendPlan PlanAppend(const std::vector<Message>& batch, std::map<std::string, SeqState> state,
                      const std::map<ClientKey, Message>& stored, const std::set<std::string>& present_media) {
  // This runs under the store's write lock for every chat message, so it copies no strings it
  // can point at: the maps below hold views into plan.results, which is reserved up front and
  // never reallocates.
  using KeyView = std::tuple<std::string_view, std::string_view, std::string_view>;
  AppendPlan plan;
  plan.results.reserve(batch.size());
  std::map<std::string_view, size_t> advance_of;  // conversation → index in plan.advances
  std::map<KeyView, size_t> made;                 // key → index in plan.results: a repeat inside the batch is a resend too

  for (const Message& in : batch) {
    bool keyed = !in.client_id.empty();
    if (keyed) {
      if (auto it = made.find(KeyView{in.conversation_id, in.sender_id, in.client_id}); it != made.end()) {
        plan.results.push_back({plan.results[it->second].message, false});
        continue;
      }
      if (auto it = stored.find(KeyOf(in)); it != stored.end()) {
        plan.results.push_back({it->second, false});
        continue;
      }
    }
    auto conv = state.find(in.conversation_id);
    if (conv == state.end()) throw StoreError("append: no conversation " + in.conversation_id);
    if (!in.media_id.empty() && !present_media.count(in.media_id)) {
      // Inserting it would fail the foreign key and with it the whole group commit.
      plan.results.push_back({in, false, true});
      continue;
    }

    plan.results.push_back({in, true});
    Message& m = plan.results.back().message;
    m.seq = ++conv->second.last_seq;
    // Times never go back along seq: a message stamped before the one stored ahead of it (the
    // REST and WebSocket paths stamp before they queue, and clocks step) takes that one's time,
    // so the newest message's time is also the conversation's latest.
    if (m.created_at < conv->second.last_message_at) m.created_at = conv->second.last_message_at;
    conv->second.last_message_at = m.created_at;
    m.edited_at.clear();
    if (m.message_type.empty()) m.message_type = "text";
    size_t index = plan.results.size() - 1;
    plan.inserts.push_back(index);
    if (keyed) made.emplace(KeyView{m.conversation_id, m.sender_id, m.client_id}, index);

    auto [slot, fresh] = advance_of.try_emplace(m.conversation_id, plan.advances.size());
    if (fresh) plan.advances.push_back(SeqAdvance{m.conversation_id, 0, {}, 0, 0});
    SeqAdvance& a = plan.advances[slot->second];
    a.last_seq = m.seq;
    a.last_message_at = m.created_at;  // never earlier than the message before it
    if (m.sender_id == conv->second.customer_id) a.customer_read_seq = m.seq;
    if (m.sender_id == conv->second.mechanic_id) a.mechanic_read_seq = m.seq;
  }
  return plan;
}

}  // namespace salik
