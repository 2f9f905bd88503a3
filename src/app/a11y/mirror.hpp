// The semantic DOM mirror: every interactive widget and heading drawn in a frame declares a node
// (role, accessible name, rectangle); at the end of the frame only what changed since the last
// frame is sent to web/a11y_mirror.js, which keeps one invisible, accessible DOM element per node.
// Activation (Enter, a screen reader), typing and focus come back through the functions below.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "imgui.h"
#include "imgui_internal.h"  // ImRect

namespace salik::a11y {

enum class Role : uint8_t {
  Button, Link, Textbox, Checkbox, Radio, RadioGroup, Combobox, Listbox, Option,
  Heading, List, ListItem, Dialog, Text, Alert, Group, Navigation,
};

enum Flag : uint32_t {
  kChecked = 1, kDisabled = 2, kExpanded = 4, kSelected = 8, kMultiline = 16, kPassword = 32,
  kEmail = 64, kNumeric = 128, kRequired = 256, kInvalid = 512, kBusy = 1024,
};

struct NodeSpec {
  Role role = Role::Text;
  std::string_view name;
  ImRect rect;
  uint32_t flags = 0;
  int level = 0;                 // headings
  std::string_view value;        // textbox and combobox
  std::string_view placeholder;  // textbox
};

// Called by the frame loop around each frame.
void BeginFrame();
void EndFrame();

// A leaf node for the item just drawn.
void Node(ImGuiID id, const NodeSpec& spec);
// A container (list, listitem, dialog, radiogroup, listbox, group): its rect is known at the end.
void BeginContainer(ImGuiID id, Role role, std::string_view name);
void EndContainer(const ImRect& rect);

// What came back from the DOM since the last frame. Each Take* consumes the event.
bool TakeActivation(ImGuiID id);  // keyboard or assistive-technology activation
bool TakeSubmit(ImGuiID id);      // Enter in a text field
struct TextEdit {
  std::string text;
  int selection_start = 0;  // in UTF-16 code units, as the DOM reports
  int selection_end = 0;
};
std::optional<TextEdit> TakeTextEdit(ImGuiID id);
bool IsFocused(ImGuiID id);
// Focused from the keyboard or assistive technology: widgets draw a focus ring only then.
bool IsFocusVisible(ImGuiID id);
bool AnyTextFocused();
// Asks the DOM to focus (or drop focus from) a node, e.g. after a click on the canvas.
void RequestFocus(ImGuiID id);
void ClearFocus();

// Statistics for tests and benchmarks: nodes this frame, DOM updates sent in total.
int NodeCount();
uint64_t UpdatesSent();

}  // namespace salik::a11y
