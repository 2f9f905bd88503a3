// An issue's page: the problem, the car, its recordings, photos and videos, and the mechanics' responses.
#include <vector>

#include "core/media.hpp"
#include "core/money.hpp"
#include "core/time_text.hpp"
#include "ui/components/issue_card.hpp"
#include "ui/components/recording_player.hpp"
#if __has_include("ui/components/media_viewer.hpp")
#include "ui/components/media_viewer.hpp"
#define SALIK_HAS_MEDIA_VIEWER 1
#endif
#include "state/reduce.hpp"
#include "ui/icons.hpp"
#include "ui/screens/app_screen.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace salik::ui {
namespace {

// A photo or video: its tile from the media viewer (ui/components/media_viewer), or a plain card
// with its name where that component is not built in.
void MediaTile(app::AppState& s, const Media& m, const std::vector<Media>& gallery) {
#ifdef SALIK_HAS_MEDIA_VIEWER
  DrawMediaTile(m, gallery, s.media_viewer);
#else
  (void)s;
  (void)gallery;
  BeginCard(m.id.c_str(), m.label);
  Text(m.label.empty() ? std::string(ToWire(m.media_type)) : m.label, TextStyle::Small, Colors().text_muted);
  EndCard();
#endif
}

// The issue's media: photos and videos as tiles, recordings in the player.
void DrawIssueMedia(app::AppState& s, Dispatcher dispatch) {
  const auto& media = s.player.issue_media;
  if (media.empty()) return;
  Spacer(8);
  Heading("Recordings, photos and videos", 2);
  std::vector<Media> gallery;
  for (const auto& m : media)
    if (m.media_type != MediaType::Audio) gallery.push_back(m);
  for (size_t i = 0; i < gallery.size(); ++i) {
#ifdef SALIK_HAS_MEDIA_VIEWER
    if (i > 0) SameLineIfFits(MediaTileSize());
#endif
    MediaTile(s, gallery[i], gallery);
  }
  if (!gallery.empty()) Spacer(8);
  DrawRecordingPlayer(s.player, dispatch);
}

}  // namespace

void DrawIssueDetail(app::AppState& s, Dispatcher dispatch) {
  const auto& c = Colors();
  BeginColumn(Sizes().content_max_width);
  bool is_owner = s.session && s.issue.data.customer_id == s.session->user.id;
  bool is_mechanic = s.session && s.session->user.role == Role::Mechanic;
  if (Link(is_mechanic ? "Back to open issues" : "Back to my issues"))
    dispatch(app::Navigate{app::HomeRoute(s)});
  Banner(s.notice, false);
  if (s.issue.error) {
    Banner(s.issue.error->message);
    EndColumn();
    return;
  }
  if (!s.issue.loaded) {
    Text("Loading…", TextStyle::Body, c.text_muted);
    EndColumn();
    return;
  }
  const Issue& i = s.issue.data;
  BeginCard("issue", i.title);
  UrgencyBadge(i.urgency);
  ImGui::SameLine();
  IssueStatusBadge(i.status);
  Heading(i.title, 1);
  Text(CarLine(i), TextStyle::Small, c.text_muted);
  Text(i.description);
  Text("Budget: " + std::string(Label(i.budget_range)) + "  \xC2\xB7  Posted " + RelativeTime(i.created_at, NowMillis()),
       TextStyle::Small, c.text_muted);
  if (is_owner && (i.status == IssueStatus::Open || i.status == IssueStatus::InProgress)) {
    if (Button("Mark resolved", {.kind = ButtonKind::Secondary, .icon = icon::kCheck, .busy = s.status_busy}))
      dispatch(app::SetIssueStatus{IssueStatus::Resolved});
  }
  if (s.status_error) Banner(s.status_error->message);
  EndCard();
  DrawIssueMedia(s, dispatch);

  Spacer(8);
  const auto& responses = s.responses;
  int n = static_cast<int>(responses.data.size());
  Heading(n == 0 ? "Responses" : n == 1 ? "1 mechanic responded" : std::to_string(n) + " mechanics responded", 2);
  bool already = false;
  for (const auto& r : responses.data)
    if (s.session && r.mechanic_id == s.session->user.id) already = true;
  if (is_mechanic && !already && (i.status == IssueStatus::Open || i.status == IssueStatus::InProgress)) {
    if (Button("Respond to this issue", {.icon = icon::kWrench}))
      dispatch(app::Navigate{{app::Screen::Respond, i.id}});
  }
  if (is_mechanic && already) {
    if (Button("Chat with the car owner", {.icon = icon::kComment, .busy = s.chat.starting == i.id + ":"}))
      dispatch(app::OpenChatWith{i.id, ""});
  }
  if (s.chat.start_error) Banner(s.chat.start_error->message);
  if (responses.error) {
    Banner(responses.error->message);
  } else if (responses.loaded && responses.data.empty()) {
    BeginCard("none", "No responses yet");
    IconTile(icon::kClock, c.primary, c.primary_soft);
    Text(is_owner ? "No responses yet. Mechanics usually answer within minutes; we will show them here."
                  : "No mechanic has responded yet. Be the first.",
         TextStyle::Body, c.text_muted);
    EndCard();
  } else {
    BeginList("responses", "Responses");
    for (const auto& r : responses.data) {
      bool busy = s.chat.starting == i.id + ":" + r.mechanic_id;
      if (ResponseCard(r, is_owner ? "Chat" : nullptr, busy)) dispatch(app::OpenChatWith{i.id, r.mechanic_id});
    }
    EndList();
  }
  EndColumn();
}

}  // namespace salik::ui
