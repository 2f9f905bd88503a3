// Decides what an uploaded file is and whether it may be kept, from its bytes only: the type
// (sniff.hpp), the size limit of that type, the length of a recording or video (probe.hpp), and
// for photos the metadata-free copy that is stored instead (image_cleaner.hpp). Stores nothing.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/api_error.hpp"
#include "core/media.hpp"

namespace salik {

class ContentFiles;

enum class MediaAllowance { AnyMedia, ImagesOnly };

struct UploadFile {
  std::filesystem::path path;  // the streamed body
  uint64_t size = 0;
  std::string content_type;    // the client's hint: a clash with the bytes is refused
  std::string raw_label;       // ?label=, sanitized here
};

struct InspectedUpload {
  MediaType media_type = MediaType::Image;
  std::string mime;
  std::string label;
  std::optional<double> duration_seconds;
  std::optional<int> width;
  std::optional<int> height;
  // The file to keep: the upload itself, or (photos) a cleaned copy under the temp folder that
  // the caller adopts or deletes.
  std::filesystem::path keep_path;
  bool keep_is_copy = false;
  uint64_t keep_size = 0;
};

// 400 unreadable_file (damaged, cut short, empty), 413 too large or too long, 415 a type that is
// not allowed here or does not match the Content-Type's kind.
Expected<InspectedUpload> InspectUpload(const UploadFile& file, MediaAllowance allowance, ContentFiles& files);

}  // namespace salik
