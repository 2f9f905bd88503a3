// JSON form of the domain types: the wire format of the API (docs/api.md).
#pragma once

#include <nlohmann/json.hpp>

#include "core/api_error.hpp"
#include "core/domain.hpp"

namespace salik {

void to_json(nlohmann::json& j, const Profile& p);  // includes email: only ever sent to its owner or admins
void from_json(const nlohmann::json& j, Profile& p);
void to_json(nlohmann::json& j, const MechanicProfile& m);
void from_json(const nlohmann::json& j, MechanicProfile& m);
void to_json(nlohmann::json& j, const Issue& i);
void from_json(const nlohmann::json& j, Issue& i);
void to_json(nlohmann::json& j, const MechanicResponse& r);
void from_json(const nlohmann::json& j, MechanicResponse& r);

// {"error": {"code", "message", "field"?}}
nlohmann::json ErrorBody(const ApiError& e);
// Reads an error body back (the app); a body of another shape gives a generic message.
ApiError ErrorFromBody(int status, const std::string& body);

}  // namespace salik
