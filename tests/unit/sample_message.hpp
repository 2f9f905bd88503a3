// A fully filled chat message for tests of how messages are written and read on the wire.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "core/chat.hpp"

namespace salik::testing {

// A seq near 2^53 by default: the largest a JavaScript client reads exactly.
inline Message SampleMessage(std::string content, int64_t seq = 9'007'199'254) {
  Message m;
  m.id = "6f1c2d8e-1111-4222-8333-944455556666";
  m.conversation_id = "7f1c2d8e-1111-4222-8333-944455556666";
  m.seq = seq;
  m.sender_id = "8f1c2d8e-1111-4222-8333-944455556666";
  m.client_id = "c-1:2.3_4";
  m.content = std::move(content);
  m.created_at = "2026-11-21T16:00:00.123Z";
  return m;
}

}  // namespace salik::testing
