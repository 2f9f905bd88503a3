// A message as JSON text, written directly: the chat's hot path (every ack and every delivered
// message) would otherwise build an nlohmann tree and walk it again to print it. The text is
// byte for byte what nlohmann's dump of to_json(Message) gives (keys sorted, same escapes), so
// either may be used anywhere; a unit test holds the two together.
#pragma once

#include <string>
#include <string_view>

#include "core/chat.hpp"

namespace salik {

// Appends `s` as a JSON string, quotes included. Invalid UTF-8 is not handled here: callers
// check with IsValidUtf8 first (nlohmann replaces bad bytes; see MessageJson).
void AppendJsonString(std::string& out, std::string_view s);
bool IsValidUtf8(std::string_view s);
// The message object, as nlohmann::json(m).dump() would print it.
std::string MessageJson(const Message& m);

}  // namespace salik
