// Client ids for outgoing chat messages. A client picks the id once per message and resends with
// the same one; the server stores a message once per (client id, sender, conversation). The id
// starts with its creation time so that ids sort by when they were made: the server's index of
// them then grows at its end, and a batch of new messages shares index pages instead of writing
// one page each. Nothing relies on the time for correctness; any unique id is accepted.
#pragma once

#include <cstdint>
#include <string>

namespace salik {

// "m-" + 12 hex digits of milliseconds since the Unix epoch + "-" + 16 hex digits of the random
// bits: 31 characters, within ChatLimits::kClientIdMax and the allowed characters.
std::string TimeOrderedClientId(int64_t unix_ms, uint64_t random_bits);

}  // namespace salik
