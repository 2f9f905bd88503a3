// Side effects the reducer asks for; net/ and platform/ carry them out and answer with actions.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "state/actions.hpp"

namespace salik::app {

struct HttpCommand {
  Request request;
  std::string method;  // GET, POST, PATCH, DELETE
  std::string path;    // "/api/…"
  std::string body;    // JSON, empty for none
  std::string token;   // bearer token, empty for none
  std::string context;
};
struct StoreToken {
  std::string token;  // empty: forget it
};
struct SetHash {
  std::string hash;
};

using Command = std::variant<HttpCommand, StoreToken, SetHash>;
using Commands = std::vector<Command>;

}  // namespace salik::app
