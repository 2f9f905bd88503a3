// Conversations and messages as one participant may see them: the other party's contact
// details masked until the car owner engages (ForViewer), and the viewer's unread count.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/chat.hpp"

namespace salik {

class Store;

// The conversation with "unread" and a "last_message" preview masked for `viewer_id`.
nlohmann::json ConversationView(Store& store, const Conversation& c, const std::string& viewer_id);
nlohmann::json MessageView(const Message& m, const Conversation& c, const std::string& viewer_id);

}  // namespace salik
