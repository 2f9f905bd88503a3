#include "core/media.hpp"

#include "core/json_fields.hpp"

namespace salik {

using nlohmann::json;

std::string_view ToWire(MediaType t) {
  switch (t) {
    case MediaType::Audio: return "audio";
    case MediaType::Image: return "image";
    case MediaType::Video: return "video";
  }
  return "image";
}

std::optional<MediaType> MediaTypeFromWire(std::string_view s) {
  if (s == "audio") return MediaType::Audio;
  if (s == "image") return MediaType::Image;
  if (s == "video") return MediaType::Video;
  return std::nullopt;
}

int64_t MaxBytesFor(MediaType t) {
  switch (t) {
    case MediaType::Audio: return kMaxAudioBytes;
    case MediaType::Image: return kMaxImageBytes;
    case MediaType::Video: return kMaxVideoBytes;
  }
  return kMaxImageBytes;
}

void to_json(json& j, const Media& m) {
  j = json{{"id", m.id},
           {"media_type", ToWire(m.media_type)},
           {"mime", m.mime},
           {"url", m.url},
           {"duration_seconds", m.duration_seconds ? json(*m.duration_seconds) : json(nullptr)},
           {"file_size", m.file_size},
           {"label", m.label},
           {"width", m.width ? json(*m.width) : json(nullptr)},
           {"height", m.height ? json(*m.height) : json(nullptr)},
           {"created_at", m.created_at},
           {"owner_id", m.owner_id}};
}

void from_json(const json& j, Media& m) {
  using json_fields::Num;
  using json_fields::Str;
  m.id = Str(j, "id");
  m.media_type = MediaTypeFromWire(Str(j, "media_type")).value_or(MediaType::Image);
  m.mime = Str(j, "mime");
  m.url = Str(j, "url");
  auto optional_number = [&](const char* key) -> std::optional<double> {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
  };
  m.duration_seconds = optional_number("duration_seconds");
  m.file_size = Num<int64_t>(j, "file_size");
  m.label = Str(j, "label");
  auto w = optional_number("width"), h = optional_number("height");
  m.width = w ? std::optional<int>(static_cast<int>(*w)) : std::nullopt;
  m.height = h ? std::optional<int>(static_cast<int>(*h)) : std::nullopt;
  m.created_at = Str(j, "created_at");
  m.owner_id = Str(j, "owner_id");
}

std::string SanitizeMediaLabel(std::string_view raw) {
  // Keep only what follows the last separator of either kind.
  auto slash = raw.find_last_of("/\\");
  if (slash != std::string_view::npos) raw.remove_prefix(slash + 1);
  std::string out;
  for (unsigned char c : raw) {
    if (c < 0x20 || c == 0x7f) continue;                    // control characters
    if (c == '"' || c == '\'' || c == '<' || c == '>' || c == ':' || c == '|' || c == '*' ||
        c == '?')
      continue;                                             // unsafe in headers and file systems
    out.push_back(static_cast<char>(c));
  }
  // Invalid UTF-8 bytes are dropped (nlohmann's strict decoder does the checking), so the label
  // can always go into JSON and PostgreSQL text.
  out = json::parse(json(out).dump(-1, ' ', false, json::error_handler_t::ignore)).get<std::string>();
  // Trim spaces and dots at both ends: "..", "." and " x " are not names.
  auto first = out.find_first_not_of(" .");
  if (first == std::string::npos) return {};
  auto last = out.find_last_not_of(" .");
  out = out.substr(first, last - first + 1);
  if (out.size() > kMaxMediaLabelLength) {
    // Cut on a UTF-8 character boundary.
    size_t cut = kMaxMediaLabelLength;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out;
}

}  // namespace salik
