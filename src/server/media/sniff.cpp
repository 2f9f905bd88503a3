#include "server/media/sniff.hpp"

#include <cstdint>

namespace salik {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

uint8_t Byte(std::string_view s, size_t i) { return i < s.size() ? static_cast<uint8_t>(s[i]) : 0; }

// The EBML header names its DocType (element 0x4282): "webm" or "matroska". The header is small
// and comes first, so a scan of its bytes finds it.
Container EbmlDocType(std::string_view head) {
  std::string_view window = head.substr(0, 64);
  for (size_t i = 4; i + 3 < window.size(); ++i) {
    if (Byte(window, i) != 0x42 || Byte(window, i + 1) != 0x82) continue;
    uint8_t size_byte = Byte(window, i + 2);
    if ((size_byte & 0x80) == 0) return Container::Unknown;  // longer sizes are not used for DocType
    size_t len = size_byte & 0x7f;
    std::string_view doc = window.substr(i + 3, len);
    if (doc == "webm") return Container::WebM;
    if (doc == "matroska") return Container::Matroska;
    return Container::Unknown;
  }
  return Container::Unknown;
}

// An MPEG audio frame header: sync, layer III, a real bitrate and sample rate.
bool IsMp3Frame(std::string_view head) {
  uint8_t b1 = Byte(head, 1), b2 = Byte(head, 2);
  if (Byte(head, 0) != 0xFF || (b1 & 0xE0) != 0xE0) return false;
  if ((b1 & 0x18) == 0x08) return false;  // reserved MPEG version
  if ((b1 & 0x06) != 0x02) return false;  // layer III only
  uint8_t bitrate = b2 >> 4, rate = (b2 >> 2) & 0x03;
  return bitrate != 0 && bitrate != 0x0F && rate != 0x03;
}

}  // namespace

Container SniffContainer(std::string_view head) {
  if (StartsWith(head, "\x1A\x45\xDF\xA3")) return EbmlDocType(head);
  if (StartsWith(head, "OggS")) return Container::Ogg;
  if (head.size() >= 12 && head.substr(4, 4) == "ftyp") return Container::Mp4;
  if (StartsWith(head, "RIFF") && head.size() >= 12) {
    if (head.substr(8, 4) == "WAVE") return Container::Wav;
    if (head.substr(8, 4) == "WEBP") return Container::Webp;
    return Container::Unknown;
  }
  if (StartsWith(head, "\xFF\xD8\xFF")) return Container::Jpeg;
  if (StartsWith(head, "\x89PNG\r\n\x1A\n")) return Container::Png;
  if (StartsWith(head, "ID3") || IsMp3Frame(head)) return Container::Mp3;
  return Container::Unknown;
}

bool IsImageContainer(Container c) { return c == Container::Jpeg || c == Container::Png || c == Container::Webp; }

std::string_view ContainerName(Container c) {
  switch (c) {
    case Container::WebM: return "WebM";
    case Container::Matroska: return "Matroska";
    case Container::Ogg: return "Ogg";
    case Container::Mp4: return "MP4";
    case Container::Wav: return "WAV";
    case Container::Mp3: return "MP3";
    case Container::Jpeg: return "JPEG";
    case Container::Png: return "PNG";
    case Container::Webp: return "WebP";
    case Container::Unknown: break;
  }
  return "unknown";
}

}  // namespace salik
