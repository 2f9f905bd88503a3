// The part of AppendMessages that is the same on every backend: given what the database holds
// (each conversation's last seq, and the messages already stored under the batch's client ids),
// decide which messages are new, their seqs, and how each conversation moves. The backends only
// read that state under a lock and write the plan, in one transaction.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "server/store/store.hpp"

namespace salik {

// A conversation as the plan needs it, read under the write lock.
struct SeqState {
  std::string customer_id;
  std::string mechanic_id;
  int64_t last_seq = 0;
  std::string last_message_at;  // the newest message's time; empty before the first
};

// (conversation, sender, client_id): a resend with the same key stores nothing new.
using ClientKey = std::tuple<std::string, std::string, std::string>;
inline ClientKey KeyOf(const Message& m) { return {m.conversation_id, m.sender_id, m.client_id}; }

// How one conversation moves. The read marks are the highest seq each side sent in the batch
// (0 = none); the writer keeps the greater of them and the stored mark, and likewise the later
// of last_message_at and the stored time.
struct SeqAdvance {
  std::string conversation_id;
  int64_t last_seq = 0;
  std::string last_message_at;
  int64_t customer_read_seq = 0;
  int64_t mechanic_read_seq = 0;
};

struct AppendPlan {
  std::vector<AppendResult> results;  // input order
  std::vector<size_t> inserts;        // indexes into results of the new messages, seq filled in
  std::vector<SeqAdvance> advances;   // one per conversation that gained a message

  const Message& Insert(size_t i) const { return results[inserts[i]].message; }
};

// Distinct conversation ids of the batch, sorted (lock order), the keys worth looking up
// (messages that carry a client_id), and the distinct attachment ids.
std::vector<std::string> ConversationIds(const std::vector<Message>& batch);
std::vector<ClientKey> ClientKeys(const std::vector<Message>& batch);
std::vector<std::string> MediaIds(const std::vector<Message>& batch);

// Throws StoreError when a message names a conversation missing from `state`. Takes `state` by
// value (callers move it in): the plan advances its seqs as it numbers the batch. A new message
// whose media id is not in `present_media` is planned as media_missing, not inserted.
AppendPlan PlanAppend(const std::vector<Message>& batch, std::map<std::string, SeqState> state,
                      const std::map<ClientKey, Message>& stored, const std::set<std::string>& present_media);

}  // namespace salik
