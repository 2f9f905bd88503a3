#include "server/media/upload_inspector.hpp"

#include <cstdint>
#include <fstream>
#include <iterator>

#include "server/media/content_files.hpp"
#include "server/media/image_cleaner.hpp"
#include "server/media/probe.hpp"
#include "server/media/sniff.hpp"

namespace salik {
namespace {

// A recorder stopped at 60 s writes a little more than 60.000 s of packets.
constexpr double kDurationSlackSeconds = 0.5;

ApiError Unsupported(std::string message) { return {415, "unsupported_media_type", std::move(message), {}}; }
ApiError TooLarge(std::string message) { return {413, "payload_too_large", std::move(message), {}}; }
ApiError Unreadable(std::string message) { return BadRequest("unreadable_file", std::move(message)); }

const char* const kAcceptedTypes =
    "We accept recordings as WebM, Ogg, MP4/M4A, WAV or MP3, photos as JPEG, PNG or WebP, and videos as MP4 or "
    "WebM.";

std::string ReadHead(const std::filesystem::path& path, size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::string head(n, '\0');
  in.read(head.data(), static_cast<std::streamsize>(n));
  head.resize(static_cast<size_t>(in.gcount()));
  return head;
}

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// "audio", "video" or "image" from a Content-Type like "audio/webm;codecs=opus"; "" otherwise.
std::string DeclaredKind(const std::string& content_type) {
  std::string major = content_type.substr(0, content_type.find('/'));
  for (auto& c : major) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return major == "audio" || major == "video" || major == "image" ? major : "";
}

std::string Megabytes(int64_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MB"; }

std::string ImageMime(Container c) {
  return c == Container::Jpeg ? "image/jpeg" : c == Container::Png ? "image/png" : "image/webp";
}

std::string AvMime(Container c, MediaType t) {
  const bool video = t == MediaType::Video;
  switch (c) {
    case Container::WebM: return video ? "video/webm" : "audio/webm";
    case Container::Matroska: return video ? "video/x-matroska" : "audio/x-matroska";
    case Container::Mp4: return video ? "video/mp4" : "audio/mp4";
    case Container::Ogg: return "audio/ogg";
    case Container::Wav: return "audio/wav";
    case Container::Mp3: return "audio/mpeg";
    default: return "application/octet-stream";
  }
}

std::string DefaultLabel(MediaType t) {
  return t == MediaType::Audio ? "recording" : t == MediaType::Video ? "video" : "photo";
}

// A WAV header states its length; ffprobe believes a shorter file, so check it here.
bool WavIsComplete(const std::string& head, uint64_t size) {
  if (head.size() < 12) return false;
  uint64_t riff = uint8_t(head[4]) | (uint64_t(uint8_t(head[5])) << 8) | (uint64_t(uint8_t(head[6])) << 16) |
                  (uint64_t(uint8_t(head[7])) << 24);
  return riff + 8 <= size;
}

Expected<InspectedUpload> InspectImage(const UploadFile& file, Container c, ContentFiles& files) {
  if (file.size > static_cast<uint64_t>(kMaxImageBytes))
    return TooLarge("Photos can be at most " + Megabytes(kMaxImageBytes) + ".");
  auto clean = CleanImageBytes(c, ReadAll(file.path));
  if (!clean) return clean.error();
  InspectedUpload out;
  out.media_type = MediaType::Image;
  out.mime = ImageMime(c);
  out.width = clean->width;
  out.height = clean->height;
  out.keep_size = clean->bytes.size();
  out.keep_path = files.WriteTemp(clean->bytes);
  out.keep_is_copy = true;
  return out;
}

Expected<InspectedUpload> InspectAudioVideo(const UploadFile& file, Container c, const std::string& head) {
  // Containers that only ever hold sound meet the audio limit before the slower probe.
  const bool audio_only = c == Container::Wav || c == Container::Mp3 || c == Container::Ogg;
  if (audio_only && file.size > static_cast<uint64_t>(kMaxAudioBytes))
    return TooLarge("Recordings can be at most " + Megabytes(kMaxAudioBytes) + ".");
  if (c == Container::Wav && !WavIsComplete(head, file.size))
    return Unreadable("This recording is damaged or cut short.");
  auto probe = ProbeMedia(file.path);
  if (!probe) return Unreadable("We could not read this file: it is damaged or cut short.");
  MediaType type;
  if (probe->has_video && (c == Container::WebM || c == Container::Matroska || c == Container::Mp4)) {
    type = MediaType::Video;
  } else if (probe->has_video && c == Container::Ogg) {
    return Unsupported("Videos must be MP4 or WebM.");
  } else if (probe->has_audio) {
    type = MediaType::Audio;
  } else {
    return Unreadable("This file has no sound or picture we can play.");
  }
  if (file.size > static_cast<uint64_t>(MaxBytesFor(type)))
    return TooLarge(std::string(type == MediaType::Audio ? "Recordings" : "Videos") + " can be at most " +
                    Megabytes(MaxBytesFor(type)) + ".");
  if (!probe->duration) return Unreadable("We could not tell how long this file is: it may be damaged.");
  if (*probe->duration > kMaxRecordingSeconds + kDurationSlackSeconds)
    return TooLarge("Recordings and videos can be at most 60 seconds long; this one is " +
                    std::to_string(static_cast<int>(*probe->duration + 0.5)) + " seconds.");
  InspectedUpload out;
  out.media_type = type;
  out.mime = AvMime(c, type);
  out.duration_seconds = *probe->duration;
  if (type == MediaType::Video) {
    out.width = probe->width;
    out.height = probe->height;
  }
  out.keep_path = file.path;
  out.keep_size = file.size;
  return out;
}

}  // namespace

Expected<InspectedUpload> InspectUpload(const UploadFile& file, MediaAllowance allowance, ContentFiles& files) {
  if (file.path.empty() || file.size == 0) return Unreadable("The file is empty.");
  const std::string head = ReadHead(file.path, 4096);
  const Container c = SniffContainer(head);
  if (c == Container::Unknown) return Unsupported(std::string("This is not a file type we accept. ") + kAcceptedTypes);

  const bool image = IsImageContainer(c);
  const std::string declared = DeclaredKind(file.content_type);
  if (!declared.empty() && (declared == "image") != image)
    return Unsupported("The file is " + std::string(image ? "a " : "") + std::string(ContainerName(c)) +
                       (image ? " image" : " media") + ", but it was sent as " + declared + ".");
  if (allowance == MediaAllowance::ImagesOnly && !image)
    return Unsupported("Verification documents must be photos (JPEG, PNG or WebP).");

  auto inspected = image ? InspectImage(file, c, files) : InspectAudioVideo(file, c, head);
  if (!inspected) return inspected;
  inspected->label = SanitizeMediaLabel(file.raw_label);
  if (inspected->label.empty()) inspected->label = DefaultLabel(inspected->media_type);
  return inspected;
}

}  // namespace salik
