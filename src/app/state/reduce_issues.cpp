// A car owner's issues: the posting wizard, "My issues", an issue's page and its responses.
#include <nlohmann/json.hpp>

#include "core/json_codecs.hpp"
#include "core/validation.hpp"
#include "state/form_numbers.hpp"
#include "state/reduce.hpp"

namespace salik::app {
namespace {

using nlohmann::json;

// The wizard's fields as the API's JSON. Numbers that do not parse are sent as text so the
// shared validator reports them with the field's name.
json IssueBody(const IssueWizard& w) {
  json body{{"title", w.title}, {"description", w.description}, {"car_make", w.car_make},
            {"car_model", w.car_model}, {"location_city", w.location_city}};
  if (w.category >= 0) body["category"] = ToWire(AllCategories()[w.category]);
  body["urgency"] = ToWire(AllUrgencies()[w.urgency]);
  body["budget_range"] = ToWire(AllBudgetRanges()[w.budget]);
  body["car_year"] = TypedWholeNumber(w.car_year);
  json mileage = TypedWholeNumber(w.car_mileage);
  if (!mileage.is_null()) body["car_mileage"] = mileage;
  return body;
}

bool StepOneField(const std::string& field) {
  return field == "title" || field == "description" || field == "category" || field == "urgency";
}

template <typename T>
void LoadList(Remote<std::vector<T>>& remote, const HttpDone& done) {
  remote.loading = false;
  if (done.status != 200) {
    remote.error = ErrorFromBody(done.status, done.body);
    return;
  }
  auto j = json::parse(done.body, nullptr, false);
  remote.data.clear();
  if (j.is_object() && j.contains("items") && j["items"].is_array())
    for (const auto& item : j["items"]) remote.data.push_back(item.get<T>());
  remote.loaded = true;
  remote.error.reset();
}

}  // namespace

Commands ReduceIssues(AppState& s, const Action& action) {
  auto& w = s.wizard;
  std::string token = s.session ? s.session->token : "";
  if (std::holds_alternative<WizardNext>(action)) {
    // Validate what this step shows with the server's own rules; other fields may still be empty.
    auto parsed = ParseIssueInput(IssueBody(w), CurrentUtcYear());
    w.error.reset();
    if (!parsed) {
      bool on_this_step = w.step == 1 ? StepOneField(parsed.error().field) : w.step == 2;
      if (on_this_step) {
        w.error = parsed.error();
        return {};
      }
    }
    w.step = std::min(4, w.step + 1);  // 3 is media (reduce_media_upload.cpp)
    return {};
  }
  if (std::holds_alternative<WizardBack>(action)) {
    w.error.reset();
    w.step = std::max(1, w.step - 1);
    return {};
  }
  if (std::holds_alternative<WizardStartOver>(action)) {
    w = IssueWizard{};
    if (s.session) w.location_city = s.session->user.city;
    return {};
  }
  if (std::holds_alternative<WizardPost>(action)) {
    auto parsed = ParseIssueInput(IssueBody(w), CurrentUtcYear());
    w.error.reset();
    if (!parsed) {
      w.error = parsed.error();
      w.step = StepOneField(parsed.error().field) ? 1 : 2;
      return {};
    }
    if (w.busy) return {};
    w.busy = true;
    return {HttpCommand{Request::CreateIssue, "POST", "/api/issues", IssueBody(w).dump(), token, ""}};
  }
  if (auto* set = std::get_if<SetIssueStatus>(&action)) {
    if (s.status_busy || s.issue.data.id.empty()) return {};
    s.status_busy = true;
    s.status_error.reset();
    json body{{"status", ToWire(set->status)}};
    return {HttpCommand{Request::PatchIssueStatus, "PATCH", "/api/issues/" + s.issue.data.id, body.dump(), token,
                        s.issue.data.id}};
  }
  auto* done = std::get_if<HttpDone>(&action);
  if (!done) return {};
  switch (done->request) {
    case Request::CreateIssue: {
      w.busy = false;
      if (done->status == 201) {
        Issue issue = json::parse(done->body, nullptr, false).get<Issue>();
        w.posted_issue_id = issue.id;
        w.step = 5;
        s.my_issues.data.insert(s.my_issues.data.begin(), issue);
      } else {
        w.error = ErrorFromBody(done->status, done->body);
        if (!w.error->field.empty()) w.step = StepOneField(w.error->field) ? 1 : 2;
      }
      return {};
    }
    case Request::MyIssues: LoadList(s.my_issues, *done); return {};
    case Request::Feed: LoadList(s.feed, *done); return {};
    case Request::Responses:
      if (done->context == s.route.id) LoadList(s.responses, *done);
      return {};
    case Request::Issue:
    case Request::PatchIssueStatus: {
      bool patch = done->request == Request::PatchIssueStatus;
      if (patch) s.status_busy = false;
      if (done->context != s.route.id) return {};  // the user has moved on
      else s.issue.loading = false;
      if (done->status == 200) {
        s.issue.data = json::parse(done->body, nullptr, false).get<Issue>();
        s.issue.loaded = true;
        s.issue.error.reset();
        if (patch) s.notice = s.issue.data.status == IssueStatus::Resolved ? "Marked as resolved." : "Status updated.";
      } else if (patch) {
        s.status_error = ErrorFromBody(done->status, done->body);
      } else {
        s.issue.error = ErrorFromBody(done->status, done->body);
      }
      return {};
    }
    default: return {};
  }
}

}  // namespace salik::app
