// What the app reducer tests share: picking commands out of a reducer's answer, the API's error
// body, and a state restored from a stored session.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <variant>
#include <vector>

#include "state/reduce.hpp"

namespace salik::app::testing {

using nlohmann::json;

// --- Commands, picked apart by kind.
// Every command of type T in a reducer's answer, in order.
template <typename T>
std::vector<T> Of(const Commands& cmds) {
  std::vector<T> out;
  for (const auto& c : cmds)
    if (auto* x = std::get_if<T>(&c)) out.push_back(*x);
  return out;
}

inline std::vector<HttpCommand> Https(const Commands& cmds) {
  std::vector<HttpCommand> out;
  for (const auto& c : cmds)
    if (auto* h = std::get_if<HttpCommand>(&c)) out.push_back(*h);
  return out;
}

inline std::vector<std::string> Hashes(const Commands& cmds) {
  std::vector<std::string> out;
  for (const auto& c : cmds)
    if (auto* h = std::get_if<SetHash>(&c)) out.push_back(h->hash);
  return out;
}

inline std::vector<std::string> StoredTokens(const Commands& cmds) {
  std::vector<std::string> out;
  for (const auto& c : cmds)
    if (auto* t = std::get_if<StoreToken>(&c)) out.push_back(t->token);
  return out;
}

// The API's error body.
inline std::string ErrorJson(const std::string& code, const std::string& message, const std::string& field = {}) {
  json err{{"code", code}, {"message", message}};
  if (!field.empty()) err["field"] = field;
  return json{{"error", err}}.dump();
}

// A state restored from a stored token: AppStarted, then /api/auth/me answers `me`.
inline AppState Restored(const json& me, const std::string& token, const std::string& hash, Commands* after = nullptr) {
  AppState s;
  Reduce(s, AppStarted{token, hash});
  Commands cmds = Reduce(s, HttpDone{Request::Me, 200, me.dump(), "boot"});
  if (after) *after = cmds;
  return s;
}

}  // namespace salik::app::testing

using namespace salik::app::testing;  // NOLINT: test files only
