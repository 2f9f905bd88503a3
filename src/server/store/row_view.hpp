// A read-only view of the current result row, addressed by column name. Each backend supplies
// one, so the mapping from rows to domain types is written once (row_mapping.cpp).
#pragma once

#include <cstdint>
#include <string>

namespace salik {

class RowView {
 public:
  virtual ~RowView() = default;
  virtual bool IsNull(const char* column) const = 0;
  // NULL reads as "" / 0 / false.
  virtual std::string Text(const char* column) const = 0;
  virtual int64_t Int64(const char* column) const = 0;
  virtual double Double(const char* column) const = 0;
  virtual bool Bool(const char* column) const = 0;

  int Int(const char* column) const { return static_cast<int>(Int64(column)); }
};

}  // namespace salik
