// Loading mechanics' verification documents, and adding a document to its mechanic's list as soon
// as its upload is answered.
#include "state/mechanic_documents_reduce.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/json_codecs.hpp"

namespace salik::app {
namespace {

using nlohmann::json;

Commands Load(AppState& s, const std::string& mechanic_id) {
  if (!s.session || mechanic_id.empty()) return {};
  DocumentList& list = s.mechanic_documents.by_mechanic[mechanic_id];
  if (list.loading) return {};
  list.loading = true;
  list.error.clear();
  return {HttpCommand{Request::MechanicDocuments, "GET", "/api/mechanics/" + mechanic_id + "/documents", "",
                      s.session->token, mechanic_id}};
}

bool IsMechanic(const AppState& s) { return s.session && s.session->user.role == Role::Mechanic; }

void Add(DocumentList& list, Media media) {
  bool known = std::any_of(list.items.begin(), list.items.end(), [&](const Media& m) { return m.id == media.id; });
  if (!known) list.items.push_back(std::move(media));
}

}  // namespace

const DocumentList* DocumentsOf(const MechanicDocuments& documents, const std::string& mechanic_id) {
  auto it = documents.by_mechanic.find(mechanic_id);
  return it == documents.by_mechanic.end() ? nullptr : &it->second;
}

Commands EnterDocumentsRoute(AppState& s, const Route& route) {
  if (!s.session) return {};
  switch (route.screen) {
    case Screen::MechanicProfile:
      if (!IsMechanic(s)) return {};
      s.media_upload.refusal.clear();  // a refusal from another screen says nothing here
      return Load(s, s.session->user.id);
    case Screen::MechanicFeed: {
      // Only the pending and rejected screens show them.
      const auto& m = s.session->mechanic;
      if (!IsMechanic(s) || (m && m->verification_status == VerificationStatus::Verified)) return {};
      return Load(s, s.session->user.id);
    }
    case Screen::AdminVerification:
      s.mechanic_documents = {};  // fresh links and lists with the fresh queue
      return {};
    default: return {};
  }
}

Commands ReduceMechanicDocuments(AppState& s, const Action& action) {
  if (auto* load = std::get_if<LoadMechanicDocuments>(&action)) {
    const DocumentList* known = DocumentsOf(s.mechanic_documents, load->mechanic_id);
    if (known && !(load->retry && !known->error.empty())) return {};  // asked for already
    return Load(s, load->mechanic_id);
  }
  if (auto* done = std::get_if<HttpDone>(&action); done && done->request == Request::MechanicDocuments) {
    DocumentList& list = s.mechanic_documents.by_mechanic[done->context];
    list.loading = false;
    if (done->status != 200) {
      list.error = ErrorFromBody(done->status, done->body).message;
      return {};
    }
    auto j = json::parse(done->body, nullptr, false);
    list.items.clear();
    if (j.is_object() && j.contains("items") && j["items"].is_array())
      for (const auto& item : j["items"]) list.items.push_back(item.get<Media>());
    list.loaded = true;
    list.error.clear();
    return {};
  }
  // Runs before the upload queue sees the answer: the attachment is still uploading.
  if (auto* finished = std::get_if<UploadFinished>(&action); finished && finished->status == 201 && IsMechanic(s)) {
    for (const auto& a : s.media_upload.uploads) {
      if (a.id != finished->id || a.target != UploadTarget::MechanicDocument || a.phase != UploadPhase::Uploading)
        continue;
      auto j = json::parse(finished->body, nullptr, false);
      if (j.is_object()) Add(s.mechanic_documents.by_mechanic[s.session->user.id], j.get<Media>());
    }
    return {};
  }
  return {};
}

}  // namespace salik::app
