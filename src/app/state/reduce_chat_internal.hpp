// What the two chat reducers share (reduce_chat.cpp, reduce_chat_link.cpp); screens never need it.
#pragma once

#include <string>

#include "state/app_state.hpp"
#include "state/commands.hpp"

namespace salik::app::chat_detail {

// Opens a new socket (or goes Offline at once when the browser says there is no network).
Commands Connect(ChatState& c);
// Sends what the outbox holds that this link has not carried yet, in order; failed entries wait
// for a retry, held attachments for Send, and a conversation's entries behind one still uploading
// for that upload.
void FlushOutbox(ChatState& c, Commands& out);
// The outbox as this tab stores it, and what it let go since its last write.
StoreOutbox Persist(ChatState& c);
// A message from the server (ack, broadcast, replay or history page): merged everywhere it shows.
// A history page merges all its messages first and looks for holes after (fill_gaps false).
void ApplyMessage(AppState& s, const Message& m, Commands& out, bool fill_gaps = true);
// An edited message (message_edited frame): replaces its copy in the open conversation and, when
// it is the newest, the list's preview. Never adds a message.
void ApplyEdit(AppState& s, const Message& m);
// A new or changed conversation (conversation frame). When it has just been engaged and is open,
// its messages are loaded again, because what was masked no longer is.
void ApplyConversation(AppState& s, const Conversation& conv, Commands& out);
// Asks for the newest missing run of the open conversation, if any and none is on its way.
void FillGap(AppState& s, Commands& out);
// A frame for the open socket, if there is one.
void SendFrame(const ChatState& c, std::string text, Commands& out);
int NextToken(ChatState& c);

}  // namespace salik::app::chat_detail
