// Lenient field readers for the JSON codecs: a missing or mistyped field reads as a default, so a
// client decoding an answer never throws. (Input validation is strict and lives in validation.cpp.)
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace salik::json_fields {

inline std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
template <typename T>
T Num(const nlohmann::json& j, const char* key, T fallback = T{}) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<T>() : fallback;
}
inline bool Bool(const nlohmann::json& j, const char* key, bool fallback = false) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() ? it->get<bool>() : fallback;
}
// Empty text is written as null (timestamps that have not happened yet).
inline nlohmann::json NullIfEmpty(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

}  // namespace salik::json_fields
