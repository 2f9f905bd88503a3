// Duration and tracks of an audio or video file, read by Debian's ffprobe (package ffmpeg). It runs
// as a child process without a shell, with a time limit, and reads every packet, so a file cut
// short shows up as an error instead of a plausible answer.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace salik {

struct ProbeResult {
  bool has_audio = false;
  bool has_video = false;          // real video tracks, not cover pictures
  std::optional<double> duration;  // seconds
  std::optional<int> width;        // of the first video track
  std::optional<int> height;
};

// Nullopt when ffprobe cannot read the file cleanly or takes longer than `timeout`; throws
// std::runtime_error when ffprobe cannot be started at all (not installed).
std::optional<ProbeResult> ProbeMedia(const std::filesystem::path& file,
                                      std::chrono::milliseconds timeout = std::chrono::seconds(20));

}  // namespace salik
