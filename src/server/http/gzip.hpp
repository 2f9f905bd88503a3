// gzip compression (zlib) for static files.
#pragma once

#include <string>
#include <string_view>

namespace salik {

// The gzip form of `data` at the best compression level; throws std::runtime_error on failure.
std::string Gzip(std::string_view data);

}  // namespace salik
