// docs/openapi.json, embedded into the binary at build time (cmake/Server.cmake), so the
// server describes itself wherever it runs.
#pragma once

#include <string_view>

namespace salik {

std::string_view OpenApiJson();

}  // namespace salik
