// Shared set-up for the chat store tests: a car owner, a mechanic and an issue, conversations
// between them, and messages at times the tests control.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "server/util/clock.hpp"
#include "server/util/ids.hpp"
#include "store_backends.hpp"

namespace salik::testing {

// Minutes (and milliseconds) after 2026-01-01T00:00:00Z.
inline std::string ChatAt(int minutes, int millis = 0) {
  auto start = std::chrono::system_clock::from_time_t(1767225600);
  return FormatUtc(start + std::chrono::minutes(minutes) + std::chrono::milliseconds(millis));
}

inline std::string AddChatUser(Store& store, Role role, const std::string& name) {
  NewUser u;
  u.id = NewUuid();
  u.email = u.id + "@example.test";
  u.password_hash = "hash";
  u.full_name = name;
  u.city = "Dubai";
  u.role = role;
  u.created_at = ChatAt(0);
  REQUIRE(store.CreateUser(u));
  return u.id;
}

inline std::string AddChatIssue(Store& store, const std::string& customer_id, const std::string& title) {
  Issue i;
  i.id = NewUuid();
  i.customer_id = customer_id;
  i.title = title;
  i.description = "Rattle from the front left wheel over bumps.";
  i.car_make = "Nissan";
  i.car_model = "Patrol";
  i.car_year = 2019;
  i.category = Category::Suspension;
  i.created_at = ChatAt(0);
  i.updated_at = ChatAt(0);
  store.CreateIssue(i);
  return i.id;
}

// One car owner with one issue, one mechanic, and the conversation between them.
struct ChatParties {
  std::string customer, mechanic, issue;
  Conversation conversation;

  explicit ChatParties(Store& store, int minute = 1)
      : customer(AddChatUser(store, Role::Customer, "Layla Hassan")),
        mechanic(AddChatUser(store, Role::Mechanic, "Rashid Ali")),
        issue(AddChatIssue(store, customer, "Rattle over bumps")) {
    conversation = store.OpenConversation(NewConversation{NewUuid(), issue, customer, mechanic, ChatAt(minute)});
  }
  const std::string& id() const { return conversation.id; }
};

inline Message ChatMessage(const std::string& conversation_id, const std::string& sender_id,
                           const std::string& client_id, const std::string& content, int minute = 2,
                           int millis = 0) {
  Message m;
  m.id = NewUuid();
  m.conversation_id = conversation_id;
  m.sender_id = sender_id;
  m.client_id = client_id;
  m.content = content;
  m.created_at = ChatAt(minute, millis);
  return m;
}

// Appends one message and returns it as stored.
inline Message SendOne(Store& store, const Message& m) {
  auto results = store.AppendMessages({m});
  REQUIRE(results.size() == 1);
  return results[0].message;
}

// prefix + number; spelled out because GCC 12 warns falsely (-Wrestrict) on "literal" + to_string().
inline std::string Numbered(const char* prefix, int n) {
  std::string s = prefix;
  s += std::to_string(n);
  return s;
}

inline std::vector<int64_t> Seqs(const std::vector<Message>& messages) {
  std::vector<int64_t> out;
  for (const auto& m : messages) out.push_back(m.seq);
  return out;
}

}  // namespace salik::testing
