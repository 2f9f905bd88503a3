// Mechanics' verification documents (issue 4): the section of the mechanic's profile where they are
// added, uploaded and listed; the summary on the pending / rejected screen; and the tiles on a
// candidate's card in the admin's verification queue. Tiles open the photo viewer.
#pragma once

#include <string>

#include "ui/screens/app_screen.hpp"

namespace salik::ui {

// The profile's "Verification documents" card: add (dialog or drop), remove, upload with progress
// and Retry, the uploaded list, an empty state saying what to upload and why.
void DrawMyDocumentsSection(app::AppState& state, Dispatcher dispatch);
// What the mechanic uploaded, read-only, with uploads still running and a way to add more.
void DrawMyDocumentsSummary(app::AppState& state, Dispatcher dispatch);
// A candidate's documents on the admin's card; asks for them once the card is near the view.
void DrawCandidateDocuments(app::AppState& state, const std::string& mechanic_id, Dispatcher dispatch);

}  // namespace salik::ui
