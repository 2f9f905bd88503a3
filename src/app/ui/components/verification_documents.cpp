// Verification documents on the mechanic's profile, their pending screen and the admin's queue.
// Adding and uploading reuse the wizard's machinery (state/media_upload_state.hpp, target
// MechanicDocument; rows from post_issue_media); the lists are state/mechanic_documents.hpp's.
#include "ui/components/verification_documents.hpp"

#include <vector>

#include "platform/display.hpp"
#include "ui/components/media_viewer.hpp"
#include "ui/icons.hpp"
#include "ui/screens/post_issue_media.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"
#include "ui/widgets_internal.hpp"

namespace salik::ui {
namespace {

using app::Attachment;
using app::UploadPhase;
using app::UploadTarget;

// Tiles in rows that wrap at the column's edge; each opens the viewer on the whole set.
void Tiles(const std::vector<Media>& items, app::MediaViewer& viewer) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) SameLineIfFits(MediaTileSize());
    DrawMediaTile(items[i], items, viewer);
  }
}

// Document uploads not yet answered with success: waiting, running, or failed with Retry.
std::vector<const Attachment*> UnfinishedUploads(const app::AppState& s) {
  std::vector<const Attachment*> out;
  for (const auto& a : s.media_upload.uploads)
    if (a.target == UploadTarget::MechanicDocument && a.phase != UploadPhase::Done) out.push_back(&a);
  return out;
}

void UploadRows(const app::AppState& s, Dispatcher dispatch) {
  auto running = UnfinishedUploads(s);
  if (running.empty()) return;
  BeginList("document-uploads", "Document uploads");
  for (const Attachment* a : running) {
    AttachmentRow(*a, dispatch);
    // A refused photo would be refused again: let it go instead of leaving it here for good.
    if (a->phase == UploadPhase::Failed &&
        Link(("Remove " + a->label + "##give-up-" + std::to_string(a->id)).c_str()))
      dispatch(app::RemoveAttachment{a->id});
  }
  EndList();
}

// The server's list: loading, failed with Retry, or the tiles; nothing when empty.
void UploadedTiles(app::AppState& s, const app::DocumentList* list, const std::string& mechanic_id,
                   Dispatcher dispatch) {
  const auto& c = Colors();
  if (!list || (list->loading && !list->loaded)) {
    Text("Loading documents\xE2\x80\xA6", TextStyle::Small, c.text_muted);
  } else if (!list->error.empty()) {
    Text("The documents did not load: " + list->error, TextStyle::Small, c.danger);
    if (Button("Retry##documents", {.kind = ButtonKind::Secondary, .icon = icon::kRefresh, .small = true}))
      dispatch(app::LoadMechanicDocuments{mechanic_id, true});
  } else if (!list->items.empty()) {
    Tiles(list->items, s.media_viewer);
  }
}

const std::string& MyId(const app::AppState& s) {
  static const std::string none;
  return s.session ? s.session->user.id : none;
}

}  // namespace

void DrawMyDocumentsSection(app::AppState& s, Dispatcher dispatch) {
  const auto& c = Colors();
  const auto& m = s.media_upload;
  const std::string& me = MyId(s);
  const app::DocumentList* list = DocumentsOf(s.mechanic_documents, me);
  bool phone = IsPhoneWidth();
  bool nothing_yet = list && list->loaded && list->items.empty() && m.documents.empty() && UnfinishedUploads(s).empty();

  BeginCard("documents", "Verification documents");
  Heading("Verification documents", 3);
  if (nothing_yet) {
    IconTile(icon::kCertificate, c.primary, c.primary_soft);
    Heading("No documents yet", 3);
    Text("Add clear photos of your trade licence, your Emirates ID (front and back) and any training "
         "certificates. An admin checks them before you can answer car owners.",
         TextStyle::Body, c.text_muted);
  } else {
    Text("Your trade licence, Emirates ID and certificates, as photos. An admin checks them before you can answer "
         "car owners.",
         TextStyle::Body, c.text_muted);
  }
  Text("Only you and SalikChat's admins can see them. Photos up to 5 MB (JPEG, PNG, WebP).", TextStyle::Small,
       c.text_muted);
  Spacer(2);
  if (Button("Add documents", {.kind = ButtonKind::Secondary, .icon = icon::kCamera, .width = phone ? -1.0f : 0.0f}))
    dispatch(app::PickFiles{MediaType::Image});
  if (!phone) Text("You can also drop photos anywhere on this page.", TextStyle::Small, c.text_muted);
  if (!nothing_yet) {
    Spacer(4);
    if (list && list->loaded && !list->items.empty())
      Heading("Uploaded (" + std::to_string(list->items.size()) + ")", 3);
    UploadedTiles(s, list, me, dispatch);
  }
  EndCard();

  // Rows outside the card: a row splits the draw list into channels, which a card does already.
  Banner(m.refusal);
  if (!m.documents.empty()) {
    Spacer(4);
    Heading("Ready to upload (" + std::to_string(m.documents.size()) + ")", 3);
    BeginList("document-drafts", "Documents to upload");
    for (const auto& a : m.documents) AttachmentRow(a, dispatch);
    EndList();
    std::string upload = m.documents.size() == 1 ? "Upload 1 document"
                                                 : "Upload " + std::to_string(m.documents.size()) + " documents";
    if (Button(upload.c_str(), {.icon = icon::kUpload, .width = phone ? -1.0f : 0.0f}))
      dispatch(app::UploadDocuments{});
  }
  UploadRows(s, dispatch);
  Spacer(8);
  if (m.drop_hover) DropOverlay("Drop photos of your documents to add them");
}

void DrawMyDocumentsSummary(app::AppState& s, Dispatcher dispatch) {
  const auto& c = Colors();
  const std::string& me = MyId(s);
  const app::DocumentList* list = DocumentsOf(s.mechanic_documents, me);
  BeginCard("my-documents", "Your documents");
  Heading("Your documents", 3);
  if (list && list->loaded && list->items.empty() && UnfinishedUploads(s).empty()) {
    Text("You have not uploaded any documents yet. Admins verify mechanics from photos of their trade licence, "
         "Emirates ID and certificates: add them to be reviewed sooner.",
         TextStyle::Body, c.text_muted);
  } else {
    Text("What the admin reviews. Only you and SalikChat's admins can see them.", TextStyle::Small, c.text_muted);
    UploadedTiles(s, list, me, dispatch);
  }
  Spacer(2);
  if (Button("Add documents", {.kind = ButtonKind::Secondary, .icon = icon::kPlus, .width = IsPhoneWidth() ? -1.0f : 0.0f}))
    dispatch(app::Navigate{{app::Screen::MechanicProfile, {}}});
  EndCard();
  UploadRows(s, dispatch);  // outside the card (see DrawMyDocumentsSection)
}

void DrawCandidateDocuments(app::AppState& s, const std::string& mechanic_id, Dispatcher dispatch) {
  const auto& c = Colors();
  const app::DocumentList* list = DocumentsOf(s.mechanic_documents, mechanic_id);
  if (!list) {
    // Near the view (a screen above or below): ask once; cards far down wait until scrolled to.
    ImVec2 p = ImGui::GetCursorScreenPos();
    float reach = platform::Display().css_height;
    if (ImGui::IsRectVisible(ImVec2(p.x, p.y - reach), ImVec2(p.x + 1, p.y + reach)))
      dispatch(app::LoadMechanicDocuments{mechanic_id});
  }
  TextLine("Documents", TextStyle::BodyBold, c.text);
  if (list && list->loaded && list->items.empty()) {
    Text("No documents uploaded yet.", TextStyle::Small, c.warning);
    return;
  }
  UploadedTiles(s, list, mechanic_id, dispatch);
}

}  // namespace salik::ui
