// Rows to domain types, and the few write-side rules, shared by both backends. Each reader
// expects the column names that the backends' SELECT lists give (see the *_store.cpp files).
#pragma once

#include <string>
#include <vector>

#include "core/domain.hpp"
#include "server/store/row_view.hpp"
#include "server/store/sql_value.hpp"
#include "server/store/store.hpp"

namespace salik {

// Columns: id, role, email, full_name, phone, city, country, is_active, created_at, updated_at.
Profile ProfileFromRow(const RowView& row);
// Columns: mechanic_profiles' own, plus full_name and city from profiles; specializations as a
// JSON array of strings.
MechanicProfile MechanicFromRow(const RowView& row);
// Columns: car_issues' own, plus customer_name and response_count.
Issue IssueFromRow(const RowView& row);
// Columns: mechanic_responses' own, plus mechanic_name, mechanic_rating, mechanic_rating_count,
// mechanic_verified.
MechanicResponse ResponseFromRow(const RowView& row);
AuditEntry AuditFromRow(const RowView& row);
// Columns: conversations' own (last_message_at NULL while there is no message), plus
// issue_title, customer_name, mechanic_name and last_message.
Conversation ConversationFromRow(const RowView& row);
// Columns: id, conversation_id, seq, sender_id, client_id, content, message_type, created_at, media_id,
// edited_at.
Message MessageFromRow(const RowView& row);

// Specializations travel to and from both databases as a JSON array of strings.
std::string SpecializationsToJson(const std::vector<std::string>& list);
std::vector<std::string> SpecializationsFromJson(const std::string& json);

}  // namespace salik

namespace salik {

// What SetVerification writes besides the status: both backends apply the same rule.
struct VerificationColumns {
  std::string status;
  std::string rejection_reason;  // "" → NULL; only a rejection keeps a reason
  std::string verified_at;       // "" → NULL; only a verification keeps who and when
  std::string verified_by;
};
VerificationColumns ColumnsFor(const VerifyDecision& decision, const AuditEntry& audit);

// An optional enum as its wire name, or NULL: filters and patches bind these.
template <typename E>
SqlValue WireOrNull(const std::optional<E>& value) {
  return value ? SqlValue(ToWire(*value)) : SqlValue();
}

// Page bounds as the databases accept them (no negative LIMIT or OFFSET).
int ClampLimit(int limit);
int ClampOffset(int offset);

}  // namespace salik
