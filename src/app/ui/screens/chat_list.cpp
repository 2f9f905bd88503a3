// "Messages": the user's conversations, most recent first, with unread counts.
#include "state/chat_model.hpp"
#include "state/chat_time.hpp"
#include "ui/clock.hpp"
#include "ui/components/issue_card.hpp"
#include "ui/components/message_list.hpp"
#include "ui/icons.hpp"
#include "ui/screens/app_screen.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace salik::ui {
namespace {

void DrawEmpty(const app::AppState& s, Dispatcher dispatch) {
  const auto& c = Colors();
  bool mechanic = s.session && s.session->user.role == Role::Mechanic;
  BeginCard("empty", "No conversations yet");
  IconTile(icon::kComments, c.primary, c.primary_soft);
  Heading("No conversations yet", 2);
  if (mechanic) {
    Text("Respond to an open issue, then press \xE2\x80\x9C" "Chat with the car owner\xE2\x80\x9D on it to talk it through "
         "with them. Car owners can also start a chat from your response.",
         TextStyle::Body, c.text_muted);
    if (Button("Browse open issues", {.icon = icon::kInbox})) dispatch(app::Navigate{{app::Screen::MechanicFeed, {}}});
  } else {
    Text("Open one of your issues and press \xE2\x80\x9C" "Chat\xE2\x80\x9D on a mechanic\xE2\x80\x99s response to ask them "
         "anything. Their answers show up here.",
         TextStyle::Body, c.text_muted);
    if (Button("Go to my issues", {.icon = icon::kList})) dispatch(app::Navigate{{app::Screen::CustomerHome, {}}});
  }
  EndCard();
}

}  // namespace

void DrawConversations(app::AppState& s, Dispatcher dispatch) {
  const auto& c = Colors();
  const auto& chat = s.chat;
  BeginColumn(kChatMaxWidth);
  Banner(s.notice, false);
  Heading("Messages", 1);
  int64_t unread = app::chat::TotalUnread(chat);
  Text(unread == 0   ? "Your conversations with " + std::string(s.session && s.session->user.role == Role::Mechanic
                                                                      ? "car owners."
                                                                      : "mechanics.")
       : unread == 1 ? "1 unread message."
                     : std::to_string(unread) + " unread messages.",
       TextStyle::Body, c.text_muted);
  Spacer(4);
  if (chat.list_error && chat.conversations.empty()) {
    Banner(chat.list_error->message);
    if (Button("Try again", {.kind = ButtonKind::Secondary, .icon = icon::kRefresh}))
      dispatch(app::Navigate{{app::Screen::Conversations, {}}});
  } else if (!chat.list_loaded && chat.conversations.empty()) {
    Text("Loading your conversations\xE2\x80\xA6", TextStyle::Body, c.text_muted);
  } else if (chat.conversations.empty()) {
    DrawEmpty(s, dispatch);
  } else {
    int offset = UtcOffsetMinutes();
    int64_t now = NowMillis();
    BeginList("conversations", "Conversations");
    for (const auto& conv : chat.conversations) {
      std::string name = app::chat::OtherName(conv, chat.user_id);
      std::string subject = "Re: " + conv.issue_title;
      std::string time = app::chat::ListTime(conv.last_message_at.empty() ? conv.created_at : conv.last_message_at,
                                             now, offset);
      std::string preview = conv.last_message.empty() ? "No messages yet. Say hello." : conv.last_message;
      const app::Presence* presence = app::chat::CurrentPresence(chat, app::chat::OtherId(conv, chat.user_id));
      ConversationRowSpec row{conv.id.c_str(),
                              name,
                              subject,
                              preview,
                              time,
                              static_cast<int>(UnreadFor(conv, chat.user_id)),
                              chat.peer_typing.count(conv.id) > 0,
                              presence && presence->online};
      if (ConversationRow(row)) dispatch(app::Navigate{{app::Screen::Chat, conv.id}});
    }
    EndList();
  }
  EndColumn();
}

}  // namespace salik::ui
