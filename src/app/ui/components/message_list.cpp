#include "ui/components/message_list.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "platform/display.hpp"
#include "platform/frame_scheduler.hpp"
#include "state/chat_model.hpp"
#include "state/chat_time.hpp"
#include "ui/clock.hpp"
#include "state/media_upload_state.hpp"
#include "ui/components/issue_card.hpp"
#include "ui/components/media_viewer.hpp"
#include "ui/icons.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace salik::ui {
namespace {

constexpr const char* kPageId = "##chat";
constexpr float kTopPad = 12.0f, kBottomPad = 6.0f;
constexpr float kMargin = 300.0f;        // rows this far outside the view are laid out too
constexpr float kLoadOlderWithin = 800.0f;  // ask for older history this close to the top

ImVec2 AttachmentSize(const Media* m);  // [SECTION] Attachments, below

struct Row {
  enum Kind : uint8_t { Status, Day, Message, Pending, Typing } kind;
  int index;    // Message: into messages; Pending: into the pending list
  int64_t day;  // Day: the local day number
  float y, h;
};

// Row geometry of the conversation's messages; rebuilt only when they, the width or the status
// row change. Each message is measured once per width (its height is cached by id).
struct Layout {
  std::string conversation;
  int version = -1;
  float width = -1;
  int offset = 0;
  int status = -1;
  bool phone = false;
  struct Measured {
    float height;
    int64_t day;
    std::string edited_at;
  };
  std::unordered_map<std::string, Measured> measured;
  std::vector<Row> rows;
  std::vector<int> row_of;  // message index → its row
  float end = 0;
};

// Where the reader is: following the newest message, or holding a message at a place on screen.
struct Place {
  std::string conversation;
  bool stick = true;
  float applied = 0;  // the scroll set last frame: anything else came from the reader
  int64_t anchor_seq = 0;
  float anchor_offset = 0;
  size_t pending = 0;
};

enum StatusRow { kNothing, kLoadingFirst, kLoadingOlder, kBeginning };

int StatusOf(const app::OpenConversation& o) {
  if (!o.loaded) return kLoadingFirst;
  if (o.older_loading) return kLoadingOlder;
  if (!o.has_more) return kBeginning;
  return kNothing;
}

// The masking note under "the beginning" wraps to two lines on a phone.
float StatusHeight(int status) { return status == kNothing ? 36.0f : IsPhoneWidth() ? 84.0f : 64.0f; }

void Rebuild(Layout& L, const app::OpenConversation& o, float width, int offset) {
  if (L.width != width || L.conversation != o.id) L.measured.clear();
  L.phone = IsPhoneWidth();
  L.conversation = o.id;
  L.version = o.version;
  L.width = width;
  L.offset = offset;
  L.status = StatusOf(o);
  L.rows.clear();
  L.row_of.clear();
  float y = kTopPad;
  L.rows.push_back({Row::Status, 0, 0, y, StatusHeight(L.status)});
  y += StatusHeight(L.status);
  int64_t last_day = INT64_MIN;
  for (size_t i = 0; i < o.messages.size(); ++i) {
    const Message& m = o.messages[i];
    std::string key = m.id.empty() ? "seq:" + std::to_string(m.seq) : m.id;
    auto it = L.measured.find(key);
    if (it == L.measured.end() || it->second.edited_at != m.edited_at) {
      BubbleSpec spec;
      spec.text = m.content;
      spec.attachment = AttachmentSize(m.media ? &*m.media : nullptr);
      float h = BubbleHeight(spec, width);
      int64_t day = app::chat::LocalDay(m.created_at, offset).value_or(last_day);
      it = L.measured.insert_or_assign(key, Layout::Measured{h, day, m.edited_at}).first;
    }
    if (it->second.day != last_day) {
      last_day = it->second.day;
      L.rows.push_back({Row::Day, 0, last_day, y, DaySeparatorHeight()});
      y += DaySeparatorHeight();
    }
    L.row_of.push_back(static_cast<int>(L.rows.size()));
    L.rows.push_back({Row::Message, static_cast<int>(i), 0, y, it->second.height});
    y += it->second.height;
  }
  L.end = y;
}

app::chat::Tick TickOf(const Message& m, const Conversation* conv, const app::ChatState& c) {
  if (!conv) return app::chat::Tick::Sent;
  auto p = c.presence.find(app::chat::OtherId(*conv, c.user_id));
  return app::chat::TickFor(m, *conv, p == c.presence.end() ? nullptr : &p->second, c.user_id);
}

Receipt ReceiptOf(app::chat::Tick t) {
  switch (t) {
    case app::chat::Tick::Pending: return Receipt::Pending;
    case app::chat::Tick::Failed: return Receipt::Failed;
    case app::chat::Tick::Sent: return Receipt::Sent;
    case app::chat::Tick::Delivered: return Receipt::Delivered;
    case app::chat::Tick::Read: return Receipt::Read;
  }
  return Receipt::None;
}

// [SECTION] Attachments: a photo or video as a viewer tile, a recording as a row that opens the
// recording player; both inside the bubble, which leaves them room (BubbleSpec::attachment).
// A message still in the outbox as a bubble: sending, or refused with the reason (which adds
// lines under it, so the layout and the drawing must agree on it).
BubbleSpec PendingSpec(const app::OutboxEntry& e) {
  return BubbleSpec{.id = e.client_id.c_str(),
                    .text = e.content,
                    .speaker = "You",
                    .own = true,
                    .receipt = e.error.empty() ? Receipt::Pending : Receipt::Failed,
                    .failure = e.error};
}

constexpr float kAudioRowWidth = 250.0f, kAudioRowHeight = 66.0f;

float TileSize() { return IsPhoneWidth() ? 150.0f : 190.0f; }

ImVec2 AttachmentSize(const Media* m) {
  if (!m) return {0, 0};
  if (m->media_type == MediaType::Audio) return {kAudioRowWidth, kAudioRowHeight};
  return {TileSize(), TileSize()};
}

std::string AttachmentName(const Media* m) {
  if (!m) return {};
  switch (m->media_type) {
    case MediaType::Audio: return "Engine recording " + m->label;
    case MediaType::Video: return "Video " + m->label;
    case MediaType::Image: return "Photo " + m->label;
  }
  return {};
}

// "Engine recording · 0:03"
std::string RecordingLine(const Media& m) {
  std::string line = "Engine recording";
  if (m.duration_seconds) line += " \xC2\xB7 " + app::ClockText(*m.duration_seconds);
  return line;
}

void DrawAttachment(app::AppState& s, Dispatcher dispatch, const Media& m, ImVec2 at, bool own) {
  ImVec2 saved = ImGui::GetCursorScreenPos();
  ImGui::PushID(m.id.c_str());
  ImGui::SetCursorScreenPos(at);
  if (m.media_type == MediaType::Audio) {
    const auto& colors = Colors();
    ImGui::SetCursorScreenPos(ImVec2(at.x + 8.0f, at.y + 4.0f));
    TextLine(RecordingLine(m), TextStyle::SmallBold, own ? colors.on_primary : colors.text, kAudioRowWidth - 16.0f);
    ImGui::SetCursorScreenPos(ImVec2(at.x + 8.0f, at.y + 30.0f));
    if (Button("Open recording", {.kind = ButtonKind::Secondary, .icon = icon::kPlay, .small = true})) {
      dispatch(app::PlayerOpenRecording{m});
      OpenRecordingDialog(m.id);
    }
  } else {
    DrawMediaTile(m, {m}, s.media_viewer, TileSize());
  }
  ImGui::PopID();
  ImGui::SetCursorScreenPos(saved);
}

// A bubble that makes room for its attachment (if any) and draws it in that room.
BubblePress BubbleWithAttachment(app::AppState& s, Dispatcher dispatch, BubbleSpec spec,
                                 const std::optional<Media>& media) {
  const Media* m = media ? &*media : nullptr;
  std::string name = AttachmentName(m);
  ImVec2 at;
  spec.attachment = AttachmentSize(m);
  spec.attachment_name = name;
  spec.attachment_at = &at;
  BubblePress press = Bubble(spec);
  if (m) DrawAttachment(s, dispatch, *m, at, spec.own);
  return press;
}

}  // namespace

namespace {
std::string open_recording;  // the chat attachment in the player dialog; empty: closed
}  // namespace

void OpenRecordingDialog(const std::string& media_id) { open_recording = media_id; }
const std::string& OpenRecording() { return open_recording; }
void CloseRecordingDialog() { open_recording.clear(); }

bool DrawMessageList(app::AppState& s, Dispatcher dispatch, float top, float bottom) {
  auto& c = s.chat;
  auto& o = c.open;
  const Conversation* conv = app::chat::Find(c, o.id);
  const auto& colors = Colors();
  int offset = UtcOffsetMinutes();
  float width = PageColumnWidth(kChatMaxWidth);

  static Layout layout;
  if (layout.conversation != o.id || layout.version != o.version || layout.width != width ||
      layout.offset != offset || layout.status != StatusOf(o) || layout.phone != IsPhoneWidth())
    Rebuild(layout, o, width, offset);

  // The tail changes often and is short: pending messages and the typing indicator.
  std::vector<Row> tail;
  auto pending = app::chat::PendingFor(c, o.id);
  float y = layout.end;
  for (size_t i = 0; i < pending.size(); ++i) {
    BubbleSpec spec = PendingSpec(*pending[i]);
    spec.attachment = AttachmentSize(pending[i]->media ? &*pending[i]->media : nullptr);
    float h = BubbleHeight(spec, width);
    tail.push_back({Row::Pending, static_cast<int>(i), 0, y, h});
    y += h;
  }
  bool typing = c.peer_typing.count(o.id) > 0;
  if (typing) {
    tail.push_back({Row::Typing, 0, 0, y, TypingIndicatorHeight()});
    y += TypingIndicatorHeight();
  }
  float total = y + kBottomPad;
  float view = std::max(1.0f, platform::Display().css_height - top - bottom);
  float lead = std::max(0.0f, view - total);  // a short conversation sits at the bottom, as in any chat
  float content = std::max(total, view);
  float max_scroll = content - view;

  // Decide the scroll before anything is laid out.
  static Place place;
  if (place.conversation != o.id) place = Place{o.id};
  if (pending.size() > place.pending) place.stick = true;  // the reader just sent: show it
  place.pending = pending.size();
  float requested = PendingScroll(kPageId);
  float by_reader = requested - place.applied;
  if (place.stick && by_reader < -0.5f) place.stick = false;
  float scroll = max_scroll;
  if (!place.stick) {
    scroll = requested;
    if (place.anchor_seq) {
      // Hold the anchor message where it was, plus what the reader scrolled: older pages
      // arriving above do not move what they are reading.
      auto m = std::lower_bound(o.messages.begin(), o.messages.end(), place.anchor_seq,
                                [](const Message& a, int64_t seq) { return a.seq < seq; });
      if (m != o.messages.end() && m->seq == place.anchor_seq) {
        const Row& r = layout.rows[layout.row_of[m - o.messages.begin()]];
        scroll = lead + r.y - place.anchor_offset + by_reader;
      }
    }
  }
  scroll = std::round(std::clamp(scroll, 0.0f, max_scroll));
  if (scroll >= max_scroll - 2.0f) place.stick = true;
  place.applied = scroll;

  BeginKnownPage(kPageId, top, bottom, content, scroll);
  BeginColumn(kChatMaxWidth);
  float col_x = ImGui::GetCursorPosX();
  BeginList("messages", "Messages");
  std::string other_name = conv ? app::chat::OtherName(*conv, c.user_id) : "";
  int64_t today = app::chat::LocalDayOf(NowMillis(), offset);
  // A bubble's button is acted on once every row is drawn: `pending` points into the outbox,
  // which Retry and Delete may change.
  std::optional<app::Action> row_action;
  bool focus_composer = false;
  auto draw = [&](const Row& r) {
    PlaceAt(col_x, lead + r.y);
    switch (r.kind) {
      case Row::Status: {
        Spacer(8);
        const char* text = nullptr;
        switch (layout.status) {
          case kLoadingFirst: text = "Loading messages\xE2\x80\xA6"; break;
          case kLoadingOlder: text = "Loading earlier messages\xE2\x80\xA6"; break;
          case kBeginning: text = "This is the beginning of your conversation."; break;
          default: break;
        }
        if (text) TextCentered(text, TextStyle::Small, colors.text_muted);
        if (layout.status == kBeginning && conv && conv->engaged_at.empty())
          TextCentered("Phone numbers, e-mail addresses and links stay hidden until the car owner shares contact details.",
                       TextStyle::Small, colors.text_faint);
        break;
      }
      case Row::Day: DaySeparator(app::chat::DayLabel(r.day, today)); break;
      case Row::Message: {
        const Message& m = o.messages[r.index];
        bool own = m.sender_id == c.user_id;
        std::string time = app::chat::ClockTime(m.created_at, offset);
        BubbleSpec spec{.id = m.id.empty() ? "?" : m.id.c_str(),
                        .text = m.content,
                        .speaker = own ? std::string_view("You") : std::string_view(other_name),
                        .time = time,
                        .own = own,
                        .edited = !m.edited_at.empty(),
                        .receipt = own ? ReceiptOf(TickOf(m, conv, c)) : Receipt::None,
                        .editable = app::chat::CanEdit(m, c.user_id, NowMillis()) && !m.media};
        if (BubbleWithAttachment(s, dispatch, spec, m.media).action == BubbleAction::Edit)
          row_action = app::StartEditingMessage{m.id};
        break;
      }
      case Row::Pending: {
        const app::OutboxEntry& e = *pending[r.index];
        BubbleSpec spec = PendingSpec(e);
        BubblePress pressed = BubbleWithAttachment(s, dispatch, spec, e.media);
        if (pressed.action == BubbleAction::Retry) row_action = app::RetryChatMessage{e.client_id};
        if (pressed.action == BubbleAction::Discard) row_action = app::DiscardChatMessage{e.client_id};
        // Both links go with the refusal: keyboard focus would fall to the page.
        if (row_action) focus_composer = pressed.from_keyboard;
        break;
      }
      case Row::Typing: TypingIndicator(other_name); break;
    }
  };
  float from = scroll - lead - kMargin, to = scroll - lead + view + kMargin;
  auto first = std::lower_bound(layout.rows.begin(), layout.rows.end(), from,
                                [](const Row& r, float y) { return r.y + r.h < y; });
  int64_t anchor_seq = 0;
  float anchor_offset = 0;
  for (auto it = first; it != layout.rows.end() && it->y < to; ++it) {
    draw(*it);
    if (!anchor_seq && it->kind == Row::Message && lead + it->y + it->h > scroll) {
      anchor_seq = o.messages[it->index].seq;
      anchor_offset = lead + it->y - scroll;
    }
  }
  for (const Row& r : tail)
    if (r.y + r.h >= from && r.y < to) draw(r);
  EndList();
  if (row_action) dispatch(*row_action);  // after the rows: it may erase outbox entries they point at
  place.anchor_seq = anchor_seq;
  place.anchor_offset = anchor_offset;

  // Scrolled away from the newest message: a way back, with what arrived meanwhile.
  if (!place.stick && max_scroll - scroll > 120.0f) {
    int64_t unread = conv ? UnreadFor(*conv, c.user_id) : 0;
    float bw = ButtonWidth("Jump to latest", {.icon = icon::kArrowDown, .small = true, .icon_only = true});
    PlaceAt(col_x + width - bw - 4.0f, scroll + view - 56.0f);
    if (Button("Jump to latest", {.kind = ButtonKind::Secondary, .icon = icon::kArrowDown, .small = true,
                                  .icon_only = true, .badge = static_cast<int>(unread)})) {
      place.stick = true;
      platform::RequestFrames(3);
    }
  }
  EndColumn();
  EndKnownPage();

  if (o.loaded && o.has_more && !o.older_loading && scroll < kLoadOlderWithin) dispatch(app::LoadOlderMessages{});
  if (place.stick && o.loaded && conv && !o.messages.empty() &&
      o.messages.back().seq > app::chat::ReadMarkOf(*conv, c.user_id))
    dispatch(app::ChatSawNewest{o.messages.back().seq});
  return focus_composer;
}

}  // namespace salik::ui
