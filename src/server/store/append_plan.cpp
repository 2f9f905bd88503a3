#include "server/store/append_plan.hpp"

#include <algorithm>
#include <set>

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

AppendPlan PlanAppend(const std::vector<Message>& batch, const std::map<std::string, SeqState>& state,
                      const std::map<ClientKey, Message>& stored) {
  AppendPlan plan;
  plan.results.reserve(batch.size());
  std::map<std::string, SeqState> seqs = state;  // advanced as the batch assigns seqs
  std::map<std::string, size_t> advance_of;      // conversation → index in plan.advances
  std::map<ClientKey, Message> seen = stored;    // grows with the batch: a repeat inside it is a resend too

  for (const Message& in : batch) {
    bool keyed = !in.client_id.empty();
    if (keyed) {
      auto it = seen.find(KeyOf(in));
      if (it != seen.end()) {
        plan.results.push_back({it->second, false});
        continue;
      }
    }
    auto conv = seqs.find(in.conversation_id);
    if (conv == seqs.end()) throw StoreError("append: no conversation " + in.conversation_id);

    Message m = in;
    m.seq = ++conv->second.last_seq;
    m.edited_at.clear();
    if (m.message_type.empty()) m.message_type = "text";

    auto [slot, fresh] = advance_of.try_emplace(m.conversation_id, plan.advances.size());
    if (fresh) plan.advances.push_back(SeqAdvance{m.conversation_id, 0, {}, 0, 0});
    SeqAdvance& a = plan.advances[slot->second];
    a.last_seq = m.seq;
    a.last_message_at = std::max(a.last_message_at, m.created_at);  // the text form sorts as time
    if (m.sender_id == conv->second.customer_id) a.customer_read_seq = m.seq;
    if (m.sender_id == conv->second.mechanic_id) a.mechanic_read_seq = m.seq;

    if (keyed) seen.emplace(KeyOf(m), m);
    plan.inserts.push_back(m);
    plan.results.push_back({std::move(m), true});
  }
  return plan;
}

}  // namespace salik
