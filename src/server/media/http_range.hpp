// The Range header of a download (RFC 9110, one byte range): "bytes=a-b", "bytes=a-", "bytes=-n".
#pragma once

#include <cstdint>
#include <string>

namespace salik {

struct RangeRequest {
  enum class Kind { Whole, Part, Unsatisfiable } kind = Kind::Whole;
  uint64_t offset = 0;
  uint64_t length = 0;
};

// No header, another unit, several ranges or a malformed value: the whole file (a server may
// ignore Range). A range starting at or past the end: Unsatisfiable (416).
RangeRequest ParseRange(const std::string& header, uint64_t file_size);

}  // namespace salik
