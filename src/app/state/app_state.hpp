// The app's whole state: one value, changed only by Reduce (reduce.hpp). Screens read it and
// edit form fields in place (immediate-mode forms); everything else happens through actions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/api_error.hpp"
#include "core/domain.hpp"
#include "state/chat_state.hpp"
#include "state/mechanic_documents.hpp"
#include "state/media_viewer.hpp"
#include "state/media_upload_state.hpp"
#include "state/player_state.hpp"
#include "state/route.hpp"

namespace salik::app {

// Data that comes from the server: loading, loaded, or failed with a message to show.
template <typename T>
struct Remote {
  bool loading = false;
  bool loaded = false;
  T data{};
  std::optional<ApiError> error;
};

struct Session {
  std::string token;
  Profile user;
  std::optional<MechanicProfile> mechanic;  // for mechanics
};

struct SignInForm {
  std::string email, password;
  bool busy = false;
  std::optional<ApiError> error;
};

struct SignUpForm {
  std::string full_name, email, password, city;
  int role = 0;  // 0 car owner, 1 mechanic
  bool busy = false;
  std::optional<ApiError> error;
};

// The posting wizard: step 1 problem, 2 car, 3 media (issue 4), 4 review and post, 5 posted.
struct IssueWizard {
  int step = 1;
  std::string title, description;
  int category = -1;  // index into AllCategories()
  int urgency = 1;    // index into AllUrgencies(): normal
  std::string car_make, car_model, car_year, car_mileage;
  int budget = 4;  // index into AllBudgetRanges(): not sure
  std::string location_city;
  bool busy = false;
  std::optional<ApiError> error;  // field set: shown under that field
  std::string posted_issue_id;
};

struct MechanicProfileForm {
  std::string bio, experience_years, hourly_rate, city;
  std::vector<bool> specializations = std::vector<bool>(8, false);  // by AllCategories()
  int service_tier = 0;  // 0 virtual only, 1 workshop partner
  bool busy = false;
  bool saved = false;
  std::optional<ApiError> error;
};

struct ResponseForm {
  std::string diagnosis, cost_min, cost_max, fix_time;
  int confidence = 1;  // medium
  bool needs_video_call = false;
  bool busy = false;
  std::optional<ApiError> error;
  bool sent = false;
};

struct FeedFilter {
  int category = 0;  // 0 = any, else AllCategories()[i - 1]
  int urgency = 0;
  int budget = 0;
  std::string city;
};

struct Verification {
  std::string rejecting_id;  // the card whose rejection reason is being typed
  std::string reason;
  std::string busy_id;
  std::optional<ApiError> error;
};

struct AppState {
  Route route;
  bool booting = true;  // checking a stored session
  std::string boot_token;  // the stored token being checked
  std::optional<Session> session;
  std::string notice;  // a short success message at the top of the next screen

  SignInForm sign_in;
  SignUpForm sign_up;
  IssueWizard wizard;
  MechanicProfileForm onboarding;
  ResponseForm respond;
  FeedFilter feed_filter;
  Verification verification;

  Remote<std::vector<Issue>> my_issues;
  Remote<std::vector<Issue>> feed;
  Remote<Issue> issue;  // the open issue page
  Remote<std::vector<MechanicResponse>> responses;
  Remote<std::vector<MechanicProfile>> queue;
  bool status_busy = false;
  std::optional<ApiError> status_error;

  ChatState chat;
  MediaUploadState media_upload;  // the wizard's attachments and their uploads
  PlayerState player;  // the recording player on an issue's page (reduce_player.cpp)
  MediaViewer media_viewer;  // the full-screen photo viewer / video player (ui/components/media_viewer)
  MechanicDocuments mechanic_documents;  // verification documents as listed (mechanic_documents_reduce.cpp)
};

}  // namespace salik::app
