// Photos lose their metadata before anyone else can see them: the JPEG APP1 segments (Exif, where
// GPS position lives, and XMP), PNG eXIf and text chunks, WebP EXIF and XMP chunks. The same walk
// over the file's structure reads the picture's size and notices a file cut short.
#pragma once

#include <string>

#include "core/api_error.hpp"
#include "server/media/sniff.hpp"

namespace salik {

struct CleanImage {
  std::string bytes;  // the file without its metadata, otherwise unchanged
  int width = 0;
  int height = 0;
};

// 400 unreadable_file when the structure is broken or cut short. `c` is a JPEG, PNG or WebP.
Expected<CleanImage> CleanImageBytes(Container c, const std::string& bytes);

}  // namespace salik
