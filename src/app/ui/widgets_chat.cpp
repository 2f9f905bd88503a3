// Chat widgets: message bubbles with their receipts, day separators, the typing indicator and a
// conversation's row in the list. Each declares itself to the mirror like every other widget.
//
// [SECTION] Bubble geometry
// [SECTION] Bubble
// [SECTION] Separators and typing
// [SECTION] Conversation row
#include <emscripten/emscripten.h>

#include <string>

#include "a11y/mirror.hpp"
#include "platform/frame_scheduler.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "ui/widgets_internal.hpp"

namespace salik::ui {
namespace {

// [SECTION] Bubble geometry
constexpr float kPadX = 14.0f, kPadY = 9.0f;
constexpr float kMetaGap = 4.0f;   // bubble to its time line
constexpr float kRowGap = 12.0f;   // time line to the next bubble
constexpr float kBubbleRadius = 16.0f;
constexpr float kAttachPad = 6.0f;  // bubble edge to its attachment

float MaxBubbleWidth(float column_width) {
  return ImFloor(ImMin(column_width * (IsPhoneWidth() ? 0.82f : 0.68f), 560.0f));
}

float MetaHeight() { return GetFonts().small->FontSize * ImGui::GetIO().FontGlobalScale + 2.0f; }

ImVec2 BubbleTextSize(const BubbleSpec& b, float column_width) {
  if (b.text.empty() && b.attachment.y > 0) return ImVec2(0, 0);  // an attachment without caption
  return detail::MeasureText(GetFonts().body, b.text, MaxBubbleWidth(column_width) - 2 * kPadX);
}

bool HasAttachment(const BubbleSpec& b) { return b.attachment.y > 0; }

// The bubble around its text and attachment: the attachment on top, the caption under it.
ImVec2 BubbleSize(const BubbleSpec& b, ImVec2 text) {
  if (!HasAttachment(b)) return ImVec2(text.x + 2 * kPadX, text.y + 2 * kPadY);
  float w = ImMax(text.x + 2 * kPadX, b.attachment.x + 2 * kAttachPad);
  float h = kAttachPad + b.attachment.y + (text.y > 0 ? kPadY + text.y + kPadY : kAttachPad);
  return ImVec2(w, h);
}

const char* ReceiptWord(Receipt r) {
  switch (r) {
    case Receipt::Pending: return "Sending";
    case Receipt::Failed: return "Not sent";
    case Receipt::Sent: return "Sent";
    case Receipt::Delivered: return "Delivered";
    case Receipt::Read: return "Read";
    case Receipt::None: return "";
  }
  return "";
}

// Draws ✓ or ✓✓ (two checks, the second nudged right) and returns the width used.
float DrawChecks(ImVec2 pos, int count, ImU32 color) {
  ImFont* font = GetFonts().small;
  float w = detail::MeasureText(font, icon::kCheck).x;
  detail::DrawText(font, pos, color, icon::kCheck);
  if (count == 2) detail::DrawText(font, ImVec2(pos.x + w * 0.45f, pos.y), color, icon::kCheck);
  return count == 2 ? w * 1.45f : w;
}

// Why a refused message was refused: its own lines under the bubble, as wide as a bubble may be,
// so a long reason wraps rather than being cut at phone width.
std::string FailureText(const BubbleSpec& b) {
  if (b.receipt != Receipt::Failed) return {};
  return "Not sent" + (b.failure.empty() ? std::string() : ": " + std::string(b.failure));
}

ImVec2 FailureSize(const std::string& failure, float column_width) {
  if (failure.empty()) return ImVec2(0, 0);
  return detail::MeasureText(GetFonts().small, failure, MaxBubbleWidth(column_width));
}

float ChecksWidth(int count) {
  float w = detail::MeasureText(GetFonts().small, icon::kCheck).x;
  return count == 2 ? w * 1.45f : w;
}

}  // namespace

float BubbleHeight(const BubbleSpec& b, float column_width) {
  float h = BubbleSize(b, BubbleTextSize(b, column_width)).y + kMetaGap + MetaHeight() + kRowGap;
  if (b.receipt == Receipt::Failed) h += FailureSize(FailureText(b), column_width).y + kMetaGap;  // the reason, then its links
  return ImCeil(h);
}

// [SECTION] Bubble
BubblePress Bubble(const BubbleSpec& b) {
  detail::AlignToColumn();
  ImGui::PushID(b.id);
  const auto& c = Colors();
  const detail::Column& col = detail::CurrentColumn();
  ImFont* font = GetFonts().body;
  ImFont* small = GetFonts().small;
  ImVec2 text = BubbleTextSize(b, col.width);

  // The line under the bubble: time, "edited", and on one's own messages the receipt.
  std::string meta(b.time);
  if (b.edited) meta += meta.empty() ? "edited" : "  \xC2\xB7  edited";
  std::string failure = FailureText(b);
  float meta_w = detail::MeasureText(small, meta).x;
  int checks = b.receipt == Receipt::Sent ? 1 : (b.receipt == Receipt::Delivered || b.receipt == Receipt::Read) ? 2 : 0;
  float receipt_w = checks ? ChecksWidth(checks) + 6.0f
                    : b.receipt == Receipt::Pending ? detail::MeasureText(small, icon::kClock).x + 6.0f
                                                    : 0.0f;
  ImVec2 size = BubbleSize(b, text);
  float bubble_w = size.x, bubble_h = size.y;
  float text_top = HasAttachment(b) ? kAttachPad + b.attachment.y + kPadY : kPadY;
  float row_h = BubbleHeight(b, col.width);

  ImGuiWindow* w = ImGui::GetCurrentWindow();
  ImVec2 start = ImGui::GetCursorScreenPos();
  float left = w->Pos.x - w->Scroll.x + col.x;
  float right = left + col.width;
  float x = b.own ? right - bubble_w : left;
  ImRect bubble(ImVec2(x, start.y), ImVec2(x + bubble_w, start.y + bubble_h));
  ImRect row(ImVec2(left, start.y), ImVec2(right, start.y + row_h - kRowGap));
  ImGui::ItemSize(ImVec2(col.width, row_h));

  std::string name = std::string(b.speaker) + ": " + std::string(b.attachment_name);
  if (!b.attachment_name.empty() && !b.text.empty()) name += ". ";
  name += b.text;
  if (b.attachment_at) *b.attachment_at = ImVec2(bubble.Min.x + kAttachPad, bubble.Min.y + kAttachPad);
  a11y::BeginContainer(ImGui::GetID("##bubble"), a11y::Role::ListItem, name);
  bool visible = ImGui::ItemAdd(row, 0);
  auto* dl = w->DrawList;
  if (visible) {
    ImDrawFlags corners = ImDrawFlags_RoundCornersAll & ~(b.own ? ImDrawFlags_RoundCornersBottomRight
                                                                 : ImDrawFlags_RoundCornersBottomLeft);
    if (b.own) {
      ImU32 bg = b.receipt == Receipt::Failed ? c.danger : c.primary;
      dl->AddRectFilled(bubble.Min, bubble.Max, bg, kBubbleRadius, corners);
    } else {
      dl->AddRectFilled(ImVec2(bubble.Min.x, bubble.Min.y + 1), ImVec2(bubble.Max.x, bubble.Max.y + 1),
                        IM_COL32(16, 24, 40, 10), kBubbleRadius, corners);
      dl->AddRectFilled(bubble.Min, bubble.Max, c.surface, kBubbleRadius, corners);
      dl->AddRect(bubble.Min, bubble.Max, c.border, kBubbleRadius, corners);
    }
    float px = font->FontSize * ImGui::GetIO().FontGlobalScale;
    if (!b.text.empty())
      dl->AddText(font, px, ImVec2(bubble.Min.x + kPadX, bubble.Min.y + text_top), b.own ? c.on_primary : c.text,
                b.text.data(), b.text.data() + b.text.size(), MaxBubbleWidth(col.width) - 2 * kPadX);
  }
  float meta_y = bubble.Max.y + kMetaGap;
  float meta_x = b.own ? right - meta_w - receipt_w : left + 4.0f;
  ImRect meta_rect(ImVec2(meta_x, meta_y), ImVec2(meta_x + meta_w + receipt_w, meta_y + MetaHeight()));
  if (visible && b.receipt != Receipt::Failed) {
    detail::DrawText(small, ImVec2(meta_x, meta_y), c.text_muted, meta);
    float rx = meta_x + meta_w + 6.0f;
    if (checks) DrawChecks(ImVec2(rx, meta_y), checks, b.receipt == Receipt::Read ? c.primary : c.text_faint);
    else if (b.receipt == Receipt::Pending) detail::DrawText(small, ImVec2(rx, meta_y), c.text_faint, icon::kClock);
  }
  if (!meta.empty()) a11y::Node(ImGui::GetID("##time"), {.role = a11y::Role::Text, .name = meta, .rect = meta_rect});
  if (b.receipt != Receipt::None && b.receipt != Receipt::Failed)
    a11y::Node(ImGui::GetID("##receipt"), {.role = a11y::Role::Text, .name = ReceiptWord(b.receipt), .rect = meta_rect});

  // A word under the bubble that acts (Edit, Retry, Delete) at (x, y): hand cursor, focus ring,
  // and a button in the accessibility tree. Answers whether it was pressed.
  ImFont* bold = GetFonts().small_bold;
  bool from_keyboard = false;
  auto link = [&](const char* word, const char* accessible, float x, float y, ImU32 color) {
    float w = detail::MeasureText(bold, word).x;
    ImRect rect(ImVec2(x - 4.0f, y - 4.0f), ImVec2(x + w + 4.0f, y + MetaHeight() + 4.0f));
    ImGuiID id = ImGui::GetID(word);
    a11y::Node(id, {.role = a11y::Role::Button, .name = accessible, .rect = rect});
    bool pressed = false;
    if (visible) {
      ImGui::ItemAdd(rect, id);
      bool hovered = false, held = false;
      pressed = ImGui::ButtonBehavior(rect, id, &hovered, &held);
      if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      detail::DrawText(bold, ImVec2(x, y), hovered ? c.primary_hover : color, word);
      if (a11y::IsFocusVisible(id)) detail::DrawFocusRing(rect, 4.0f);
    }
    if (a11y::TakeActivation(id)) {
      from_keyboard = true;
      return true;
    }
    return pressed;
  };

  // Own messages inside the edit window: "Edit", left of the time.
  bool edit = false;
  if (b.editable && b.receipt != Receipt::Failed)
    edit = link("Edit", "Edit message", meta_x - detail::MeasureText(bold, "Edit").x - 14.0f, meta_y, c.text_muted);

  // A refused message: why (wrapped, under the bubble), then a way to try again and a way to give
  // up on it.
  bool retry = false, discard = false;
  float container_left = bubble.Min.x;  // a refused bubble's reason and links may reach further left
  if (b.receipt == Receipt::Failed) {
    ImVec2 fail = FailureSize(failure, col.width);
    ImRect fail_rect(ImVec2(right - fail.x, meta_y), ImVec2(right, meta_y + fail.y));
    a11y::Node(ImGui::GetID("##failure"), {.role = a11y::Role::Text, .name = failure, .rect = fail_rect});
    if (visible)
      dl->AddText(small, small->FontSize * ImGui::GetIO().FontGlobalScale, fail_rect.Min, c.danger, failure.data(),
                  failure.data() + failure.size(), MaxBubbleWidth(col.width));
    float delete_w = detail::MeasureText(bold, "Delete").x;
    float retry_w = detail::MeasureText(bold, "Retry").x;
    float links_y = meta_y + fail.y + kMetaGap;
    float retry_x = right - delete_w - 14.0f - retry_w;
    container_left = ImMin(container_left, ImMin(fail_rect.Min.x, retry_x - 4.0f));
    retry = link("Retry", "Retry", retry_x, links_y, c.primary);
    discard = link("Delete", "Delete unsent message", right - delete_w, links_y, c.text_muted);
  }
  a11y::EndContainer(ImRect(ImVec2(container_left, bubble.Min.y), ImVec2(ImMax(bubble.Max.x, meta_rect.Max.x), row.Max.y)));
  ImGui::PopID();
  BubbleAction action = retry ? BubbleAction::Retry : discard ? BubbleAction::Discard : edit ? BubbleAction::Edit : BubbleAction::None;
  return {action, action != BubbleAction::None && from_keyboard};
}

// [SECTION] Separators and typing
float DaySeparatorHeight() { return 40.0f; }

void DaySeparator(std::string_view label) {
  detail::AlignToColumn();
  const auto& c = Colors();
  const detail::Column& col = detail::CurrentColumn();
  ImFont* font = GetFonts().small_bold;
  ImVec2 size = detail::MeasureText(font, label);
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  ImVec2 start = ImGui::GetCursorScreenPos();
  float left = w->Pos.x - w->Scroll.x + col.x;
  float cx = left + col.width * 0.5f;
  ImRect pill(ImVec2(ImFloor(cx - size.x * 0.5f - 12), start.y + 6), ImVec2(ImFloor(cx + size.x * 0.5f + 12), start.y + 6 + size.y + 8));
  ImGui::ItemSize(ImVec2(col.width, DaySeparatorHeight()));
  a11y::Node(ImHashStr(label.data(), label.size(), ImGui::GetID("##day")),
             {.role = a11y::Role::Text, .name = label, .rect = pill});
  if (!ImGui::ItemAdd(pill, 0)) return;
  w->DrawList->AddRectFilled(pill.Min, pill.Max, IM_COL32(226, 231, 236, 255), 999.0f);
  detail::DrawText(font, ImVec2(pill.Min.x + 12, pill.Min.y + 4), c.text_muted, label);
}

float TypingIndicatorHeight() { return 48.0f; }

void TypingIndicator(std::string_view name) {
  detail::AlignToColumn();
  const auto& c = Colors();
  const detail::Column& col = detail::CurrentColumn();
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  ImVec2 start = ImGui::GetCursorScreenPos();
  float left = w->Pos.x - w->Scroll.x + col.x;
  std::string label = std::string(name) + " is typing";
  ImRect dots(ImVec2(left, start.y), ImVec2(left + 58.0f, start.y + 34.0f));
  ImGui::ItemSize(ImVec2(col.width, TypingIndicatorHeight()));
  ImFont* small = GetFonts().small;
  ImVec2 ls = detail::MeasureText(small, label);
  ImRect text_rect(ImVec2(dots.Max.x + 10, dots.GetCenter().y - ls.y * 0.5f),
                   ImVec2(dots.Max.x + 10 + ls.x, dots.GetCenter().y + ls.y * 0.5f));
  a11y::Node(ImGui::GetID("##typing"), {.role = a11y::Role::Text, .name = label, .rect = text_rect});
  if (!ImGui::ItemAdd(dots, 0)) return;
  auto* dl = w->DrawList;
  dl->AddRectFilled(dots.Min, dots.Max, c.surface, kBubbleRadius, ImDrawFlags_RoundCornersAll & ~ImDrawFlags_RoundCornersBottomLeft);
  dl->AddRect(dots.Min, dots.Max, c.border, kBubbleRadius, ImDrawFlags_RoundCornersAll & ~ImDrawFlags_RoundCornersBottomLeft);
  // One dot lifts at a time; the real clock drives it (frames come only as often as it moves).
  int lifted = static_cast<int>(emscripten_get_now() / 300.0) % 3;
  for (int i = 0; i < 3; ++i) {
    ImVec2 p(dots.Min.x + 17.0f + i * 12.0f, dots.GetCenter().y - (i == lifted ? 3.0f : 0.0f));
    dl->AddCircleFilled(p, 3.6f, i == lifted ? c.text_muted : c.text_faint);
  }
  detail::DrawText(small, text_rect.Min, c.text_muted, label);
  platform::RequestFrameAfter(300);
}

// [SECTION] Conversation row
bool ConversationRow(const ConversationRowSpec& r) {
  detail::AlignToColumn();
  ImGui::PushID(r.id);
  const auto& c = Colors();
  const detail::Column& col = detail::CurrentColumn();
  Fonts& f = GetFonts();
  bool phone = IsPhoneWidth();
  float height = phone ? 88.0f : 92.0f;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImRect bb(pos, ImVec2(pos.x + col.width, pos.y + height));
  ImGuiID id = ImGui::GetID("##open");
  ImGui::ItemSize(bb);
  a11y::BeginContainer(ImGui::GetID("##row"), a11y::Role::ListItem, r.name);
  std::string open_name = "Open chat with " + std::string(r.name);
  bool visible = ImGui::ItemAdd(bb, id);
  bool hovered = false, held = false;
  bool pressed = visible && ImGui::ButtonBehavior(bb, id, &hovered, &held);
  if (a11y::TakeActivation(id)) pressed = true;

  const float pad = phone ? 14.0f : 18.0f, avatar = phone ? 44.0f : 48.0f;
  float tx = bb.Min.x + pad + avatar + 14.0f;
  float right = bb.Max.x - pad;
  ImFont* time_font = r.unread > 0 ? f.small_bold : f.small;
  ImVec2 ts = detail::MeasureText(time_font, r.time);
  std::string unread = r.unread > 99 ? "99+" : std::to_string(r.unread);
  ImVec2 us = detail::MeasureText(f.small_bold, unread);
  float badge_w = r.unread > 0 ? ImMax(22.0f, us.x + 12.0f) : 0.0f;
  float line1 = bb.Min.y + (phone ? 14.0f : 16.0f);
  float line2 = line1 + 23.0f;
  float line3 = line2 + 20.0f;
  ImRect time_rect(ImVec2(right - ts.x, line1 + 2), ImVec2(right, line1 + 2 + ts.y));
  ImRect subject_rect(ImVec2(tx, line2), ImVec2(right, line2 + 18));
  ImRect preview_rect(ImVec2(tx, line3), ImVec2(right - badge_w - 8, line3 + 20));
  ImRect badge_rect(ImVec2(right - badge_w, line3), ImVec2(right, line3 + 22));
  std::string preview = r.typing ? "typing\xE2\x80\xA6" : std::string(r.preview);
  std::string unread_name = r.unread == 1 ? "1 unread message" : unread + " unread messages";
  a11y::Node(ImGui::GetID("##subject"), {.role = a11y::Role::Text, .name = r.subject, .rect = subject_rect});
  if (!preview.empty()) a11y::Node(ImGui::GetID("##preview"), {.role = a11y::Role::Text, .name = preview, .rect = preview_rect});
  if (!r.time.empty()) a11y::Node(ImGui::GetID("##time"), {.role = a11y::Role::Text, .name = r.time, .rect = time_rect});
  if (r.unread > 0) a11y::Node(ImGui::GetID("##unread"), {.role = a11y::Role::Text, .name = unread_name, .rect = badge_rect});
  // Last, so that it lies over the texts and takes the pointer anywhere on the row.
  a11y::Node(id, {.role = a11y::Role::Button, .name = open_name, .rect = bb});

  if (visible) {
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    auto* dl = ImGui::GetWindowDrawList();
    float rr = Sizes().radius;
    dl->AddRectFilled(ImVec2(bb.Min.x, bb.Min.y + 2), ImVec2(bb.Max.x, bb.Max.y + 2), IM_COL32(16, 24, 40, 10), rr);
    dl->AddRectFilled(bb.Min, bb.Max, held ? c.surface_muted : c.surface, rr);
    dl->AddRect(bb.Min, bb.Max, hovered ? c.border_strong : c.border, rr);

    // Avatar: initials on the primary tint, a green dot when the other party is online.
    ImVec2 ac(bb.Min.x + pad + avatar * 0.5f, bb.GetCenter().y);
    dl->AddCircleFilled(ac, avatar * 0.5f, c.primary_soft, 32);
    std::string initials;
    bool word_start = true;
    for (char ch : r.name) {
      if (ch == ' ') word_start = true;
      else if (word_start && initials.size() < 2 && static_cast<unsigned char>(ch) < 0x80) {
        initials += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        word_start = false;
      } else word_start = false;
    }
    ImVec2 is = detail::MeasureText(f.body_bold, initials);
    detail::DrawText(f.body_bold, ImVec2(ImFloor(ac.x - is.x * 0.5f), ImFloor(ac.y - is.y * 0.5f)), c.primary, initials);
    if (r.online) {
      ImVec2 dot(ac.x + avatar * 0.36f, ac.y + avatar * 0.36f);
      dl->AddCircleFilled(dot, 7.0f, c.surface, 16);
      dl->AddCircleFilled(dot, 5.0f, c.success, 16);
    }

    // Lines clipped to their room; the name leaves space for the time.
    auto clipped = [&](ImFont* font, ImVec2 p, float max_x, ImU32 col, std::string_view s) {
      dl->PushClipRect(ImVec2(p.x, p.y - 2), ImVec2(max_x, p.y + 30), true);
      detail::DrawText(font, p, col, s);
      dl->PopClipRect();
      if (detail::MeasureText(font, s).x > max_x - p.x) {
        // Fade the cut edge into the card.
        dl->AddRectFilledMultiColor(ImVec2(max_x - 28, p.y - 2), ImVec2(max_x, p.y + 22), c.surface & 0x00FFFFFF,
                                    held ? c.surface_muted : c.surface, held ? c.surface_muted : c.surface, c.surface & 0x00FFFFFF);
      }
    };
    clipped(f.body_bold, ImVec2(tx, line1), right - ts.x - 12, c.text, r.name);
    detail::DrawText(time_font, time_rect.Min, r.unread > 0 ? c.primary : c.text_muted, r.time);
    clipped(f.small, ImVec2(tx, line2), right, c.text_muted, r.subject);
    clipped(r.unread > 0 ? f.body_bold : f.body, ImVec2(tx, line3), preview_rect.Max.x, r.typing ? c.primary : r.unread > 0 ? c.text : c.text_muted,
            preview);
    if (r.unread > 0) {
      dl->AddRectFilled(badge_rect.Min, badge_rect.Max, c.primary, 999.0f);
      detail::DrawText(f.small_bold, ImVec2(ImFloor(badge_rect.GetCenter().x - us.x * 0.5f), ImFloor(badge_rect.GetCenter().y - us.y * 0.5f)),
                       c.on_primary, unread);
    }
    if (a11y::IsFocusVisible(id)) detail::DrawFocusRing(bb, rr);
  }
  a11y::EndContainer(bb);
  ImGui::PopID();
  return pressed;
}

}  // namespace salik::ui
