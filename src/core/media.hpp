// Media attached to issues, mechanic documents and chats: the wire shape shared by the server and
// the app (docs/api.md, "Media"), and the limits both sides check. Pure: no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace salik {

enum class MediaType { Audio, Image, Video };

std::string_view ToWire(MediaType);                            // "audio", "image", "video"
std::optional<MediaType> MediaTypeFromWire(std::string_view);

// Limits from the design document. The server enforces them; the app may check early.
inline constexpr int64_t kMaxAudioBytes = 10LL * 1024 * 1024;
inline constexpr int64_t kMaxImageBytes = 5LL * 1024 * 1024;
inline constexpr int64_t kMaxVideoBytes = 50LL * 1024 * 1024;
inline constexpr int64_t kMaxUploadBytes = kMaxVideoBytes;  // the largest of the three
inline constexpr double kMaxRecordingSeconds = 60.0;
inline constexpr int kUploadsPerHour = 20;
inline constexpr int64_t kDefaultMediaUrlTtlSeconds = 3600;
inline constexpr size_t kMaxMediaLabelLength = 120;

int64_t MaxBytesFor(MediaType);

// One stored file as the API shows it. `url` is a signed, expiring link made for the reader.
struct Media {
  std::string id;
  MediaType media_type = MediaType::Image;
  std::string mime;                         // from the bytes, e.g. "audio/webm"
  std::string url;                          // "/api/media/<id>/content?expires=…&sig=…"
  std::optional<double> duration_seconds;  // audio and video
  int64_t file_size = 0;                    // bytes as stored (after EXIF stripping)
  std::string label;                        // the uploader's file name, sanitized
  std::optional<int> width;                 // images and video
  std::optional<int> height;
  std::string created_at;
  std::string owner_id;                     // the uploader
};

void to_json(nlohmann::json& j, const Media& m);
void from_json(const nlohmann::json& j, Media& m);

// A file name reduced to a harmless label: only its last path component is kept ("../../etc/passwd"
// becomes "passwd"), control characters and quotes are dropped, length is capped. Returns "" when
// nothing usable is left; the server then names the file after its type.
std::string SanitizeMediaLabel(std::string_view raw);

}  // namespace salik
