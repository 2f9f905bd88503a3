// What may be attached to an issue, decided before any byte is uploaded, with the server's own
// limits (core/media.hpp). The server still checks the bytes; this only saves a wasted upload.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "state/media_upload_state.hpp"

namespace salik::app {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "audio/webm;codecs=opus" → "audio/webm".
std::string BareMime(std::string_view mime) {
  std::string m = Lower(mime);
  auto cut = m.find(';');
  if (cut != std::string::npos) m.resize(cut);
  while (!m.empty() && m.back() == ' ') m.pop_back();
  return m;
}

std::string Extension(std::string_view name) {
  auto dot = name.rfind('.');
  return dot == std::string_view::npos ? "" : Lower(name.substr(dot + 1));
}

const char* Noun(MediaType t) {
  switch (t) {
    case MediaType::Audio: return "Sound files";
    case MediaType::Image: return "Photos";
    case MediaType::Video: return "Videos";
  }
  return "Files";
}

}  // namespace

std::optional<MediaType> AttachmentTypeFor(std::string_view mime, std::string_view file_name) {
  // The formats the server recognises by their bytes (docs/api.md, "Media").
  std::string m = BareMime(mime);
  if (m == "image/jpeg" || m == "image/png" || m == "image/webp") return MediaType::Image;
  if (m == "video/mp4" || m == "video/webm") return MediaType::Video;
  if (m == "audio/webm" || m == "audio/ogg" || m == "audio/mp4" || m == "audio/x-m4a" || m == "audio/m4a" ||
      m == "audio/wav" || m == "audio/x-wav" || m == "audio/wave" || m == "audio/vnd.wave" || m == "audio/mpeg" ||
      m == "audio/mp3")
    return MediaType::Audio;
  if (!m.empty() && m != "application/octet-stream") return std::nullopt;
  // No type from the browser (some systems give none): go by the extension.
  std::string ext = Extension(file_name);
  if (ext == "jpg" || ext == "jpeg" || ext == "png" || ext == "webp") return MediaType::Image;
  if (ext == "mp4") return MediaType::Video;
  if (ext == "webm" || ext == "ogg" || ext == "opus" || ext == "m4a" || ext == "wav" || ext == "mp3")
    return MediaType::Audio;
  return std::nullopt;
}

std::string AttachmentRefusal(MediaType type, std::string_view label, int64_t bytes, double seconds,
                              size_t attached) {
  std::string name(label.empty() ? "This file" : label);
  if (attached >= static_cast<size_t>(kMaxAttachments))
    return "At most " + std::to_string(kMaxAttachments) + " files can be added at a time.";  // issue or documents
  if (bytes <= 0) return name + " is empty.";
  if (bytes > MaxBytesFor(type))
    return name + " is " + SizeText(bytes) + "; " + Lower(Noun(type)) + " can be at most " +
           SizeText(MaxBytesFor(type)) + ".";
  if (type == MediaType::Audio && seconds > kMaxRecordingSeconds)
    return name + " is " + ClockText(seconds) + " long; recordings can be at most " +
           std::to_string(static_cast<int>(kMaxRecordingSeconds)) + " seconds.";
  return {};
}

std::string_view AcceptFor(MediaType type) {
  switch (type) {
    case MediaType::Image: return "image/jpeg,image/png,image/webp";
    case MediaType::Video: return "video/mp4,video/webm";
    case MediaType::Audio: return "audio/*,.m4a,.opus";
  }
  return "";
}

std::string AcceptForChat() {
  return std::string(AcceptFor(MediaType::Image)) + "," + std::string(AcceptFor(MediaType::Video)) + "," +
         std::string(AcceptFor(MediaType::Audio));
}

float LevelFromRms(double rms) {
  if (!(rms > 0)) return 0.0f;
  double db = 20.0 * std::log10(rms);
  return static_cast<float>(std::clamp((db + 60.0) / 60.0, 0.0, 1.0));
}

std::string SizeText(int64_t bytes) {
  char buf[32];
  if (bytes >= 1024 * 1024) {
    double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
    // Whole megabytes (the limits) without a decimal, so "5.0 MB" over a limit of "5 MB" reads right.
    bool whole = bytes % (1024 * 1024) == 0;
    std::snprintf(buf, sizeof buf, mb < 10 && !whole ? "%.1f MB" : "%.0f MB", mb);
  } else {
    std::snprintf(buf, sizeof buf, "%lld KB", static_cast<long long>((bytes + 1023) / 1024));
  }
  return buf;
}

std::string ClockText(double seconds) {
  int s = std::max(0, static_cast<int>(std::lround(seconds)));
  char buf[16];
  std::snprintf(buf, sizeof buf, "%d:%02d", s / 60, s % 60);
  return buf;
}

}  // namespace salik::app
