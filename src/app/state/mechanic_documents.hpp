// Mechanics' verification documents as the server lists them (GET /api/mechanics/{id}/documents):
// the signed-in mechanic's own on their profile and pending screen, and each candidate's in the
// admin's verification queue. Adding and uploading them is the upload machinery's
// (media_upload_state.hpp, target MechanicDocument); changed only by mechanic_documents_reduce.cpp.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/media.hpp"

namespace salik::app {

struct DocumentList {
  bool loading = false;
  bool loaded = false;
  std::vector<Media> items;  // oldest first; their links are signed for an hour
  std::string error;         // why the last load failed
};

struct MechanicDocuments {
  std::map<std::string, DocumentList> by_mechanic;  // by mechanic (user) id
};

// The list of `mechanic_id`, or nullptr when it was never asked for.
const DocumentList* DocumentsOf(const MechanicDocuments& documents, const std::string& mechanic_id);

// Asks for `mechanic_id`'s documents: the admin's card came into view (once per queue load), or
// `retry` after a failure.
struct LoadMechanicDocuments {
  std::string mechanic_id;
  bool retry = false;
};

}  // namespace salik::app
