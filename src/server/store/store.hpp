// The one storage interface of the server. Two implementations: SQLite (default, one file in the
// data folder) and PostgreSQL (SALIK_DATABASE_URL). Both pass tests/unit/store_test.cpp.
//
// Rules every implementation keeps:
// - Ids (UUID text) and timestamps (UTC "YYYY-MM-DDTHH:MM:SS.mmmZ") come from the caller.
// - Each call is atomic: it writes everything or nothing.
// - Unexpected database failures throw StoreError, whose text is for logs only.
// - Thread-safe: the server calls it from several threads.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/domain.hpp"
#include "core/validation.hpp"

namespace salik {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct NewUser {
  std::string id;
  std::string email;  // unique, already lower-cased
  std::string password_hash;
  std::string full_name;
  std::string city;
  Role role = Role::Customer;
  std::string created_at;
};

struct UserWithPassword {
  Profile profile;
  std::string password_hash;
};

struct IssuePage {
  std::vector<Issue> items;
  int total = 0;  // all rows matching the filter, ignoring limit and offset
};

struct AuditEntry {
  std::string id;
  std::string admin_id;
  std::string action;     // e.g. "mechanic.verify", "mechanic.reject"
  std::string target_id;
  std::string detail;     // free text (the reason)
  std::string created_at;
};

class Store {
 public:
  virtual ~Store() = default;

  // Applies every migration not yet applied; safe to call at every start.
  virtual void Migrate() = 0;

  // --- users and sessions
  // False when the email is taken. A mechanic also gets an empty, pending mechanic profile.
  virtual bool CreateUser(const NewUser& user) = 0;
  virtual std::optional<UserWithPassword> FindUserByEmail(const std::string& email) = 0;
  virtual std::optional<Profile> FindUser(const std::string& id) = 0;
  virtual bool AnyAdminExists() = 0;
  virtual void CreateSession(const std::string& token_hash, const std::string& user_id,
                             const std::string& created_at, const std::string& expires_at) = 0;
  // The user of a session that exists and has not expired at `now`.
  virtual std::optional<Profile> FindSessionUser(const std::string& token_hash, const std::string& now) = 0;
  virtual void DeleteSession(const std::string& token_hash) = 0;

  // --- mechanics
  virtual std::optional<MechanicProfile> FindMechanic(const std::string& id) = 0;
  // Newest first; a status of nullopt lists every mechanic.
  virtual std::vector<MechanicProfile> ListMechanics(std::optional<VerificationStatus> status, int limit,
                                                     int offset) = 0;
  // False when no mechanic has that id.
  virtual bool UpdateMechanicProfile(const std::string& id, const MechanicProfilePatch& patch,
                                     const std::string& now) = 0;
  // Sets the status, reason, verified_at/verified_by (cleared on rejection) and writes the audit
  // entry in the same transaction. False when no mechanic has that id.
  virtual bool SetVerification(const std::string& mechanic_id, const VerifyDecision& decision,
                               const AuditEntry& audit) = 0;
  virtual std::vector<AuditEntry> ListAudit(int limit) = 0;

  // --- issues
  virtual void CreateIssue(const Issue& issue) = 0;
  // Fills customer_name and response_count.
  virtual std::optional<Issue> FindIssue(const std::string& id) = 0;
  // Newest first. Filters: category, urgency, budget_range, status, city (case-insensitive
  // equality), customer_id. Only is_public issues unless customer_id is set.
  virtual IssuePage ListIssues(const IssueFilter& filter) = 0;
  virtual bool UpdateIssueStatus(const std::string& id, IssueStatus status, const std::string& now) = 0;
  // Deletes the issue and its responses. False when it did not exist.
  virtual bool DeleteIssue(const std::string& id) = 0;

  // --- responses
  // False when this mechanic already responded to this issue.
  virtual bool CreateResponse(const MechanicResponse& response) = 0;
  // Oldest first, with mechanic_name, rating and verified flag filled in.
  virtual std::vector<MechanicResponse> ListResponses(const std::string& issue_id) = 0;
};

// "sqlite:///path/to/file.db", a plain file path, or "postgresql://…" / "postgres://…".
std::unique_ptr<Store> OpenStore(const std::string& url);
std::unique_ptr<Store> OpenSqliteStore(const std::string& path);
std::unique_ptr<Store> OpenPostgresStore(const std::string& url);

}  // namespace salik
