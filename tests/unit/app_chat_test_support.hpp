// What the app's chat reducer tests share: the two people, a conversation as the API lists it,
// the signed-in car owner, picking commands and sent frames apart, and a chat driven by actions.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "app_test_support.hpp"
#include "core/realtime_protocol.hpp"
#include "state/chat_model.hpp"
#include "state/reduce.hpp"

namespace salik::app::testing {

using nlohmann::json;

inline const std::string kOwner = "6b1f0c52-9a3e-4d7b-8c21-0f4e5a6b7c8d";
inline const std::string kMechanic = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
inline const std::string kConvA = "c0000000-0000-4000-8000-00000000000a";
inline const std::string kConvB = "c0000000-0000-4000-8000-00000000000b";
inline const std::string kIssue = "5c3e1a2b-0d9f-4e8c-b7a6-112233445566";

// The JSON frames sent on the socket, parsed.
inline std::vector<json> Sent(const Commands& cmds) {
  std::vector<json> out;
  for (const auto& s : Of<SocketSend>(cmds)) out.push_back(json::parse(s.text));
  return out;
}

inline std::vector<json> SentOfType(const Commands& cmds, const std::string& type) {
  std::vector<json> out;
  for (auto& j : Sent(cmds))
    if (j["type"] == type) out.push_back(j);
  return out;
}

// A conversation between the two about kIssue, as GET /api/conversations lists it.
inline json ConversationJson(const std::string& id, int64_t last_seq = 0, int64_t owner_read = 0,
                             int64_t mech_read = 0, const std::string& last_at = "2026-03-12T10:00:00.000Z") {
  return json{{"id", id},
              {"issue_id", kIssue},
              {"issue_title", "Car won't start - clicking sound"},
              {"customer_id", kOwner},
              {"customer_name", "Fatima Al Zaabi"},
              {"mechanic_id", kMechanic},
              {"mechanic_name", "Rajesh Menon"},
              {"status", "active"},
              {"last_seq", last_seq},
              {"last_message", last_seq ? "earlier" : ""},
              {"last_message_at", last_seq ? json(last_at) : json(nullptr)},
              {"customer_read_seq", owner_read},
              {"mechanic_read_seq", mech_read},
              {"engaged_at", nullptr},
              {"created_at", "2026-03-12T09:00:00.000Z"}};
}

// GET /api/auth/me of the car owner.
inline json OwnerMe() {
  return json{{"id", kOwner},         {"role", "customer"}, {"email", "fatima.alzaabi@salikchat.test"},
              {"full_name", "Fatima Al Zaabi"}, {"city", "Dubai"},    {"country", "AE"},
              {"is_active", true}};
}

// What a tab last saw stored, as StoreOutbox::synced carries it: these entries in their forms.
inline std::map<std::string, std::string> Synced(const std::vector<app::OutboxEntry>& entries) {
  std::map<std::string, std::string> out;
  for (const auto& e : entries) out.emplace(e.client_id, app::chat::OutboxEntryJson(e));
  return out;
}

// localStorage as the runtime keeps it: each StoreOutbox merged into what is stored; answers
// what the runtime would tell the tab was taken elsewhere (and, into `changed`, what it would
// tell the tab was changed elsewhere).
inline std::vector<std::string> ApplyStores(std::string& storage, const Commands& cmds,
                                            std::vector<OutboxEntry>* changed = nullptr) {
  std::vector<std::string> taken;
  for (const auto& store : Of<StoreOutbox>(cmds)) {
    auto merged = chat::MergeStoredOutbox(storage, store.json, store.dropped, store.synced);
    storage = merged.json;
    taken.insert(taken.end(), merged.taken_elsewhere.begin(), merged.taken_elsewhere.end());
    if (changed) changed->insert(changed->end(), merged.changed_elsewhere.begin(), merged.changed_elsewhere.end());
  }
  return taken;
}

// The app's state driven by actions and socket frames, keeping the last answer.
struct Chat {
  AppState s;
  Commands last;
  int generation() const { return s.chat.link.generation; }
  Commands Do(const Action& a) { return last = Reduce(s, a); }
  Commands Frame(const std::string& text) { return Do(SocketText{generation(), text}); }
  Commands Welcome() { return Frame(realtime::WelcomeFrame(kOwner, "2026-03-12T10:00:00.000Z")); }
};

}  // namespace salik::app::testing

using namespace salik::app::testing;  // NOLINT: test files only
