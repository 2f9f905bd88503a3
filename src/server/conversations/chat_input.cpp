#include "server/conversations/chat_input.hpp"

#include <climits>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/chat.hpp"
#include "server/app/paging.hpp"
#include "server/util/ids.hpp"

namespace salik {
namespace {

using nlohmann::json;

std::optional<ApiError> RequireObject(const json& body) {
  if (!body.is_object()) return BadRequest("invalid_body", "The request body must be a JSON object.");
  return std::nullopt;
}

// A text field: "" when absent or null (the caller decides whether that is allowed), 400 when
// it is there but not text.
std::optional<ApiError> ReadText(const json& body, const char* field, std::string& out) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) return BadRequest("invalid_field", std::string(field) + " must be text.", field);
  out = it->get<std::string>();
  return std::nullopt;
}

std::optional<ApiError> ReadId(const json& body, const char* field, bool required, std::string& out) {
  if (auto e = ReadText(body, field, out)) return e;
  if (out.empty()) {
    if (required) return BadRequest("missing_field", std::string(field) + " is required.", field);
    return std::nullopt;
  }
  if (!LooksLikeUuid(out)) return BadRequest("invalid_field", std::string(field) + " must be a UUID.", field);
  return std::nullopt;
}

std::optional<ApiError> ReadContent(const json& body, std::string& out) {
  if (auto e = ReadText(body, "content", out)) return e;
  return CheckMessageContent(out);
}

}  // namespace

Expected<OpenConversationInput> ParseOpenConversation(const json& body) {
  if (auto e = RequireObject(body)) return *e;
  OpenConversationInput in;
  if (auto e = ReadId(body, "issue_id", true, in.issue_id)) return *e;
  if (auto e = ReadId(body, "mechanic_id", false, in.mechanic_id)) return *e;
  return in;
}

Expected<NewMessageInput> ParseNewMessage(const json& body) {
  if (auto e = RequireObject(body)) return *e;
  NewMessageInput in;
  if (auto e = ReadText(body, "client_id", in.client_id)) return *e;
  if (auto e = CheckClientId(in.client_id)) return *e;
  if (auto it = body.find("media_id"); it != body.end() && !it->is_null()) {
    if (!it->is_string() || it->get_ref<const std::string&>().empty())
      return BadRequest("invalid_media", "media_id must be the id of a file you uploaded to this conversation.",
                        "media_id");
    in.media_id = it->get<std::string>();
  }
  if (auto e = ReadText(body, "content", in.content)) return *e;
  if (auto e = CheckMessageContent(in.content, !in.media_id.empty())) return *e;
  return in;
}

Expected<std::string> ParseMessageEdit(const json& body) {
  if (auto e = RequireObject(body)) return *e;
  std::string content;
  if (auto e = ReadContent(body, content)) return *e;
  return content;
}

Expected<MessagePageQuery> ParseMessagePageQuery(const HttpRequest& req) {
  MessagePageQuery q;
  if (const auto* before = req.Query("before")) {
    auto v = ParseQueryInt(*before, 1, INT_MAX);
    if (!v) return BadRequest("invalid_query", "before must be a message seq, a whole number from 1.", "before");
    q.before_seq = *v;
  }
  if (const auto* limit = req.Query("limit")) {
    auto v = ParseQueryInt(*limit, 1, ChatLimits::kPageMax);
    if (!v) return BadRequest("invalid_query", "limit must be a whole number from 1 to 100.", "limit");
    q.limit = *v;
  }
  return q;
}

}  // namespace salik
