// What the chat load generator needs from each server frame, read without building a JSON tree:
// at 40k+ frames per second a DOM parse per frame cost the generator about half its CPU, which
// on a two-core machine it takes from the server it measures.
//
// It walks the text once and understands JSON's syntax (strings with escapes, nesting), but
// keeps only three things per frame: its "type", and its "message" object's "seq" and "content".
// A {"type":"batch","frames":[…]} frame yields each inner frame in order.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

namespace salik::load {

struct SkimmedFrame {
  std::string_view type;     // "" when the frame has none
  int64_t seq = 0;           // message.seq, 0 when absent
  std::string_view content;  // message.content as written (escapes left in), "" when absent
};

// Calls on_frame for each frame in `text`; returns false (after the frames it could read) when
// the text is not well-formed JSON.
bool SkimFrames(std::string_view text, const std::function<void(const SkimmedFrame&)>& on_frame);

}  // namespace salik::load
