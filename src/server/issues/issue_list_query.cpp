#include "server/issues/issue_list_query.hpp"

#include <string>

#include "server/app/paging.hpp"

namespace salik {
namespace {

ApiError BadFilter(const std::string& field, const std::string& message) {
  return BadRequest("invalid_query", message, field);
}

// Reads an optional enum parameter; false (and `error` set) when the value is not allowed.
template <typename E, typename Parse>
bool ReadEnumParam(const HttpRequest& req, const char* name, Parse parse, std::optional<E>& out,
                   std::optional<ApiError>& error) {
  const std::string* text = req.Query(name);
  if (!text || text->empty()) return true;
  out = parse(*text);
  if (!out) error = BadFilter(name, std::string(name) + " is not one of the allowed values.");
  return out.has_value();
}

}  // namespace

Expected<IssueFilter> ParseIssueListQuery(const HttpRequest& req, const Profile& user) {
  IssueFilter filter;
  std::optional<ApiError> error;
  if (!ReadEnumParam(req, "category", CategoryFromWire, filter.category, error) ||
      !ReadEnumParam(req, "urgency", UrgencyFromWire, filter.urgency, error) ||
      !ReadEnumParam(req, "budget_range", BudgetRangeFromWire, filter.budget_range, error) ||
      !ReadEnumParam(req, "status", IssueStatusFromWire, filter.status, error))
    return *error;

  if (const std::string* city = req.Query("city")) {
    filter.city = Trim(*city);
    if (Utf8Length(filter.city) > FieldLimits::kCityMax)
      return BadFilter("city", "city must be at most 60 characters.");
  }

  bool mine = false;
  if (const std::string* text = req.Query("mine")) {
    if (*text == "1" || *text == "true") mine = true;
    else if (!text->empty() && *text != "0" && *text != "false")
      return BadFilter("mine", "mine must be 1 or 0.");
  }

  auto paging = ParsePaging(req);
  if (!paging) return paging.error();
  filter.limit = paging->limit;
  filter.offset = paging->offset;

  if (mine || user.role == Role::Customer) {
    filter.customer_id = user.id;
  } else if (!filter.status) {
    filter.status = IssueStatus::Open;
  }
  return filter;
}

}  // namespace salik
