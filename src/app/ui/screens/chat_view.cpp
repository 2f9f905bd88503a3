// A conversation (design document, section 6.4): who it is with and about, their presence, the
// messages, and the composer. The header and the composer stay put; the messages scroll between.
#include <algorithm>
#include <optional>
#include <vector>

#include "core/validation.hpp"
#include "platform/display.hpp"
#include "state/chat_model.hpp"
#include "state/chat_time.hpp"
#include "ui/components/issue_card.hpp"
#include "ui/components/message_list.hpp"
#include "ui/components/recording_player.hpp"
#include "ui/icons.hpp"
#include "ui/screens/app_screen.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace salik::ui {
namespace {

// What the header says about the link, the conversation or its loading; empty when all is well.
std::string StatusLine(const app::ChatState& chat) {
  if (chat.open.error) return chat.open.error->message;
  switch (chat.link.phase) {
    case app::LinkPhase::Ready: return {};
    case app::LinkPhase::Offline: return "You are offline. Messages you send now go out when you are back online.";
    default: return "Connecting\xE2\x80\xA6 Messages you send now go out as soon as the connection is back.";
  }
}

float DrawHeader(app::AppState& s, Dispatcher dispatch, float top) {
  const auto& c = Colors();
  auto& chat = s.chat;
  const Conversation* conv = app::chat::Find(chat, chat.open.id);
  bool phone = IsPhoneWidth();
  std::string status = StatusLine(chat);
  float status_h = status.empty() ? 0.0f : (phone ? 44.0f : 30.0f);
  float height = 98.0f + status_h;
  BeginPanel("##chat-header", top, height);
  BeginColumn(kChatMaxWidth);
  float x = ImGui::GetCursorPosX();
  float width = ColumnWidth();
  PlaceAt(x, 12);
  if (Button("Back to messages", {.kind = ButtonKind::Ghost, .icon = icon::kArrowLeft, .small = true, .icon_only = true}))
    dispatch(app::Navigate{{app::Screen::Conversations, {}}});
  float tx = x + 48.0f;
  bool owner = conv && s.session && conv->customer_id == s.session->user.id;
  float engage_w = 0;
  ButtonOptions engage{.kind = ButtonKind::Ghost, .icon = icon::kPhone, .small = true, .icon_only = phone};
  if (owner && conv->engaged_at.empty()) {
    engage_w = ButtonWidth("Share contact details", engage) + 8.0f;
    PlaceAt(x + width - engage_w + 8.0f, 12);
    if (Button("Share contact details", engage)) dispatch(app::ShareContactDetails{});
  }
  std::string name = conv ? app::chat::OtherName(*conv, chat.user_id) : std::string();
  PlaceAt(tx, phone ? 18.0f : 15.0f);
  Heading(conv ? "Chat with " + name : std::string("Chat"), phone ? 3 : 2);
  if (conv) {
    PlaceAt(tx, 52);
    TextLine("Re: " + conv->issue_title, TextStyle::Small, c.text_muted, width - 48.0f);
    const app::Presence* p = app::chat::CurrentPresence(chat, app::chat::OtherId(*conv, chat.user_id));
    std::string presence = p ? app::chat::PresenceText(p->online, p->last_seen, NowMillis()) : std::string();
    if (!presence.empty()) {
      PlaceAt(tx, 72);
      bool online = p->online;
      TextLine(presence, online ? TextStyle::SmallBold : TextStyle::Small, online ? c.success : c.text_muted, width - 48.0f);
    }
  }
  if (!status.empty()) {
    PlaceAt(x, 98.0f + 6.0f);
    Text(status, TextStyle::SmallBold, chat.open.error ? c.danger : c.warning);
  }
  EndColumn();
  EndPanel();
  return height;
}

// Attachments of the open conversation still uploading or refused: a row each above the composer.
std::vector<const app::Attachment*> ChatUploads(const app::AppState& s) {
  std::vector<const app::Attachment*> out;
  for (const auto& a : s.media_upload.uploads)
    if (a.target == app::UploadTarget::Conversation && a.conversation_id == s.chat.open.id) out.push_back(&a);
  return out;
}

constexpr float kUploadRowHeight = 46.0f;

// Uploaded attachments waiting for Send, which gives the first one the draft as its caption.
std::vector<const app::OutboxEntry*> HeldAttachments(const app::AppState& s) {
  return app::chat::HeldFor(s.chat, s.chat.open.id);
}

// Send would take the draft as a caption: an attachment waits, or one uploads not yet marked to go.
bool TakesCaption(const app::AppState& s) {
  if (!HeldAttachments(s).empty()) return true;
  for (const app::Attachment* a : ChatUploads(s))
    if (!a->send_when_uploaded && a->phase != app::UploadPhase::Failed) return true;
  return false;
}

// Send has something to send: a draft, or an attachment to send or mark.
bool CanSend(const app::AppState& s) { return !Trim(s.chat.open.draft).empty() || TakesCaption(s); }

float ComposerHeight(const app::AppState& s) {
  const auto& o = s.chat.open;
  float h = 70.0f + (o.composer_error.empty() ? 0.0f : 22.0f);
  h += kUploadRowHeight * static_cast<float>(ChatUploads(s).size() + HeldAttachments(s).size());
  if (!s.media_upload.refusal.empty()) h += IsPhoneWidth() ? 40.0f : 22.0f;
  return h;
}

// "engine.png · uploading 40%" over a progress bar; a failed one says why, with Retry and Remove.
// Once Send was pressed it says so, and shows the caption that goes with it (last: cut first).
// Its buttons set `pressed` rather than dispatching: the reducer may erase the row's attachment,
// which the caller is still iterating over.
void UploadRow(const app::Attachment& a, const std::string& caption, std::optional<app::Action>& pressed, float x,
               float y, float width) {
  const auto& c = Colors();
  ImGui::PushID(a.id);
  bool failed = a.phase == app::UploadPhase::Failed;
  float buttons = 0;
  if (failed) {
    ButtonOptions retry{.kind = ButtonKind::Secondary, .icon = icon::kRefresh, .small = true, .icon_only = IsPhoneWidth()};
    std::string remove_name = "Remove " + a.label;  // accessible_name is a view: the string must outlive it
    ButtonOptions remove{.kind = ButtonKind::Ghost, .icon = icon::kTimes, .small = true, .icon_only = true,
                         .accessible_name = remove_name};
    buttons = ButtonWidth("Retry", retry) + ButtonWidth("Remove", remove) + 12.0f;
    PlaceAt(x + width - buttons + 6.0f, y + 4.0f);
    if (Button("Retry", retry)) pressed = app::RetryUpload{a.id};
    ImGui::SameLine(0, 6.0f);
    if (Button("Remove", remove)) pressed = app::RemoveAttachment{a.id};
  }
  int pct = a.bytes > 0 ? static_cast<int>(std::min<int64_t>(a.sent * 100 / a.bytes, 99)) : 0;
  std::string status = failed ? "not sent" + (a.error.empty() ? std::string() : ": " + a.error)
                       : a.phase == app::UploadPhase::Waiting ? "waiting"
                                                              : "uploading " + std::to_string(pct) + "%";
  if (a.send_when_uploaded && !failed)
    status += caption.empty() ? ", sends when uploaded" : ", sends when uploaded: \xE2\x80\x9C" + caption + "\xE2\x80\x9D";
  PlaceAt(x, y + 4.0f);
  TextLine(a.label + " \xC2\xB7 " + status, TextStyle::Small, failed ? c.danger : c.text_muted, width - buttons);
  if (!failed) {
    ImVec2 bar = ImGui::GetWindowPos();
    bar.x += x - ImGui::GetScrollX();
    bar.y += y + 28.0f - ImGui::GetScrollY();
    float bw = width - buttons;
    auto* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(bar, ImVec2(bar.x + bw, bar.y + 6), c.border, 3);
    if (pct > 0) dl->AddRectFilled(bar, ImVec2(bar.x + std::max(6.0f, bw * pct / 100.0f), bar.y + 6), c.primary, 3);
  }
  ImGui::PopID();
}

// "Ready to send · engine.png" on a soft chip with a Remove button: uploaded, waiting for Send.
// The status comes first so that a long file name, cut at phone width, never hides it.
// Like UploadRow, its button sets `pressed`.
void HeldRow(const app::OutboxEntry& e, std::optional<app::Action>& pressed, float x, float y, float width) {
  const auto& c = Colors();
  ImGui::PushID(e.client_id.c_str());
  ImVec2 chip = ImGui::GetWindowPos();
  chip.x += x - ImGui::GetScrollX();
  chip.y += y + 2.0f - ImGui::GetScrollY();
  ImGui::GetWindowDrawList()->AddRectFilled(chip, ImVec2(chip.x + width, chip.y + kUploadRowHeight - 8.0f), c.primary_soft,
                                            10.0f);
  std::string label = e.media && !e.media->label.empty() ? e.media->label : std::string("Attachment");
  std::string remove_name = "Remove " + label;  // accessible_name is a view: the string must outlive it
  ButtonOptions remove{.kind = ButtonKind::Ghost, .icon = icon::kTimes, .small = true, .icon_only = true,
                       .accessible_name = remove_name};
  float button = ButtonWidth("Remove", remove) + 8.0f;
  PlaceAt(x + width - button + 4.0f, y + 4.0f);
  if (Button("Remove", remove)) pressed = app::RemoveHeldAttachment{e.client_id};
  PlaceAt(x + 14.0f, y + 14.0f);
  TextLine("Ready to send \xC2\xB7 " + label, TextStyle::SmallBold, c.primary, width - button - 14.0f);
  ImGui::PopID();
}

// `take_focus`: the keyboard focus goes to the message field (the control that had it went away).
void DrawComposer(app::AppState& s, Dispatcher dispatch, bool take_focus) {
  auto& o = s.chat.open;
  float height = ComposerHeight(s);
  BeginPanel("##composer", platform::Display().css_height - height, height);
  BeginColumn(kChatMaxWidth);
  float x = ImGui::GetCursorPosX();
  float y = 8.0f;
  std::optional<app::Action> row_action;
  for (const app::OutboxEntry* e : HeldAttachments(s)) {
    HeldRow(*e, row_action, x, y, ColumnWidth());
    y += kUploadRowHeight;
  }
  for (const app::Attachment* a : ChatUploads(s)) {
    UploadRow(*a, app::chat::CaptionWaitingFor(s.chat, a->id), row_action, x, y, ColumnWidth());
    y += kUploadRowHeight;
  }
  if (row_action) dispatch(*row_action);  // after the rows: it may remove one
  if (!s.media_upload.refusal.empty()) {
    PlaceAt(x, y);
    Text(s.media_upload.refusal, TextStyle::Small, Colors().danger);
    y += IsPhoneWidth() ? 40.0f : 22.0f;
  }
  ButtonOptions send{.icon = icon::kPaperPlane, .icon_only = IsPhoneWidth()};
  ButtonOptions attach{.kind = ButtonKind::Ghost, .icon = icon::kPaperclip, .icon_only = true,
                       .accessible_name = "Attach a photo, video or recording"};
  float send_w = ButtonWidth("Send", send);
  float attach_w = ButtonWidth("Attach", attach);
  PlaceAt(x, y + 4.0f);
  if (Button("Attach", attach)) dispatch(app::PickFiles{MediaType::Image, /*chat=*/true});
  ImGui::SameLine(0, 6.0f);
  std::string before = o.draft;
  bool captioning = TakesCaption(s);
  bool enter = TextField("Message", o.draft,
                         {.placeholder = captioning ? "Add a caption\xE2\x80\xA6" : "Type a message\xE2\x80\xA6",
                          .width = ColumnWidth() - send_w - attach_w - 16.0f, .hide_label = true,
                          .take_focus = take_focus});
  if (o.draft != before) dispatch(app::ComposerEdited{});
  ImGui::SameLine(0, 10.0f);
  bool pressed = Button("Send", send);
  if ((enter || pressed) && CanSend(s)) dispatch(app::SendChatMessage{});
  if (!o.composer_error.empty()) Text(o.composer_error, TextStyle::Small, Colors().danger);
  EndColumn();
  EndPanel();
}

// Editing one of one's own messages, in a dialog over the conversation.
void DrawEditDialog(app::AppState& s, Dispatcher dispatch) {
  auto& o = s.chat.open;
  bool open = !o.editing_id.empty();
  if (!open) return;
  if (BeginDialog("##edit-message", "Edit message", open)) {
    Text("The other party sees the new text, marked \"edited\".", TextStyle::Body, Colors().text_muted);
    bool enter = TextField("Message", o.edit_draft, {.required = true, .lines = 3});
    if (!o.edit_error.empty()) Text(o.edit_error, TextStyle::Small, Colors().danger);
    if ((Button("Save", {.busy = o.edit_saving}) || enter) && !Trim(o.edit_draft).empty()) dispatch(app::SaveEditedMessage{});
    ImGui::SameLine();
    if (Button("Cancel", {.kind = ButtonKind::Secondary})) open = false;
    EndDialog();
  }
  if (!open) dispatch(app::CancelEditingMessage{});
}

// A chat attachment's recording in the full recording player, over the conversation.
void DrawRecordingDialog(app::AppState& s, Dispatcher dispatch) {
  if (OpenRecording().empty()) return;
  bool open = true;
  if (BeginDialog("##chat-recording", "Engine recording", open)) {
    DrawRecordingPlayer(s.player, dispatch);  // closed by the dialog's corner mark or Escape
    EndDialog();
  }
  if (!open) {
    if (s.player.playing) dispatch(app::PlayerPause{});
    CloseRecordingDialog();
  }
}

}  // namespace

void DrawChat(app::AppState& s, Dispatcher dispatch, float top) {
  float header = DrawHeader(s, dispatch, top);
  // Drawn before the composer so that Tab goes header → messages → composer.
  bool focus_composer = DrawMessageList(s, dispatch, top + header, ComposerHeight(s));
  DrawComposer(s, dispatch, focus_composer);
  DrawEditDialog(s, dispatch);
  DrawRecordingDialog(s, dispatch);
  if (s.media_upload.drop_hover) DropOverlay("Drop photos, videos or sound files to send them");
}

}  // namespace salik::ui
