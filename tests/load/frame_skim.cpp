#include "frame_skim.hpp"

#include <cctype>

namespace salik::load {
namespace {

// A cursor over the text. Every Read* advances past what it read and returns false on bad JSON.
class Skimmer {
 public:
  Skimmer(std::string_view text, const std::function<void(const SkimmedFrame&)>& on_frame)
      : s_(text), on_frame_(on_frame) {}

  bool Run() {
    SkipSpace();
    if (Peek() != '{') return false;
    // A batch is an object whose "frames" array holds the frames; anything else is one frame.
    SkimmedFrame top;
    if (!ReadObject([&](std::string_view key) {
          if (key == "type") return ReadType(top);
          if (key == "frames") return ReadFrameArray();
          if (key == "message") return ReadMessage(top);
          return SkipValue();
        }))
      return false;
    if (top.type != "batch") on_frame_(top);
    SkipSpace();
    return i_ == s_.size();
  }

 private:
  char Peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  void SkipSpace() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool Expect(char c) {
    SkipSpace();
    if (Peek() != c) return false;
    ++i_;
    return true;
  }

  // The raw text between the quotes; escapes are skipped over, not decoded.
  bool ReadString(std::string_view& out) {
    if (!Expect('"')) return false;
    size_t start = i_;
    while (i_ < s_.size() && s_[i_] != '"') i_ += s_[i_] == '\\' ? 2 : 1;
    if (i_ >= s_.size()) return false;
    out = s_.substr(start, i_ - start);
    ++i_;
    return true;
  }
  bool ReadType(SkimmedFrame& frame) {
    SkipSpace();
    return Peek() == '"' ? ReadString(frame.type) : SkipValue();
  }
  bool ReadInt(int64_t& out) {
    SkipSpace();
    size_t start = i_;
    if (Peek() == '-') ++i_;
    int64_t v = 0;
    while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) v = v * 10 + (s_[i_++] - '0');
    if (i_ == start) return false;
    // A fraction or exponent: not a seq, but still valid JSON to step over.
    while (i_ < s_.size() && std::string_view(".eE+-0123456789").find(s_[i_]) != std::string_view::npos) ++i_;
    out = s_[start] == '-' ? -v : v;
    return true;
  }

  // Calls on_key for each key with the cursor on its value; on_key must consume the value.
  template <typename OnKey>
  bool ReadObject(OnKey&& on_key) {
    if (!Expect('{')) return false;
    SkipSpace();
    if (Peek() == '}') return ++i_, true;
    for (;;) {
      std::string_view key;
      if (!ReadString(key) || !Expect(':') || !on_key(key)) return false;
      SkipSpace();
      if (Peek() == ',') {
        ++i_;
        continue;
      }
      return Expect('}');
    }
  }
  template <typename OnItem>
  bool ReadArray(OnItem&& on_item) {
    if (!Expect('[')) return false;
    SkipSpace();
    if (Peek() == ']') return ++i_, true;
    for (;;) {
      if (!on_item()) return false;
      SkipSpace();
      if (Peek() == ',') {
        ++i_;
        continue;
      }
      return Expect(']');
    }
  }

  bool ReadMessage(SkimmedFrame& frame) {
    SkipSpace();
    if (Peek() != '{') return SkipValue();  // "message": null or anything else
    return ReadObject([&](std::string_view key) {
      if (key == "seq") {
        SkipSpace();
        if (Peek() == '-' || std::isdigit(static_cast<unsigned char>(Peek()))) return ReadInt(frame.seq);
      }
      if (key == "content") {
        SkipSpace();
        if (Peek() == '"') return ReadString(frame.content);
      }
      return SkipValue();
    });
  }
  bool ReadFrame() {
    SkimmedFrame frame;
    if (!ReadObject([&](std::string_view key) {
          if (key == "type") return ReadType(frame);
          if (key == "message") return ReadMessage(frame);
          return SkipValue();
        }))
      return false;
    on_frame_(frame);
    return true;
  }
  bool ReadFrameArray() {
    return ReadArray([&] {
      SkipSpace();
      return Peek() == '{' ? ReadFrame() : SkipValue();
    });
  }

  bool SkipValue() {
    SkipSpace();
    switch (Peek()) {
      case '{':
        return ReadObject([&](std::string_view) { return SkipValue(); });
      case '[':
        return ReadArray([&] { return SkipValue(); });
      case '"': {
        std::string_view ignored;
        return ReadString(ignored);
      }
      case 't':
        return Literal("true");
      case 'f':
        return Literal("false");
      case 'n':
        return Literal("null");
      default: {
        int64_t ignored;
        return ReadInt(ignored);
      }
    }
  }
  bool Literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
  const std::function<void(const SkimmedFrame&)>& on_frame_;
};

}  // namespace

bool SkimFrames(std::string_view text, const std::function<void(const SkimmedFrame&)>& on_frame) {
  return Skimmer(text, on_frame).Run();
}

}  // namespace salik::load
