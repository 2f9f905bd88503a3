// A mechanic's profile (onboarding) with its verification documents, and their response to an issue.
#include <nlohmann/json.hpp>

#include "core/json_codecs.hpp"
#include "core/money.hpp"
#include "core/validation.hpp"
#include "state/form_numbers.hpp"
#include "state/mechanic_documents_reduce.hpp"
#include "state/reduce.hpp"

namespace salik::app {
namespace {

using nlohmann::json;

Commands ReduceProfileAndResponse(AppState& s, const Action& action) {
  std::string token = s.session ? s.session->token : "";
  if (std::holds_alternative<SaveMechanicProfile>(action)) {
    auto& f = s.onboarding;
    f.error.reset();
    f.saved = false;
    json body{{"bio", f.bio}, {"city", f.city}, {"service_tier", f.service_tier == 1 ? "workshop_partner" : "virtual_only"}};
    json specs = json::array();
    for (size_t i = 0; i < f.specializations.size() && i < AllCategories().size(); ++i)
      if (f.specializations[i]) specs.push_back(ToWire(AllCategories()[i]));
    body["specializations"] = specs;
    if (json years = TypedWholeNumber(f.experience_years); !years.is_null()) body["experience_years"] = years;
    if (!Trim(f.hourly_rate).empty()) {
      auto fils = ParseAedToFils(f.hourly_rate);
      if (!fils) {
        f.error = BadRequest("invalid_field", "Enter your hourly rate in AED, like 120.", "hourly_rate");
        return {};
      }
      body["hourly_rate"] = *fils;
    }
    if (Trim(f.bio).size() < 20) {
      f.error = BadRequest("invalid_field", "Tell car owners a little about yourself (at least 20 characters).", "bio");
      return {};
    }
    if (specs.empty()) {
      f.error = BadRequest("invalid_field", "Choose at least one specialization.", "specializations");
      return {};
    }
    auto parsed = ParseMechanicProfilePatch(body);
    if (!parsed) f.error = parsed.error();
    if (f.error || f.busy || !s.session) return {};
    f.busy = true;
    return {HttpCommand{Request::SaveMechanicProfile, "PATCH", "/api/mechanics/" + s.session->user.id, body.dump(),
                        token, ""}};
  }
  if (std::holds_alternative<SubmitResponse>(action)) {
    auto& f = s.respond;
    f.error.reset();
    auto lo = ParseAedToFils(f.cost_min);
    auto hi = ParseAedToFils(f.cost_max);
    if (!lo) f.error = BadRequest("invalid_field", "Enter the minimum cost in AED, like 150.", "estimated_cost_min");
    else if (!hi) f.error = BadRequest("invalid_field", "Enter the maximum cost in AED, like 300.", "estimated_cost_max");
    if (f.error) return {};
    json body{{"initial_diagnosis", f.diagnosis},
              {"estimated_cost_min", *lo},
              {"estimated_cost_max", *hi},
              {"estimated_fix_time", f.fix_time},
              {"confidence_level", ToWire(AllConfidences()[f.confidence])},
              {"needs_video_call", f.needs_video_call}};
    auto parsed = ParseResponseInput(body);
    if (!parsed) f.error = parsed.error();
    if (f.error || f.busy || s.route.id.empty()) return {};
    f.busy = true;
    return {HttpCommand{Request::CreateResponse, "POST", "/api/issues/" + s.route.id + "/responses", body.dump(),
                        token, s.route.id}};
  }
  auto* done = std::get_if<HttpDone>(&action);
  if (!done) return {};
  if (done->request == Request::SaveMechanicProfile) {
    auto& f = s.onboarding;
    f.busy = false;
    if (done->status != 200) {
      f.error = ErrorFromBody(done->status, done->body);
      return {};
    }
    f.saved = true;
    if (s.session) s.session->mechanic = json::parse(done->body, nullptr, false).get<MechanicProfile>();
    s.notice = "Profile saved.";
    return EnterRoute(s, {Screen::MechanicFeed, {}});
  }
  if (done->request == Request::CreateResponse) {
    auto& f = s.respond;
    f.busy = false;
    if (done->status != 201) {
      f.error = ErrorFromBody(done->status, done->body);
      return {};
    }
    s.notice = "Your response was sent to the car owner.";
    if (done->context != s.route.id) return {};  // answered after the user moved to another issue
    f.sent = true;
    s.responses.data.push_back(json::parse(done->body, nullptr, false).get<MechanicResponse>());
    return {};
  }
  return {};
}

}  // namespace

Commands ReduceMechanic(AppState& s, const Action& action) {
  Commands out = ReduceMechanicDocuments(s, action);
  Commands more = ReduceProfileAndResponse(s, action);
  out.insert(out.end(), more.begin(), more.end());
  return out;
}

}  // namespace salik::app
