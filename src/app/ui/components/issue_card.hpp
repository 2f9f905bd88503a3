// Cards shared by several screens: an issue in a list, and a mechanic's response.
#pragma once

#include "core/domain.hpp"

namespace salik::ui {

enum class IssueCardFor { Owner, Mechanic };
// Returns true when the card's button was pressed.
bool IssueCard(const Issue& issue, IssueCardFor viewer);
void IssueStatusBadge(IssueStatus status);
void UrgencyBadge(Urgency urgency);
// "Toyota Camry 2022 · 85,000 km · Brakes · Dubai"
std::string CarLine(const Issue& issue);
// A mechanic's response; with `action` (the car owner's "Chat"), a button under it: true when pressed.
bool ResponseCard(const MechanicResponse& response, const char* action = nullptr, bool busy = false);
// Milliseconds since the epoch now, for relative times.
int64_t NowMillis();

}  // namespace salik::ui
