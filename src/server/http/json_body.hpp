// Reading a JSON request body: Content-Type check (415), size and nesting limits, parse (400).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>

#include "core/api_error.hpp"
#include "server/http/http_types.hpp"

namespace salik {

constexpr size_t kMaxBodyBytes = 1024 * 1024;  // also the listener's parser limit
constexpr int kMaxJsonDepth = 32;               // our bodies are flat; deep nesting is an attack

// An empty body reads as JSON null, which the core parsers refuse as "must be an object".
Expected<nlohmann::json> ReadJsonBody(const HttpRequest& req);

}  // namespace salik
