// Reading the chat endpoints' inputs: bodies and the message page query. 400 naming the field.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/api_error.hpp"
#include "server/http/http_types.hpp"

namespace salik {

struct OpenConversationInput {
  std::string issue_id;
  std::string mechanic_id;  // empty when not given (a mechanic opens for themself)
};

struct NewMessageInput {
  std::string client_id;
  std::string content;   // a caption, may be empty, when media_id is given
  std::string media_id;  // empty = a text message; checked against the store by the handler
};

constexpr int kDefaultMessagePage = 50;

struct MessagePageQuery {
  int64_t before_seq = 0;  // 0 = from the newest
  int limit = kDefaultMessagePage;
};

// {"issue_id", "mechanic_id"?}: both UUIDs when present.
Expected<OpenConversationInput> ParseOpenConversation(const nlohmann::json& body);
// {"client_id", "content", "media_id"?}: ChatLimits rules (CheckClientId, CheckMessageContent).
Expected<NewMessageInput> ParseNewMessage(const nlohmann::json& body);
// {"content"}
Expected<std::string> ParseMessageEdit(const nlohmann::json& body);
// ?before=<seq ≥ 1>&limit=<1..100>
Expected<MessagePageQuery> ParseMessagePageQuery(const HttpRequest& req);

}  // namespace salik
