// A conversation (design document, section 6.4): who it is with and about, their presence, the
// messages, and the composer. The header and the composer stay put; the messages scroll between.
#include "core/validation.hpp"
#include "platform/display.hpp"
#include "state/chat_model.hpp"
#include "state/chat_time.hpp"
#include "ui/components/issue_card.hpp"
#include "ui/components/message_list.hpp"
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
    auto p = chat.presence.find(app::chat::OtherId(*conv, chat.user_id));
    std::string presence = p == chat.presence.end()
                               ? std::string()
                               : app::chat::PresenceText(p->second.online, p->second.last_seen, NowMillis());
    if (!presence.empty()) {
      PlaceAt(tx, 72);
      bool online = p->second.online;
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

float ComposerHeight(const app::OpenConversation& o) { return 70.0f + (o.composer_error.empty() ? 0.0f : 22.0f); }

void DrawComposer(app::AppState& s, Dispatcher dispatch) {
  auto& o = s.chat.open;
  float height = ComposerHeight(o);
  BeginPanel("##composer", platform::Display().css_height - height, height);
  BeginColumn(kChatMaxWidth);
  float x = ImGui::GetCursorPosX();
  ButtonOptions send{.icon = icon::kPaperPlane, .icon_only = IsPhoneWidth()};
  float send_w = ButtonWidth("Send", send);
  PlaceAt(x, 12);
  std::string before = o.draft;
  bool enter = TextField("Message", o.draft,
                         {.placeholder = "Type a message\xE2\x80\xA6", .width = ColumnWidth() - send_w - 10.0f, .hide_label = true});
  if (o.draft != before) dispatch(app::ComposerEdited{});
  ImGui::SameLine(0, 10.0f);
  bool pressed = Button("Send", send);
  if ((enter || pressed) && !Trim(o.draft).empty()) dispatch(app::SendChatMessage{});
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

}  // namespace

void DrawChat(app::AppState& s, Dispatcher dispatch, float top) {
  float header = DrawHeader(s, dispatch, top);
  // Drawn before the composer so that Tab goes header → messages → composer.
  DrawMessageList(s, dispatch, top + header, ComposerHeight(s.chat.open));
  DrawComposer(s, dispatch);
  DrawEditDialog(s, dispatch);
}

}  // namespace salik::ui
