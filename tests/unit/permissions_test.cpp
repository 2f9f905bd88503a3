#include <catch2/catch.hpp>

#include "core/permissions.hpp"

using namespace salik;

TEST_CASE("only verified mechanics can respond") {
  CHECK(CanRespond(Role::Mechanic, VerificationStatus::Verified) == std::nullopt);
  CHECK(CanRespond(Role::Mechanic, VerificationStatus::Pending)->status == 403);
  CHECK(CanRespond(Role::Mechanic, VerificationStatus::Rejected)->status == 403);
  CHECK(CanRespond(Role::Customer, VerificationStatus::Verified)->status == 403);
}

TEST_CASE("only car owners post issues and only admins verify") {
  CHECK(CanPostIssue(Role::Customer) == std::nullopt);
  CHECK(CanPostIssue(Role::Mechanic)->status == 403);
  CHECK(CanVerifyMechanics(Role::Admin) == std::nullopt);
  CHECK(CanVerifyMechanics(Role::Mechanic)->status == 403);
}

TEST_CASE("issue status moves only by its owner and never out of closed") {
  CHECK(CanChangeIssueStatus(Role::Customer, true, IssueStatus::Open, IssueStatus::Resolved) == std::nullopt);
  CHECK(CanChangeIssueStatus(Role::Customer, false, IssueStatus::Open, IssueStatus::Resolved)->status == 403);
  CHECK(CanChangeIssueStatus(Role::Customer, true, IssueStatus::Closed, IssueStatus::Open)->status == 409);
  CHECK(CanDeleteIssue(Role::Customer, false)->status == 403);
  CHECK(CanDeleteIssue(Role::Customer, true) == std::nullopt);
}
