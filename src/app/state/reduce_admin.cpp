// The admin's verification queue: approve, or reject with a reason.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/json_codecs.hpp"
#include "core/validation.hpp"
#include "state/reduce.hpp"

namespace salik::app {

Commands ReduceAdmin(AppState& s, const Action& action) {
  auto& v = s.verification;
  std::string token = s.session ? s.session->token : "";
  if (auto* start = std::get_if<StartRejecting>(&action)) {
    v.rejecting_id = start->mechanic_id;
    v.reason.clear();
    v.error.reset();
    return {};
  }
  if (auto* decide = std::get_if<DecideVerification>(&action)) {
    if (!v.busy_id.empty()) return {};
    nlohmann::json body{{"decision", decide->approve ? "verified" : "rejected"}};
    if (!decide->approve) body["reason"] = Trim(v.reason);
    auto parsed = ParseVerifyDecision(body);
    v.error.reset();
    if (!parsed) {
      v.error = parsed.error();
      return {};
    }
    v.busy_id = decide->mechanic_id;
    return {HttpCommand{Request::Verify, "POST", "/api/mechanics/" + decide->mechanic_id + "/verify", body.dump(),
                        token, decide->mechanic_id}};
  }
  auto* done = std::get_if<HttpDone>(&action);
  if (!done) return {};
  if (done->request == Request::VerificationQueue) {
    s.queue.loading = false;
    if (done->status != 200) {
      s.queue.error = ErrorFromBody(done->status, done->body);
      return {};
    }
    auto j = nlohmann::json::parse(done->body, nullptr, false);
    s.queue.data.clear();
    if (j.is_object() && j.contains("items") && j["items"].is_array())
      for (const auto& m : j["items"]) s.queue.data.push_back(m.get<MechanicProfile>());
    s.queue.loaded = true;
    s.queue.error.reset();
    return {};
  }
  if (done->request == Request::Verify) {
    v.busy_id.clear();
    if (done->status != 200) {
      v.error = ErrorFromBody(done->status, done->body);
      return {};
    }
    auto decided = nlohmann::json::parse(done->body, nullptr, false).get<MechanicProfile>();
    auto& q = s.queue.data;
    q.erase(std::remove_if(q.begin(), q.end(), [&](const MechanicProfile& m) { return m.id == done->context; }), q.end());
    v.rejecting_id.clear();
    v.reason.clear();
    s.notice = decided.full_name + (decided.verification_status == VerificationStatus::Verified
                                        ? " is verified and can now respond to issues."
                                        : " was rejected; they can see your reason.");
    return {};
  }
  return {};
}

}  // namespace salik::app
