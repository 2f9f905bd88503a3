#include "a11y/mirror.hpp"

#include <emscripten/emscripten.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "platform/frame_scheduler.hpp"

extern "C" {
void salik_mirror_apply(const char* text, int length);
void salik_mirror_focus(unsigned id);
void salik_mirror_blur();
}

namespace salik::a11y {
namespace {

struct MirrorNode {
  ImGuiID id = 0;
  ImGuiID parent = 0;
  Role role = Role::Text;
  std::string name, value, placeholder;
  ImRect abs_rect;
  int x = 0, y = 0, w = 0, h = 0;  // relative to the parent, whole CSS pixels
  uint32_t flags = 0;
  int level = 0;
};

struct Mirror {
  std::vector<MirrorNode> frame;                     // this frame's nodes, in submission order
  std::vector<int> open_containers;            // indices into frame
  std::unordered_map<ImGuiID, MirrorNode> previous;  // what the DOM shows now
  std::unordered_map<ImGuiID, std::vector<ImGuiID>> previous_children;
  std::unordered_set<ImGuiID> activations, submits;
  std::unordered_map<ImGuiID, TextEdit> edits;
  ImGuiID focused = 0;
  bool focus_visible = false;
  uint64_t updates_sent = 0;
  std::string out;
};

Mirror& M() {
  static Mirror m;
  return m;
}

const char* RoleName(Role r) {
  switch (r) {
    case Role::Button: return "button";
    case Role::Link: return "link";
    case Role::Textbox: return "textbox";
    case Role::Checkbox: return "checkbox";
    case Role::Radio: return "radio";
    case Role::RadioGroup: return "radiogroup";
    case Role::Combobox: return "combobox";
    case Role::Listbox: return "listbox";
    case Role::Option: return "option";
    case Role::Heading: return "heading";
    case Role::List: return "list";
    case Role::ListItem: return "listitem";
    case Role::Dialog: return "dialog";
    case Role::Text: return "text";
    case Role::Alert: return "alert";
    case Role::Group: return "group";
    case Role::Navigation: return "navigation";
  }
  return "group";
}

void AppendEscaped(std::string& out, std::string_view s) {
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
}

bool SameContent(const MirrorNode& a, const MirrorNode& b) {
  return a.parent == b.parent && a.role == b.role && a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h &&
         a.flags == b.flags && a.level == b.level && a.name == b.name && a.value == b.value &&
         a.placeholder == b.placeholder;
}

void Push(MirrorNode node) {
  Mirror& m = M();
  node.parent = m.open_containers.empty() ? 0 : m.frame[m.open_containers.back()].id;
  m.frame.push_back(std::move(node));
}

}  // namespace

void BeginFrame() {
  Mirror& m = M();
  m.frame.clear();
  m.open_containers.clear();
}

void Node(ImGuiID id, const NodeSpec& spec) {
  if (!id) return;
  MirrorNode n;
  n.id = id;
  n.role = spec.role;
  n.name.assign(spec.name);
  n.value.assign(spec.value);
  n.placeholder.assign(spec.placeholder);
  n.abs_rect = spec.rect;
  n.flags = spec.flags;
  n.level = spec.level;
  Push(std::move(n));
}

void BeginContainer(ImGuiID id, Role role, std::string_view name) {
  MirrorNode n;
  n.id = id;
  n.role = role;
  n.name.assign(name);
  Push(std::move(n));
  M().open_containers.push_back(static_cast<int>(M().frame.size()) - 1);
}

void EndContainer(const ImRect& rect) {
  Mirror& m = M();
  if (m.open_containers.empty()) return;
  m.frame[m.open_containers.back()].abs_rect = rect;
  m.open_containers.pop_back();
}

void EndFrame() {
  Mirror& m = M();
  while (!m.open_containers.empty()) EndContainer(ImRect());

  // Positions relative to the parent: scrolling moves only the outermost nodes.
  std::unordered_map<ImGuiID, ImVec2> origin;
  origin.reserve(m.frame.size());
  for (auto& n : m.frame) {
    ImVec2 o = n.parent ? origin[n.parent] : ImVec2(0, 0);
    n.x = static_cast<int>(std::floor(n.abs_rect.Min.x - o.x));
    n.y = static_cast<int>(std::floor(n.abs_rect.Min.y - o.y));
    n.w = static_cast<int>(std::ceil(n.abs_rect.GetWidth()));
    n.h = static_cast<int>(std::ceil(n.abs_rect.GetHeight()));
    origin[n.id] = ImVec2(n.abs_rect.Min.x, n.abs_rect.Min.y);
  }

  std::string& out = m.out;
  out.clear();
  std::unordered_map<ImGuiID, MirrorNode> current;
  std::unordered_map<ImGuiID, std::vector<ImGuiID>> children;
  current.reserve(m.frame.size());
  for (auto& n : m.frame) {
    if (current.count(n.id)) continue;  // the same id twice in a frame: keep the first
    children[n.parent].push_back(n.id);
    auto prev = m.previous.find(n.id);
    if (prev == m.previous.end() || !SameContent(prev->second, n)) {
      char head[160];
      snprintf(head, sizeof head, "N\t%u\t%s\t%u\t%d\t%d\t%d\t%d\t%u\t%d\t", n.id, RoleName(n.role), n.parent, n.x,
               n.y, n.w, n.h, n.flags, n.level);
      out += head;
      AppendEscaped(out, n.name);
      out += '\t';
      AppendEscaped(out, n.value);
      out += '\t';
      AppendEscaped(out, n.placeholder);
      out += '\n';
    }
    current.emplace(n.id, std::move(n));
  }
  for (auto& [id, node] : m.previous)
    if (!current.count(id)) out += "D\t" + std::to_string(id) + "\n";
  for (auto& [parent, ids] : children) {
    auto prev = m.previous_children.find(parent);
    if (prev != m.previous_children.end() && prev->second == ids) continue;
    out += "O\t" + std::to_string(parent) + "\t";
    for (size_t i = 0; i < ids.size(); ++i) {
      if (i) out += ',';
      out += std::to_string(ids[i]);
    }
    out += '\n';
  }
  if (!out.empty()) {
    salik_mirror_apply(out.data(), static_cast<int>(out.size()));
    ++m.updates_sent;
  }
  if (m.focused && !current.count(m.focused)) m.focused = 0;
  m.previous = std::move(current);
  m.previous_children = std::move(children);
  // Events for widgets that were not drawn this frame are stale.
  m.activations.clear();
  m.submits.clear();
  m.edits.clear();
}

bool TakeActivation(ImGuiID id) { return M().activations.erase(id) > 0; }
bool TakeSubmit(ImGuiID id) { return M().submits.erase(id) > 0; }

std::optional<TextEdit> TakeTextEdit(ImGuiID id) {
  auto& edits = M().edits;
  auto it = edits.find(id);
  if (it == edits.end()) return std::nullopt;
  TextEdit e = std::move(it->second);
  edits.erase(it);
  return e;
}

bool IsFocused(ImGuiID id) { return id && M().focused == id; }
bool IsFocusVisible(ImGuiID id) { return IsFocused(id) && M().focus_visible; }

bool AnyTextFocused() {
  auto it = M().previous.find(M().focused);
  return it != M().previous.end() && it->second.role == Role::Textbox;
}

void RequestFocus(ImGuiID id) { salik_mirror_focus(id); }
void ClearFocus() { salik_mirror_blur(); }

int NodeCount() { return static_cast<int>(M().previous.size()); }
uint64_t UpdatesSent() { return M().updates_sent; }

}  // namespace salik::a11y

// --- called from web/a11y_mirror.js
extern "C" {
EMSCRIPTEN_KEEPALIVE void salik_a11y_activate(unsigned id) {
  salik::a11y::M().activations.insert(id);
  salik::platform::RequestFrames(3);
}
EMSCRIPTEN_KEEPALIVE void salik_a11y_submit(unsigned id) {
  salik::a11y::M().submits.insert(id);
  salik::platform::RequestFrames(3);
}
EMSCRIPTEN_KEEPALIVE void salik_a11y_input(unsigned id, const char* text, int sel_start, int sel_end) {
  salik::a11y::M().edits[id] = salik::a11y::TextEdit{text, sel_start, sel_end};
  salik::platform::RequestFrames(2);
}
EMSCRIPTEN_KEEPALIVE void salik_a11y_focus(unsigned id, int focused) {
  auto& m = salik::a11y::M();
  if (focused) {
    m.focused = id;
    m.focus_visible = focused == 2;
  } else if (m.focused == id) {
    m.focused = 0;
  }
  salik::platform::RequestFrames(2);
}
EMSCRIPTEN_KEEPALIVE int salik_a11y_node_count() { return salik::a11y::NodeCount(); }
}
