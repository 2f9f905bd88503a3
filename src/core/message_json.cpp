#include "core/message_json.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>

namespace salik {
namespace {

void AppendNullable(std::string& out, const std::string& s) {
  if (s.empty()) {
    out += "null";
  } else {
    AppendJsonString(out, s);
  }
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t plain = 0;  // start of the run of bytes copied as they are
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out += '"';
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t extra = 0;
    uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (s.size() - i < extra + 1) return false;  // cut short
    for (size_t k = 1; k <= extra; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

std::string MessageJson(const Message& m) {
  for (const std::string* s : {&m.id, &m.conversation_id, &m.sender_id, &m.client_id, &m.content, &m.message_type,
                               &m.created_at, &m.edited_at})
    if (!IsValidUtf8(*s)) return nlohmann::json(m).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(220 + m.content.size());
  // Keys in nlohmann's order (sorted), so the text matches its dump exactly.
  out += "{\"client_id\":";
  AppendNullable(out, m.client_id);
  out += ",\"content\":";
  AppendJsonString(out, m.content);
  out += ",\"conversation_id\":";
  AppendJsonString(out, m.conversation_id);
  out += ",\"created_at\":";
  AppendJsonString(out, m.created_at);
  out += ",\"edited_at\":";
  AppendNullable(out, m.edited_at);
  out += ",\"id\":";
  AppendJsonString(out, m.id);
  out += ",\"media\":";
  if (m.media) {
    out += nlohmann::json(*m.media).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else {
    out += "null";
  }
  out += ",\"message_type\":";
  AppendJsonString(out, m.message_type);
  out += ",\"sender_id\":";
  AppendJsonString(out, m.sender_id);
  out += ",\"seq\":";
  out += std::to_string(m.seq);
  out += '}';
  return out;
}

}  // namespace salik
