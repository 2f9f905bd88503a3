#include "core/chat.hpp"

#include <cctype>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>

#include "core/json_fields.hpp"
#include "core/validation.hpp"

namespace salik {
namespace {

using nlohmann::json;

bool IsWordChar(unsigned char c) { return std::isalnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }

// Replaces [begin, end) with a fixed mask so the length does not hint at the original.
void MaskRange(std::string& s, size_t begin, size_t end, const char* mask) { s.replace(begin, end - begin, mask); }

// e-mail: word@word.tld
bool MaskEmails(std::string& s) {
  bool changed = false;
  for (size_t at = s.find('@'); at != std::string::npos; at = s.find('@', at + 1)) {
    size_t b = at, e = at + 1;
    while (b > 0 && IsWordChar(static_cast<unsigned char>(s[b - 1]))) --b;
    while (e < s.size() && IsWordChar(static_cast<unsigned char>(s[e]))) ++e;
    // A full stop or dash after the address ends the sentence, not the domain.
    while (e > at + 1 && (s[e - 1] == '.' || s[e - 1] == '-')) --e;
    std::string domain = s.substr(at + 1, e - at - 1);
    if (b == at || domain.find('.') == std::string::npos || domain.back() == '.') continue;
    MaskRange(s, b, e, "[email hidden]");
    at = b;
    changed = true;
  }
  return changed;
}

// Links: http://…, https://…, www.…, and bare domains with a common top-level domain.
void MaskLinks(std::string& s) {
  static const char* kStarts[] = {"http://", "https://", "www."};
  std::string lower = s;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* start : kStarts) {
    for (size_t p = lower.find(start); p != std::string::npos; p = lower.find(start, p + 1)) {
      if (p > 0 && IsWordChar(static_cast<unsigned char>(lower[p - 1]))) continue;
      size_t e = p;
      while (e < s.size() && !std::isspace(static_cast<unsigned char>(s[e]))) ++e;
      MaskRange(s, p, e, "[link hidden]");
      lower.replace(p, e - p, "[link hidden]");
    }
  }
  static const char* kTlds[] = {".com", ".ae", ".net", ".org", ".io", ".me", ".co"};
  for (const char* tld : kTlds) {
    size_t n = std::char_traits<char>::length(tld);
    for (size_t p = lower.find(tld); p != std::string::npos; p = lower.find(tld, p + 1)) {
      size_t e = p + n;
      if (e < lower.size() && std::isalnum(static_cast<unsigned char>(lower[e]))) continue;
      size_t b = p;
      while (b > 0 && (std::isalnum(static_cast<unsigned char>(lower[b - 1])) || lower[b - 1] == '-' || lower[b - 1] == '.'))
        --b;
      if (b == p) continue;
      while (e < s.size() && !std::isspace(static_cast<unsigned char>(s[e]))) ++e;  // a path after it
      MaskRange(s, b, e, "[link hidden]");
      lower.replace(b, e - b, "[link hidden]");
      p = b;
    }
  }
}

// A date such as 12.05.2024, 1-5-24 or 2024-05-12: three groups of digits joined by one kind of
// separator. At most 8 digits, so no complete UAE number (9 digits or more) has this shape.
bool LooksLikeDate(std::string_view run) {
  std::vector<size_t> groups{0};
  char separator = 0;
  for (char c : run) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++groups.back();
    } else if ((c == '.' || c == '-') && (separator == 0 || separator == c) && groups.back() > 0) {
      separator = c;
      groups.push_back(0);
    } else {
      return false;
    }
  }
  if (groups.size() != 3) return false;
  auto day_or_month = [](size_t n) { return n == 1 || n == 2; };
  bool day_first = day_or_month(groups[0]) && day_or_month(groups[1]) && (groups[2] == 2 || groups[2] == 4);
  bool year_first = groups[0] == 4 && day_or_month(groups[1]) && day_or_month(groups[2]);
  return day_first || year_first;
}

// Phone numbers: 7 or more digits, allowing + ( ) - . and spaces between them (UAE numbers are
// 9-10 digits, with +971 12). Prices such as "AED 1,250" have too few digits to match; dates
// are left alone.
void MaskPhones(std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (!(std::isdigit(c) || c == '+' || c == '(')) {
      ++i;
      continue;
    }
    size_t b = i, e = i, last_digit = std::string::npos;
    int digits = 0;
    while (e < s.size()) {
      unsigned char d = static_cast<unsigned char>(s[e]);
      if (std::isdigit(d)) {
        ++digits;
        last_digit = e;
      } else if (!(d == ' ' || d == '-' || d == '.' || d == '(' || d == ')' || (d == '+' && e == b))) {
        break;
      }
      ++e;
    }
    if (digits >= 7 && last_digit != std::string::npos &&
        !LooksLikeDate(std::string_view(s).substr(b, last_digit + 1 - b))) {
      MaskRange(s, b, last_digit + 1, "[phone hidden]");
      i = b + 14;
    } else {
      i = e > i ? e : i + 1;
    }
  }
}

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF, and no NUL,
// which neither PostgreSQL text nor C strings can carry. nlohmann::json and PostgreSQL refuse
// the same forms, so a message that passed here but not there would fail a whole batch.
bool IsStoredText(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong below U+0800
      if (c == 0xED) hi = 0x9F;  // surrogates U+D800..U+DFFF
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong below U+10000
      if (c == 0xF4) hi = 0x8F;  // past U+10FFFF
    } else {
      return false;  // a continuation byte, an overlong lead (C0, C1) or F5..FF
    }
    if (i + len > s.size()) return false;
    unsigned char second = static_cast<unsigned char>(s[i + 1]);
    if (second < lo || second > hi) return false;
    for (size_t k = 2; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

// Every pattern above needs one of these: an e-mail its '@', a link a '.' or "://", a phone
// number 7 digits. Most chat messages have none, and skip the copies and scans.
bool MightHoldContactDetails(const std::string& text) {
  int digits = 0;
  for (char c : text) {
    if (c == '@' || c == '.' || c == ':') return true;
    if (c >= '0' && c <= '9' && ++digits >= 7) return true;
  }
  return false;
}

using json_fields::NullIfEmpty;
using json_fields::Str;
int64_t Int(const json& j, const char* key) { return json_fields::Num<int64_t>(j, key); }

}  // namespace

std::string OtherParticipant(const Conversation& c, const std::string& user_id) {
  if (user_id == c.customer_id) return c.mechanic_id;
  if (user_id == c.mechanic_id) return c.customer_id;
  return {};
}

bool IsParticipant(const Conversation& c, const std::string& user_id) {
  return !user_id.empty() && (user_id == c.customer_id || user_id == c.mechanic_id);
}

int64_t UnreadFor(const Conversation& c, const std::string& user_id) {
  // Counted on seqs: the newest seq minus the reader's mark. The reader's own messages are
  // marked read as they send them (the hub moves their mark), so they never count.
  int64_t mark = user_id == c.customer_id ? c.customer_read_seq : user_id == c.mechanic_id ? c.mechanic_read_seq : c.last_seq;
  return c.last_seq > mark ? c.last_seq - mark : 0;
}

std::string MaskContactDetails(const std::string& text) {
  if (!MightHoldContactDetails(text)) return text;
  std::string s = text;
  MaskEmails(s);
  MaskLinks(s);
  MaskPhones(s);
  return s;
}

Message ForViewer(Message m, const Conversation& c, const std::string& viewer_id) {
  if (c.engaged_at.empty() && m.sender_id != viewer_id) m.content = MaskContactDetails(m.content);
  return m;
}

std::string MessagePreview(const std::string& content, const std::string& message_type) {
  if (!content.empty() || message_type.empty() || message_type == "text") return content;  // "" = no message yet
  if (message_type == "image") return "Photo";
  if (message_type == "video") return "Video";
  if (message_type == "audio") return "Engine recording";
  return "Attachment";
}

std::optional<ApiError> CheckMessageContent(const std::string& content) {
  if (Trim(content).empty()) return BadRequest("missing_field", "A message cannot be empty.", "content");
  // Valid UTF-8 only: the text goes to other people's screens, to JSON and to the database.
  if (!IsStoredText(content)) return BadRequest("invalid_field", "The message is not valid text.", "content");
  if (Utf8Length(content) > ChatLimits::kContentMax)
    return BadRequest("invalid_field", "A message can be at most 4000 characters.", "content");
  return std::nullopt;
}

std::optional<ApiError> CheckMessageContent(const std::string& content, bool has_media) {
  if (has_media && Trim(content).empty()) return std::nullopt;  // no caption
  return CheckMessageContent(content);
}

std::optional<ApiError> CheckClientId(const std::string& client_id) {
  if (client_id.empty()) return BadRequest("missing_field", "client_id is required.", "client_id");
  if (client_id.size() > ChatLimits::kClientIdMax)
    return BadRequest("invalid_field", "client_id can be at most 64 characters.", "client_id");
  for (unsigned char c : client_id)
    if (!(std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':'))
      return BadRequest("invalid_field", "client_id may hold letters, digits and - _ . : only.", "client_id");
  return std::nullopt;
}

void to_json(json& j, const Conversation& c) {
  j = json{{"id", c.id},
           {"issue_id", c.issue_id},
           {"issue_title", c.issue_title},
           {"customer_id", c.customer_id},
           {"customer_name", c.customer_name},
           {"mechanic_id", c.mechanic_id},
           {"mechanic_name", c.mechanic_name},
           {"status", c.status},
           {"last_seq", c.last_seq},
           {"last_message", c.last_message},
           {"last_message_at", NullIfEmpty(c.last_message_at)},
           {"customer_read_seq", c.customer_read_seq},
           {"mechanic_read_seq", c.mechanic_read_seq},
           {"engaged_at", NullIfEmpty(c.engaged_at)},
           {"created_at", c.created_at}};
}
void from_json(const json& j, Conversation& c) {
  c.id = Str(j, "id");
  c.issue_id = Str(j, "issue_id");
  c.issue_title = Str(j, "issue_title");
  c.customer_id = Str(j, "customer_id");
  c.customer_name = Str(j, "customer_name");
  c.mechanic_id = Str(j, "mechanic_id");
  c.mechanic_name = Str(j, "mechanic_name");
  c.status = Str(j, "status");
  c.last_seq = Int(j, "last_seq");
  c.last_message = Str(j, "last_message");
  c.last_message_at = Str(j, "last_message_at");
  c.customer_read_seq = Int(j, "customer_read_seq");
  c.mechanic_read_seq = Int(j, "mechanic_read_seq");
  c.engaged_at = Str(j, "engaged_at");
  c.created_at = Str(j, "created_at");
}

void to_json(json& j, const Message& m) {
  j = json{{"id", m.id},
           {"conversation_id", m.conversation_id},
           {"seq", m.seq},
           {"sender_id", m.sender_id},
           {"client_id", NullIfEmpty(m.client_id)},
           {"content", m.content},
           {"message_type", m.message_type},
           {"created_at", m.created_at},
           {"edited_at", NullIfEmpty(m.edited_at)},
           {"media", m.media ? json(*m.media) : json(nullptr)}};
}
void from_json(const json& j, Message& m) {
  m.id = Str(j, "id");
  m.conversation_id = Str(j, "conversation_id");
  m.seq = Int(j, "seq");
  m.sender_id = Str(j, "sender_id");
  m.client_id = Str(j, "client_id");
  m.content = Str(j, "content");
  m.message_type = Str(j, "message_type");
  if (m.message_type.empty()) m.message_type = "text";
  m.created_at = Str(j, "created_at");
  m.edited_at = Str(j, "edited_at");
  if (auto it = j.find("media"); it != j.end() && it->is_object()) {
    m.media = it->get<Media>();
    m.media_id = m.media->id;
  }
}

}  // namespace salik
