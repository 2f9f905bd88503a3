#include "core/realtime_protocol.hpp"

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/message_json.hpp"

namespace salik::realtime {
namespace {

using nlohmann::json;

FrameError Refuse(std::string code, std::string message, std::string client_id = {}, bool close = false) {
  return FrameError{BadRequest(std::move(code), std::move(message)), std::move(client_id), close};
}

bool ReadString(const json& j, const char* key, std::string& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

constexpr std::string_view kBatchHead = R"({"type":"batch","frames":[)";

}  // namespace

std::variant<ClientFrame, FrameError> ParseClientFrame(const std::string& text) {
  if (text.size() > ChatLimits::kFrameMax)
    return Refuse("frame_too_large", "That frame is larger than 16 KB.", {}, true);
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return Refuse("invalid_json", "Frames must be JSON objects.");
  if (!j.is_object()) return Refuse("invalid_frame", "Frames must be JSON objects.");
  std::string type;
  if (!ReadString(j, "type", type)) return Refuse("missing_field", "Every frame needs a \"type\".");

  std::string conversation_id;
  if (type == "hello") {
    Hello h;
    if (!ReadString(j, "token", h.token) || h.token.empty())
      return Refuse("unauthorized", "The hello frame needs your session token.", {}, true);
    if (auto it = j.find("resume"); it != j.end() && !it->is_null()) {
      if (!it->is_object() || it->size() > 1000)
        return Refuse("invalid_field", "\"resume\" must map conversation ids to sequence numbers.", {}, true);
      for (auto& [id, seq] : it->items()) {
        if (!seq.is_number_integer() || seq.get<int64_t>() < 0)
          return Refuse("invalid_field", "\"resume\" must map conversation ids to sequence numbers.", {}, true);
        h.resume[id] = seq.get<int64_t>();
      }
    }
    if (auto it = j.find("batch"); it != j.end() && it->is_boolean()) h.batch = it->get<bool>();
    return ClientFrame{std::move(h)};
  }
  if (type == "send") {
    Send s;
    ReadString(j, "client_id", s.client_id);
    if (auto e = CheckClientId(s.client_id)) return FrameError{*e, {}, false};
    if (!ReadString(j, "conversation_id", s.conversation_id) || s.conversation_id.empty())
      return Refuse("missing_field", "conversation_id is required.", s.client_id);
    if (auto it = j.find("media_id"); it != j.end() && !it->is_null()) {
      if (!it->is_string() || it->get_ref<const std::string&>().empty() || it->get_ref<const std::string&>().size() > 64)
        return FrameError{BadRequest("invalid_media", "media_id must be the id of media you uploaded to this chat.",
                                     "media_id"),
                          s.client_id, false};
      s.media_id = it->get<std::string>();
    }
    bool has_media = !s.media_id.empty();
    // With media the caption may be left out; without it the text is the message.
    if (!ReadString(j, "content", s.content) && !(has_media && !j.contains("content")))
      return Refuse("missing_field", "content is required.", s.client_id);
    if (auto e = CheckMessageContent(s.content, has_media)) return FrameError{*e, s.client_id, false};
    return ClientFrame{std::move(s)};
  }
  if (type == "typing") {
    Typing t;
    auto state = j.find("state");
    if (!ReadString(j, "conversation_id", t.conversation_id) || state == j.end() || !state->is_boolean())
      return Refuse("missing_field", "typing needs conversation_id and a true/false state.");
    t.state = state->get<bool>();
    return ClientFrame{std::move(t)};
  }
  if (type == "read") {
    Read r;
    auto seq = j.find("seq");
    if (!ReadString(j, "conversation_id", r.conversation_id) || seq == j.end() || !seq->is_number_integer() ||
        seq->get<int64_t>() < 0)
      return Refuse("missing_field", "read needs conversation_id and a sequence number.");
    r.seq = seq->get<int64_t>();
    return ClientFrame{std::move(r)};
  }
  if (type == "ping") return ClientFrame{Ping{}};
  return Refuse("unknown_type", "Unknown frame type \"" + type.substr(0, 40) + "\".");
}

std::string WelcomeFrame(const std::string& user_id, const std::string& server_time) {
  return Dump({{"type", "welcome"}, {"user_id", user_id}, {"server_time", server_time}});
}
// The two frames of every chat message are written as text (see message_json.hpp); the keys in
// nlohmann's sorted order, so they read exactly as the other frames' dumps would.
std::string AckFrame(const std::string& client_id, const Message& message) {
  std::string out = "{\"client_id\":";
  if (IsValidUtf8(client_id)) {
    AppendJsonString(out, client_id);
  } else {
    out += Dump(client_id);
  }
  out += ",\"message\":";
  out += MessageJson(message);
  out += ",\"type\":\"ack\"}";
  return out;
}
std::string MessageFrame(const Message& message) {
  return "{\"message\":" + MessageJson(message) + ",\"type\":\"message\"}";
}
std::string TypingFrame(const std::string& conversation_id, const std::string& user_id, bool state) {
  return Dump({{"type", "typing"}, {"conversation_id", conversation_id}, {"user_id", user_id}, {"state", state}});
}
std::string ReadFrame(const std::string& conversation_id, const std::string& user_id, int64_t seq) {
  return Dump({{"type", "read"}, {"conversation_id", conversation_id}, {"user_id", user_id}, {"seq", seq}});
}
std::string PresenceFrame(const std::string& user_id, bool online, const std::string& last_seen) {
  return Dump({{"type", "presence"},
               {"user_id", user_id},
               {"online", online},
               {"last_seen", last_seen.empty() ? json(nullptr) : json(last_seen)}});
}
std::string ErrorFrame(const ApiError& error, const std::string& client_id) {
  json j{{"type", "error"}, {"code", error.code}, {"message", error.message}};
  if (!client_id.empty()) j["client_id"] = client_id;
  return Dump(j);
}
std::string PongFrame() { return R"({"type":"pong"})"; }
std::string MessageEditedFrame(const Message& message) {
  return Dump({{"type", "message_edited"}, {"message", message}});
}
std::string ConversationFrame(const nlohmann::json& item) { return Dump({{"type", "conversation"}, {"conversation", item}}); }

std::string HelloFrame(const Hello& hello) {
  json resume = json::object();
  for (const auto& [id, seq] : hello.resume) resume[id] = seq;
  json j{{"type", "hello"}, {"token", hello.token}, {"resume", resume}};
  if (hello.batch) j["batch"] = true;
  return Dump(j);
}
std::string SendFrame(const Send& s) {
  json j{{"type", "send"}, {"conversation_id", s.conversation_id}, {"client_id", s.client_id}, {"content", s.content}};
  if (!s.media_id.empty()) j["media_id"] = s.media_id;
  return Dump(j);
}
std::string TypingClientFrame(const Typing& t) {
  return Dump({{"type", "typing"}, {"conversation_id", t.conversation_id}, {"state", t.state}});
}
std::string PingClientFrame() { return R"({"type":"ping"})"; }
std::string ReadClientFrame(const Read& r) {
  return Dump({{"type", "read"}, {"conversation_id", r.conversation_id}, {"seq", r.seq}});
}

std::optional<ServerFrame> ParseServerFrame(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  ServerFrame f;
  if (!ReadString(j, "type", f.type)) return std::nullopt;
  ReadString(j, "user_id", f.user_id);
  ReadString(j, "conversation_id", f.conversation_id);
  ReadString(j, "client_id", f.client_id);
  ReadString(j, "last_seen", f.last_seen);
  ReadString(j, "server_time", f.server_time);
  if (auto it = j.find("state"); it != j.end() && it->is_boolean()) f.state = it->get<bool>();
  if (auto it = j.find("online"); it != j.end() && it->is_boolean()) f.online = it->get<bool>();
  if (auto it = j.find("seq"); it != j.end() && it->is_number_integer()) f.seq = it->get<int64_t>();
  if (auto it = j.find("message"); it != j.end() && it->is_object()) f.message = it->get<Message>();
  if (auto it = j.find("conversation"); it != j.end() && it->is_object()) f.conversation = it->get<Conversation>();
  if (f.type == "error") {
    f.error.status = 400;
    ReadString(j, "code", f.error.code);
    ReadString(j, "message", f.error.message);
  }
  return f;
}

std::string BatchFrame(const std::string* frames, size_t count) {
  size_t bytes = kBatchHead.size() + count + 2;
  for (size_t i = 0; i < count; ++i) bytes += frames[i].size();
  std::string out;
  out.reserve(bytes);
  out += kBatchHead;
  for (size_t i = 0; i < count; ++i) {
    if (i) out += ',';
    out += frames[i];
  }
  out += "]}";
  return out;
}

bool WantsBatches(const std::string& hello_text) {
  if (hello_text.find("batch") == std::string::npos) return false;  // most hellos: no parse
  auto parsed = ParseClientFrame(hello_text);
  auto* frame = std::get_if<ClientFrame>(&parsed);
  auto* hello = frame ? std::get_if<Hello>(frame) : nullptr;
  return hello && hello->batch;
}

std::vector<std::string> UnpackFrames(const std::string& text) {
  if (std::string_view(text).substr(0, kBatchHead.size()) != kBatchHead) return {text};
  json j = json::parse(text, nullptr, false);
  auto it = j.is_object() ? j.find("frames") : j.end();
  if (it == j.end() || !it->is_array()) return {text};
  std::vector<std::string> out;
  out.reserve(it->size());
  for (const json& frame : *it) out.push_back(Dump(frame));
  return out;
}

}  // namespace salik::realtime
