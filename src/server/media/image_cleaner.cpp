#include "server/media/image_cleaner.hpp"

#include <cstdint>

namespace salik {
namespace {

ApiError Broken(std::string_view what) {
  return BadRequest("unreadable_file", "This " + std::string(what) + " is damaged or cut short.");
}

uint32_t Be16(const std::string& s, size_t i) {
  return (uint32_t(uint8_t(s[i])) << 8) | uint8_t(s[i + 1]);
}
uint32_t Be32(const std::string& s, size_t i) { return (Be16(s, i) << 16) | Be16(s, i + 2); }
uint32_t Le16(const std::string& s, size_t i) { return uint8_t(s[i]) | (uint32_t(uint8_t(s[i + 1])) << 8); }
uint32_t Le24(const std::string& s, size_t i) { return Le16(s, i) | (uint32_t(uint8_t(s[i + 2])) << 16); }
uint32_t Le32(const std::string& s, size_t i) { return Le16(s, i) | (Le16(s, i + 2) << 16); }
void PutLe32(std::string& s, size_t i, uint32_t v) {
  for (int k = 0; k < 4; ++k) s[i + k] = static_cast<char>((v >> (8 * k)) & 0xFF);
}

// JPEG: markers up to the scan, then the entropy-coded data verbatim. Every APP1 goes (Exif and
// XMP both can carry a position); APP0 (JFIF), tables and frames stay.
Expected<CleanImage> CleanJpeg(const std::string& in) {
  CleanImage out;
  out.bytes.reserve(in.size());
  out.bytes.append(in, 0, 2);  // SOI
  size_t i = 2;
  for (;;) {
    if (i + 4 > in.size() || uint8_t(in[i]) != 0xFF) return Broken("JPEG");
    uint8_t marker = uint8_t(in[i + 1]);
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    size_t len = Be16(in, i + 2);
    if (len < 2 || i + 2 + len > in.size()) return Broken("JPEG");
    bool is_sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (is_sof && len >= 7) {
      out.height = static_cast<int>(Be16(in, i + 5));
      out.width = static_cast<int>(Be16(in, i + 7));
    }
    if (marker != 0xE1) out.bytes.append(in, i, 2 + len);
    i += 2 + len;
    if (marker == 0xDA) break;  // start of scan: the rest is image data
  }
  // The image must end with EOI (trailing padding after it is tolerated).
  size_t eoi = in.rfind("\xFF\xD9");
  if (eoi == std::string::npos || eoi < i) return Broken("JPEG");
  out.bytes.append(in, i, std::string::npos);
  if (out.width <= 0 || out.height <= 0) return Broken("JPEG");
  return out;
}

// PNG: chunks of length, type, data and CRC. eXIf and the text chunks (where XMP lives) go;
// the CRCs of the chunks that stay are untouched. IHDR first and IEND last, or it is cut short.
Expected<CleanImage> CleanPng(const std::string& in) {
  CleanImage out;
  out.bytes.reserve(in.size());
  out.bytes.append(in, 0, 8);
  size_t i = 8;
  bool seen_end = false;
  while (i < in.size()) {
    if (i + 12 > in.size()) return Broken("PNG");
    size_t len = Be32(in, i);
    std::string type = in.substr(i + 4, 4);
    if (len > in.size() || i + 12 + len > in.size()) return Broken("PNG");
    if (i == 8) {
      if (type != "IHDR" || len < 8) return Broken("PNG");
      out.width = static_cast<int>(Be32(in, i + 8));
      out.height = static_cast<int>(Be32(in, i + 12));
    }
    bool metadata = type == "eXIf" || type == "tEXt" || type == "zTXt" || type == "iTXt";
    if (!metadata) out.bytes.append(in, i, 12 + len);
    i += 12 + len;
    if (type == "IEND") {
      seen_end = true;
      break;
    }
  }
  if (!seen_end || out.width <= 0 || out.height <= 0) return Broken("PNG");
  return out;
}

// WebP: a RIFF file of chunks. EXIF and XMP chunks go, the VP8X flags that announce them are
// cleared, and the RIFF size is rewritten.
Expected<CleanImage> CleanWebp(const std::string& in) {
  if (in.size() < 20) return Broken("WebP");
  size_t riff_end = size_t(Le32(in, 4)) + 8;
  if (riff_end > in.size()) return Broken("WebP");
  CleanImage out;
  out.bytes.append(in, 0, 12);
  size_t i = 12;
  size_t vp8x_at = std::string::npos;
  while (i < riff_end) {
    if (i + 8 > riff_end) return Broken("WebP");
    std::string type = in.substr(i, 4);
    size_t len = Le32(in, i + 4);
    size_t padded = len + (len & 1);
    if (len > riff_end || i + 8 + len > riff_end) return Broken("WebP");
    const size_t d = i + 8;
    if (type == "VP8X" && len >= 10) {
      vp8x_at = out.bytes.size();
      out.width = static_cast<int>(Le24(in, d + 4)) + 1;
      out.height = static_cast<int>(Le24(in, d + 7)) + 1;
    } else if (type == "VP8 " && len >= 10 && out.width == 0) {
      out.width = static_cast<int>(Le16(in, d + 6) & 0x3FFF);
      out.height = static_cast<int>(Le16(in, d + 8) & 0x3FFF);
    } else if (type == "VP8L" && len >= 5 && out.width == 0) {
      uint32_t bits = Le32(in, d + 1);
      out.width = static_cast<int>(bits & 0x3FFF) + 1;
      out.height = static_cast<int>((bits >> 14) & 0x3FFF) + 1;
    }
    if (type != "EXIF" && type != "XMP ") out.bytes.append(in, i, std::min(8 + padded, riff_end - i));
    i += 8 + padded;
  }
  if (vp8x_at != std::string::npos) out.bytes[vp8x_at + 8] = static_cast<char>(uint8_t(out.bytes[vp8x_at + 8]) & ~0x0C);
  PutLe32(out.bytes, 4, static_cast<uint32_t>(out.bytes.size() - 8));
  if (out.width <= 0 || out.height <= 0) return Broken("WebP");
  return out;
}

}  // namespace

Expected<CleanImage> CleanImageBytes(Container c, const std::string& bytes) {
  switch (c) {
    case Container::Jpeg: return CleanJpeg(bytes);
    case Container::Png: return CleanPng(bytes);
    case Container::Webp: return CleanWebp(bytes);
    default: break;
  }
  return BadRequest("unreadable_file", "This file is not a picture we can read.");
}

}  // namespace salik
