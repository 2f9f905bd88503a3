// SalikChat's widgets: drawn with ImGui's draw lists in the theme's look, and each one declares
// itself to the semantic DOM mirror (a11y/) with its role and visible label. Screens use only
// these, never raw ImGui widgets, so that everything on screen is reachable without a mouse.
//
// Labels follow ImGui's convention: "Visible text##unique-suffix"; the mirror reads the visible part.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "imgui.h"

namespace salik::ui {

// --- page structure
// A full-window scrolling page below `top` px (the top bar); content is a centred column.
void BeginPage(const char* id, float top);
void EndPage();
// Scrolls the page drawn last (BeginPage or BeginKnownPage) by dy CSS px and redraws at once.
void ScrollPageBy(float dy);
void BeginColumn(float max_width);
// The width BeginColumn(max_width) gives a full-width window, known before the window begins.
float PageColumnWidth(float max_width);
void EndColumn();
// A page whose content height the screen knows before laying it out (a long chat): the screen
// decides the scroll first, then places rows itself (PlaceAt), so only visible rows are laid out.
// `bottom` px at the foot of the window stay free for a panel (a composer).
void BeginKnownPage(const char* id, float top, float bottom, float content_height, float scroll_y);
void EndKnownPage();
// The scroll a page will have this frame: where it was, plus wheel, touch or mirror scrolling since.
float PendingScroll(const char* id);
// Moves the cursor to (x, y) in the current window's content coordinates.
void PlaceAt(float x, float y);
// A full-width white band fixed in place (a chat's header or composer), with a hairline edge.
void BeginPanel(const char* id, float top, float height);
void EndPanel();
bool IsPhoneWidth();
// The width of the current column (page column or card interior).
float ColumnWidth();
void Spacer(float height);

// --- text
enum class TextStyle { Body, BodyBold, Small, SmallBold };
void Heading(std::string_view text, int level = 1, ImU32 color = 0);
void Text(std::string_view text, TextStyle style = TextStyle::Body, ImU32 color = 0);
void TextCentered(std::string_view text, TextStyle style = TextStyle::Body, ImU32 color = 0);
// One line, cut with "…" where it would not fit (`width` 0 = the rest of the column); the mirror
// gets the whole text.
void TextLine(std::string_view text, TextStyle style = TextStyle::Body, ImU32 color = 0, float width = 0);
// An error or success note with an icon, announced to screen readers (role alert).
void Banner(std::string_view message, bool is_error = true);
// A small rounded label ("URGENT", "Verified").
void Badge(std::string_view text, ImU32 fg, ImU32 bg, const char* icon = nullptr);
// A soft rounded square with an icon, heading a card.
void IconTile(const char* icon, ImU32 fg, ImU32 bg);
// Several badges or short items in one wrapping row.
void SameLineIfFits(float next_width);

// --- controls
enum class ButtonKind { Primary, Secondary, Ghost, Danger };
struct ButtonOptions {
  ButtonKind kind = ButtonKind::Primary;
  const char* icon = nullptr;
  float width = 0;  // 0 = fit the label; -1 = full width
  bool disabled = false;
  bool busy = false;  // shows a spinner and refuses clicks
  bool small = false;
  bool icon_only = false;  // draws only the icon; the label stays the accessible name
  int badge = 0;           // a count in a bubble on the top-right corner (unread messages)
  std::string_view accessible_name;  // instead of the label, e.g. "Messages, 2 unread"
};
bool Button(const char* label, const ButtonOptions& options = {});
float ButtonWidth(const char* label, const ButtonOptions& options = {});
bool Link(const char* label);

struct FieldOptions {
  const char* placeholder = "";
  const char* hint = nullptr;
  std::string_view error;  // shown under the field, and marks it invalid
  bool password = false;
  bool email = false;
  bool numeric = false;
  bool required = false;
  int lines = 1;  // > 1: a multi-line text area
  float width = -1;
  bool hide_label = false;  // no label above the box (a chat composer); it stays the accessible name
  bool take_focus = false;  // the keyboard focus moves to it this frame
};
// Returns true when the user pressed Enter in it.
bool TextField(const char* label, std::string& value, const FieldOptions& options = {});
bool Checkbox(const char* label, bool& value);
// A segmented control with role radiogroup; returns true when the choice changed.
bool Segmented(const char* label, int& selected, const std::vector<std::string_view>& options);
// A drop-down with role combobox and a listbox of options; returns true when the choice changed.
bool Select(const char* label, int& selected, const std::vector<std::string_view>& options, float width = -1);

// --- containers
// A white rounded card; everything between Begin and End is inside it. `role` names it for the
// mirror (a listitem inside BeginList, otherwise a group).
void BeginCard(const char* id, std::string_view accessible_name = {}, bool in_list = false);
void EndCard();
// A modal dialog (role dialog), centred, over a dimmed page. Call every frame while `open`;
// returns true when its content should be drawn, then call EndDialog. Escape or a click
// outside sets `open` to false.
bool BeginDialog(const char* id, std::string_view title, bool& open);
void EndDialog();
// Files dragged over the page: a tinted frame around the whole window and `message` (where the
// files will go) in the middle, drawn over everything.
void DropOverlay(const char* message);
void BeginList(const char* id, std::string_view accessible_name);
void EndList();

// --- chat (widgets_chat.cpp)
enum class Receipt { None, Pending, Failed, Sent, Delivered, Read };
struct BubbleSpec {
  const char* id = "";           // unique in its list (the message id, or the client id while unsent)
  std::string_view text;
  std::string_view speaker;      // "You" or the other party: starts the accessible name
  std::string_view time;         // "14:31", under the bubble
  bool own = false;              // right, in the primary colour
  bool edited = false;
  Receipt receipt = Receipt::None;
  std::string_view failure;      // why a Failed message was refused
  bool editable = false;         // own and still inside the edit window: an "Edit" link under it
  // An attachment drawn by the caller at the top of the bubble: its size (0: none), what it is for
  // the accessible name ("Photo engine.png"), and where Bubble placed it (screen position).
  ImVec2 attachment{0, 0};
  std::string_view attachment_name;
  ImVec2* attachment_at = nullptr;
};
enum class BubbleAction { None, Retry, Discard, Edit };
struct BubblePress {
  BubbleAction action = BubbleAction::None;
  bool from_keyboard = false;  // through the accessibility tree (keyboard, screen reader), not a pointer
};
// A message bubble with its time and receipt underneath: a listitem of the surrounding list.
// Answers which of its links was pressed: "Retry" or "Delete" under a failed one, "Edit" under an
// editable one.
BubblePress Bubble(const BubbleSpec& bubble);
// Its height in a column `column_width` wide, for lists that lay out only the rows in view.
float BubbleHeight(const BubbleSpec& bubble, float column_width);
void DaySeparator(std::string_view label);
float DaySeparatorHeight();
// "Rajesh is typing" with moving dots.
void TypingIndicator(std::string_view name);
float TypingIndicatorHeight();
struct ConversationRowSpec {
  const char* id = "";
  std::string_view name;     // the other party
  std::string_view subject;  // "Re: <issue title>"
  std::string_view preview;  // the last message
  std::string_view time;
  int unread = 0;
  bool typing = false;
  bool online = false;
};
// One conversation in a list (a listitem the whole of which is a button); true when opened.
bool ConversationRow(const ConversationRowSpec& row);

// The visible part of a label.
std::string_view VisibleLabel(const char* label);

}  // namespace salik::ui
