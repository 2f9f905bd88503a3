// Text fields. The DOM mirror's <input>/<textarea> is the real editor: it holds focus, takes
// typing, paste, IME, virtual keyboards and password managers; this widget draws its value and
// caret on the canvas and keeps `value` in step with it.
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "a11y/mirror.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "ui/widgets_internal.hpp"

namespace salik::ui {
namespace {

// The DOM counts selection in UTF-16 code units; our strings are UTF-8.
size_t Utf16ToByteOffset(const std::string& s, int units) {
  size_t i = 0;
  int seen = 0;
  while (i < s.size() && seen < units) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    seen += len == 4 ? 2 : 1;
    i += len;
  }
  return i > s.size() ? s.size() : i;
}

std::string Masked(const std::string& s) {
  std::string out;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) out += "\xE2\x80\xA2";  // •
  return out;
}

struct Line {
  size_t begin, end;
};

// Word-wrapped lines of `text` for a text area.
std::vector<Line> WrapLines(ImFont* font, const std::string& text, float width) {
  std::vector<Line> lines;
  float scale = ImGui::GetIO().FontGlobalScale;
  const char* start = text.c_str();
  const char* s = start;
  const char* end = start + text.size();
  while (s <= end) {
    const char* nl = static_cast<const char*>(memchr(s, '\n', end - s));
    const char* para_end = nl ? nl : end;
    const char* p = s;
    do {
      const char* wrap = font->CalcWordWrapPositionA(scale, p, para_end, width);
      if (wrap == p && p < para_end) wrap = p + 1;
      lines.push_back({static_cast<size_t>(p - start), static_cast<size_t>(wrap - start)});
      p = wrap;
      while (p < para_end && *p == ' ') ++p;
    } while (p < para_end);
    if (!nl) break;
    s = nl + 1;
    if (s == end) {
      lines.push_back({text.size(), text.size()});
      break;
    }
  }
  return lines;
}

}  // namespace

bool TextField(const char* label, std::string& value, const FieldOptions& o) {
  detail::AlignToColumn();
  ImGui::PushID(label);
  ImGuiID id = ImGui::GetID("##field");
  std::string_view text = VisibleLabel(label);
  const auto& c = Colors();
  ImFont* label_font = GetFonts().small_bold;
  ImFont* font = GetFonts().body;
  float width = detail::ResolveWidth(o.width, detail::ColumnWidth());

  // Label
  ImVec2 pos = ImGui::GetCursorScreenPos();
  if (!o.hide_label) {
    detail::DrawText(label_font, pos, c.text, text);
    if (o.required) {
      float lw = detail::MeasureText(label_font, text).x;
      detail::DrawText(label_font, ImVec2(pos.x + lw + 3, pos.y), c.danger, "*");
    }
  }
  float label_h = o.hide_label ? 0.0f : detail::MeasureText(label_font, text).y + 7.0f;

  // Changes typed in the DOM since the last frame.
  int sel_start = -1, sel_end = -1;
  static std::unordered_map<ImGuiID, std::pair<int, int>> selections;
  if (auto edit = a11y::TakeTextEdit(id)) {
    value = edit->text;
    selections[id] = {edit->selection_start, edit->selection_end};
  }
  bool focused = a11y::IsFocused(id);
  if (focused) {
    auto it = selections.find(id);
    if (it != selections.end()) {
      sel_start = it->second.first;
      sel_end = it->second.second;
    } else {
      sel_start = sel_end = 1 << 30;  // caret at the end
    }
  }
  bool submitted = a11y::TakeSubmit(id);

  float line_h = font->FontSize * ImGui::GetIO().FontGlobalScale * 1.35f;
  const float pad_x = 14.0f;
  float box_h = o.lines > 1 ? line_h * o.lines + 24.0f : Sizes().control_height;
  ImRect box(ImVec2(pos.x, pos.y + label_h), ImVec2(pos.x + width, pos.y + label_h + box_h));
  float total_h = label_h + box_h;
  float note_h = 0;
  std::string_view note = !o.error.empty() ? o.error : (o.hint ? std::string_view(o.hint) : std::string_view());
  if (!note.empty()) note_h = detail::MeasureText(GetFonts().small, note, width).y + 6.0f;
  ImRect whole(pos, ImVec2(pos.x + width, pos.y + total_h + note_h));
  ImGui::ItemSize(whole);
  bool visible = ImGui::ItemAdd(box, id);

  if (visible) {
    auto* dl = ImGui::GetWindowDrawList();
    bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
    ImU32 border = !o.error.empty() ? c.danger : focused ? c.primary : hovered ? c.border_strong : c.border;
    dl->AddRectFilled(box.Min, box.Max, c.surface, Sizes().control_radius);
    dl->AddRect(box.Min, box.Max, border, Sizes().control_radius, 0, focused ? 2.0f : 1.0f);
    if (focused) {
      ImRect ring = box;
      ring.Expand(2.0f);
      dl->AddRect(ring.Min, ring.Max, c.focus_ring, Sizes().control_radius + 2, 0, 2.5f);
    }

    std::string shown = o.password ? Masked(value) : value;
    // Selection offsets in the shown string (masking maps each character to 3 bytes).
    auto shown_offset = [&](int units) {
      if (!o.password) return Utf16ToByteOffset(value, units);
      return ImMin(shown.size(), static_cast<size_t>(ImMax(0, units)) * 3);
    };
    float scale = ImGui::GetIO().FontGlobalScale;
    float px = font->FontSize * scale;
    float inner_w = width - 2 * pad_x;
    dl->PushClipRect(ImVec2(box.Min.x + 4, box.Min.y + 2), ImVec2(box.Max.x - 4, box.Max.y - 2), true);
    if (shown.empty()) {
      float y = o.lines > 1 ? box.Min.y + 12.0f : box.GetCenter().y - px * 0.5f;
      dl->AddText(font, px, ImVec2(box.Min.x + pad_x, y), c.text_faint, o.placeholder);
      if (focused) dl->AddLine(ImVec2(box.Min.x + pad_x, y), ImVec2(box.Min.x + pad_x, y + px), c.primary, 1.5f);
    } else if (o.lines <= 1) {
      size_t caret = focused ? shown_offset(sel_start) : shown.size();
      float caret_x = detail::MeasureText(font, std::string_view(shown).substr(0, caret)).x;
      float scroll = ImMax(0.0f, caret_x - inner_w + 2.0f);
      float y = box.GetCenter().y - px * 0.5f;
      float x0 = box.Min.x + pad_x - scroll;
      if (focused && sel_end > sel_start) {
        float x1 = detail::MeasureText(font, std::string_view(shown).substr(0, shown_offset(sel_end))).x;
        dl->AddRectFilled(ImVec2(x0 + caret_x, y - 2), ImVec2(x0 + x1, y + px + 2), c.primary_soft);
      }
      dl->AddText(font, px, ImVec2(x0, y), c.text, shown.c_str());
      if (focused) dl->AddLine(ImVec2(x0 + caret_x, y - 1), ImVec2(x0 + caret_x, y + px + 1), c.primary, 1.5f);
    } else {
      auto lines = WrapLines(font, shown, inner_w);
      size_t caret = focused ? shown_offset(sel_start) : std::string::npos;
      float y = box.Min.y + 12.0f;
      // Keep the caret's line in view: scroll whole lines.
      size_t caret_line = 0;
      for (size_t i = 0; i < lines.size(); ++i)
        if (caret != std::string::npos && caret >= lines[i].begin && caret <= lines[i].end) caret_line = i;
      int first = ImMax(0, static_cast<int>(caret_line) - o.lines + 1);
      for (size_t i = first; i < lines.size(); ++i) {
        const char* b = shown.c_str() + lines[i].begin;
        const char* e = shown.c_str() + lines[i].end;
        dl->AddText(font, px, ImVec2(box.Min.x + pad_x, y), c.text, b, e);
        if (i == caret_line && caret != std::string::npos) {
          float cx = detail::MeasureText(font, std::string_view(b, caret - lines[i].begin)).x;
          dl->AddLine(ImVec2(box.Min.x + pad_x + cx, y - 1), ImVec2(box.Min.x + pad_x + cx, y + px + 1), c.primary,
                      1.5f);
        }
        y += line_h;
      }
    }
    dl->PopClipRect();
    if (!note.empty())
      ImGui::GetWindowDrawList()->AddText(GetFonts().small, GetFonts().small->FontSize * scale,
                                          ImVec2(pos.x, box.Max.y + 6.0f), o.error.empty() ? c.text_muted : c.danger,
                                          note.data(), note.data() + note.size(), width);
  }

  uint32_t flags = (o.lines > 1 ? a11y::kMultiline : 0) | (o.password ? a11y::kPassword : 0) |
                   (o.email ? a11y::kEmail : 0) | (o.numeric ? a11y::kNumeric : 0) |
                   (o.required ? a11y::kRequired : 0) | (o.error.empty() ? 0 : a11y::kInvalid);
  a11y::Node(id, {.role = a11y::Role::Textbox, .name = text, .rect = box, .flags = flags, .value = value,
                  .placeholder = o.placeholder});
  if (o.take_focus) a11y::RequestFocus(id);
  if (!o.error.empty())
    a11y::Node(ImGui::GetID("##error"),
               {.role = a11y::Role::Text, .name = o.error, .rect = ImRect(ImVec2(pos.x, box.Max.y), whole.Max)});
  ImGui::PopID();
  return submitted;
}

}  // namespace salik::ui
