// One value bound to a statement parameter. Both backends take the same values, so the store code
// reads the same on SQLite and PostgreSQL; text data only ever travels here, never inside SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace salik {

class SqlValue {
 public:
  using Variant = std::variant<std::monostate, std::string, int64_t, double, bool>;

  SqlValue() = default;  // NULL
  SqlValue(std::nullopt_t) {}
  SqlValue(std::string s) : v_(std::move(s)) {}
  SqlValue(std::string_view s) : v_(std::string(s)) {}
  SqlValue(const char* s) : v_(std::string(s)) {}
  SqlValue(int64_t i) : v_(i) {}
  SqlValue(int i) : v_(int64_t{i}) {}
  SqlValue(double d) : v_(d) {}
  SqlValue(bool b) : v_(b) {}
  template <typename T>
  SqlValue(const std::optional<T>& o) {
    if (o) *this = SqlValue(*o);
  }

  const Variant& get() const { return v_; }
  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }

 private:
  Variant v_;
};

// Optional columns (timestamps, references) hold NULL rather than an empty string.
inline SqlValue NullIfEmpty(const std::string& s) { return s.empty() ? SqlValue() : SqlValue(s); }

}  // namespace salik
