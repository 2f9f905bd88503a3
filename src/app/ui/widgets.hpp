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
// Scrolls the page (named "##page") by dy CSS px and redraws at once.
void ScrollPageBy(float dy);
void BeginColumn(float max_width);
void EndColumn();
bool IsPhoneWidth();
// The width of the current column (page column or card interior).
float ColumnWidth();
void Spacer(float height);

// --- text
enum class TextStyle { Body, BodyBold, Small, SmallBold };
void Heading(std::string_view text, int level = 1, ImU32 color = 0);
void Text(std::string_view text, TextStyle style = TextStyle::Body, ImU32 color = 0);
void TextCentered(std::string_view text, TextStyle style = TextStyle::Body, ImU32 color = 0);
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
void BeginList(const char* id, std::string_view accessible_name);
void EndList();

// The visible part of a label.
std::string_view VisibleLabel(const char* label);

}  // namespace salik::ui
