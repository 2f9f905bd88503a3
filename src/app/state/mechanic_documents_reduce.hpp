// The verification documents' reducer (mechanic_documents_reduce.cpp), called by ReduceMechanic,
// and its part of EnterRoute.
#pragma once

#include "state/app_state.hpp"
#include "state/commands.hpp"

namespace salik::app {

Commands ReduceMechanicDocuments(AppState& state, const Action& action);
// The mechanic's own list on their profile and pending screen; a fresh start for the admin's queue
// (its cards ask for theirs as they come into view, so a long queue costs one request up front).
Commands EnterDocumentsRoute(AppState& state, const Route& route);

}  // namespace salik::app
