#include "server/store/row_mapping.hpp"

#include <nlohmann/json.hpp>

namespace salik {
namespace {

// The CHECK constraints keep unknown values out; meeting one anyway means the schema and the
// code disagree, which is a store failure, not bad input.
template <typename E>
E EnumColumn(const RowView& row, const char* column, std::optional<E> (*from_wire)(std::string_view)) {
  std::string wire = row.Text(column);
  if (auto value = from_wire(wire)) return *value;
  throw StoreError(std::string("unexpected value '") + wire + "' in column " + column);
}

}  // namespace

Profile ProfileFromRow(const RowView& row) {
  Profile p;
  p.id = row.Text("id");
  p.role = EnumColumn(row, "role", RoleFromWire);
  p.email = row.Text("email");
  p.full_name = row.Text("full_name");
  p.phone = row.Text("phone");
  p.city = row.Text("city");
  p.country = row.Text("country");
  p.is_active = row.Bool("is_active");
  p.created_at = row.Text("created_at");
  p.updated_at = row.Text("updated_at");
  return p;
}

MechanicProfile MechanicFromRow(const RowView& row) {
  MechanicProfile m;
  m.id = row.Text("id");
  m.full_name = row.Text("full_name");
  m.city = row.Text("city");
  m.bio = row.Text("bio");
  m.specializations = SpecializationsFromJson(row.Text("specializations"));
  m.experience_years = row.Int("experience_years");
  m.hourly_rate = row.Int64("hourly_rate");
  m.service_tier = EnumColumn(row, "service_tier", ServiceTierFromWire);
  m.verification_status = EnumColumn(row, "verification_status", VerificationStatusFromWire);
  m.rejection_reason = row.Text("rejection_reason");
  m.rating_avg = row.Double("rating_avg");
  m.rating_count = row.Int("rating_count");
  m.is_available = row.Bool("is_available");
  m.verified_at = row.Text("verified_at");
  m.verified_by = row.Text("verified_by");
  m.created_at = row.Text("created_at");
  return m;
}

Issue IssueFromRow(const RowView& row) {
  Issue i;
  i.id = row.Text("id");
  i.customer_id = row.Text("customer_id");
  i.customer_name = row.Text("customer_name");
  i.title = row.Text("title");
  i.description = row.Text("description");
  i.car_make = row.Text("car_make");
  i.car_model = row.Text("car_model");
  i.car_year = row.Int("car_year");
  if (!row.IsNull("car_mileage")) i.car_mileage = row.Int("car_mileage");
  i.category = EnumColumn(row, "category", CategoryFromWire);
  i.urgency = EnumColumn(row, "urgency", UrgencyFromWire);
  i.status = EnumColumn(row, "status", IssueStatusFromWire);
  i.location_city = row.Text("location_city");
  i.budget_range = EnumColumn(row, "budget_range", BudgetRangeFromWire);
  i.is_public = row.Bool("is_public");
  i.response_count = row.Int("response_count");
  i.created_at = row.Text("created_at");
  i.updated_at = row.Text("updated_at");
  return i;
}

MechanicResponse ResponseFromRow(const RowView& row) {
  MechanicResponse r;
  r.id = row.Text("id");
  r.issue_id = row.Text("issue_id");
  r.mechanic_id = row.Text("mechanic_id");
  r.mechanic_name = row.Text("mechanic_name");
  r.mechanic_rating = row.Double("mechanic_rating");
  r.mechanic_rating_count = row.Int("mechanic_rating_count");
  r.mechanic_verified = row.Bool("mechanic_verified");
  r.initial_diagnosis = row.Text("initial_diagnosis");
  r.estimated_cost_min = row.Int64("estimated_cost_min");
  r.estimated_cost_max = row.Int64("estimated_cost_max");
  r.estimated_fix_time = row.Text("estimated_fix_time");
  r.confidence_level = EnumColumn(row, "confidence_level", ConfidenceFromWire);
  r.needs_video_call = row.Bool("needs_video_call");
  r.created_at = row.Text("created_at");
  return r;
}

AuditEntry AuditFromRow(const RowView& row) {
  AuditEntry a;
  a.id = row.Text("id");
  a.admin_id = row.Text("admin_id");
  a.action = row.Text("action");
  a.target_id = row.Text("target_id");
  a.detail = row.Text("detail");
  a.created_at = row.Text("created_at");
  return a;
}

Conversation ConversationFromRow(const RowView& row) {
  Conversation c;
  c.id = row.Text("id");
  c.issue_id = row.Text("issue_id");
  c.issue_title = row.Text("issue_title");
  c.customer_id = row.Text("customer_id");
  c.customer_name = row.Text("customer_name");
  c.mechanic_id = row.Text("mechanic_id");
  c.mechanic_name = row.Text("mechanic_name");
  c.status = row.Text("status");
  c.last_seq = row.Int64("last_seq");
  c.last_message = MessagePreview(row.Text("last_message"), row.Text("last_message_type"));
  c.last_message_at = row.Text("last_message_at");
  c.customer_read_seq = row.Int64("customer_read_seq");
  c.mechanic_read_seq = row.Int64("mechanic_read_seq");
  c.engaged_at = row.Text("engaged_at");
  c.created_at = row.Text("created_at");
  return c;
}

Message MessageFromRow(const RowView& row) {
  Message m;
  m.id = row.Text("id");
  m.conversation_id = row.Text("conversation_id");
  m.seq = row.Int64("seq");
  m.sender_id = row.Text("sender_id");
  m.client_id = row.Text("client_id");
  m.content = row.Text("content");
  m.message_type = row.Text("message_type");
  m.created_at = row.Text("created_at");
  m.edited_at = row.Text("edited_at");
  m.media_id = row.Text("media_id");  // empty for text messages; the server attaches the media
  return m;
}

VerificationColumns ColumnsFor(const VerifyDecision& decision, const AuditEntry& audit) {
  VerificationColumns c;
  c.status = std::string(ToWire(decision.decision));
  if (decision.decision == VerificationStatus::Rejected) c.rejection_reason = decision.reason;
  if (decision.decision == VerificationStatus::Verified) {
    c.verified_at = audit.created_at;
    c.verified_by = audit.admin_id;
  }
  return c;
}

int ClampLimit(int limit) { return limit < 0 ? 0 : limit; }
int ClampOffset(int offset) { return offset < 0 ? 0 : offset; }

std::string SpecializationsToJson(const std::vector<std::string>& list) {
  return nlohmann::json(list).dump();
}

std::vector<std::string> SpecializationsFromJson(const std::string& text) {
  if (text.empty()) return {};
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) throw StoreError("specializations column is not a JSON array");
  std::vector<std::string> out;
  for (const auto& item : parsed) {
    if (!item.is_string()) throw StoreError("specializations column holds a non-string");
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace salik
