// The SQLite store: one connection, one mutex. WAL lets other processes (tools, a second server)
// read while this one writes; a checkpointer keeps the WAL short off the writer's path.
#include <mutex>

#include "server/store/append_combiner.hpp"
#include "server/store/row_mapping.hpp"
#include "server/store/sqlite_chat.hpp"
#include "server/store/sqlite_checkpointer.hpp"
#include "server/store/sqlite_db.hpp"
#include "server/store/sqlite_media.hpp"
#include "server/store/sqlite_schema.hpp"
#include "server/store/store.hpp"
#include "server/util/clock.hpp"

namespace salik {
namespace {

const std::string kProfileColumns =
    "p.id AS id, p.role AS role, p.email AS email, p.full_name AS full_name, p.phone AS phone, "
    "p.city AS city, p.country AS country, p.is_active AS is_active, p.created_at AS created_at, "
    "p.updated_at AS updated_at";

const std::string kMechanicSelect =
    "SELECT m.id AS id, p.full_name AS full_name, p.city AS city, m.bio AS bio, "
    "m.specializations AS specializations, m.experience_years AS experience_years, "
    "m.hourly_rate AS hourly_rate, m.service_tier AS service_tier, "
    "m.verification_status AS verification_status, m.rejection_reason AS rejection_reason, "
    "m.rating_avg AS rating_avg, m.rating_count AS rating_count, m.is_available AS is_available, "
    "m.verified_at AS verified_at, m.verified_by AS verified_by, m.created_at AS created_at "
    "FROM mechanic_profiles m JOIN profiles p ON p.id = m.id ";

const std::string kIssueSelect =
    "SELECT i.id AS id, i.customer_id AS customer_id, p.full_name AS customer_name, i.title AS title, "
    "i.description AS description, i.car_make AS car_make, i.car_model AS car_model, "
    "i.car_year AS car_year, i.car_mileage AS car_mileage, i.category AS category, "
    "i.urgency AS urgency, i.status AS status, i.location_city AS location_city, "
    "i.budget_range AS budget_range, i.is_public AS is_public, "
    "(SELECT count(*) FROM mechanic_responses r WHERE r.issue_id = i.id) AS response_count, "
    "i.created_at AS created_at, i.updated_at AS updated_at "
    "FROM car_issues i JOIN profiles p ON p.id = i.customer_id ";

// Every filter is a parameter that is NULL when unused, so the SQL text never varies.
// Without a customer the list is the public feed; with one it is that customer's own issues.
const std::string kIssueFilter =
    "WHERE (?1 IS NULL OR i.category = ?1) "
    "AND (?2 IS NULL OR i.urgency = ?2) "
    "AND (?3 IS NULL OR i.budget_range = ?3) "
    "AND (?4 IS NULL OR i.status = ?4) "
    "AND (?5 IS NULL OR i.location_city = ?5 COLLATE NOCASE) "
    "AND (CASE WHEN ?6 IS NULL THEN i.is_public = 1 ELSE i.customer_id = ?6 END) ";

const std::string kFindUserByEmail =
    "SELECT " + kProfileColumns + ", p.password_hash AS password_hash FROM profiles p WHERE p.email = ?1";
const std::string kFindUser = "SELECT " + kProfileColumns + " FROM profiles p WHERE p.id = ?1";
const std::string kFindSessionUser = "SELECT " + kProfileColumns +
                                     " FROM sessions s JOIN profiles p ON p.id = s.user_id "
                                     "WHERE s.token_hash = ?1 AND s.expires_at > ?2";
const std::string kFindMechanic = kMechanicSelect + "WHERE m.id = ?1";
const std::string kListMechanics = kMechanicSelect +
                                   "WHERE (?1 IS NULL OR m.verification_status = ?1) "
                                   "ORDER BY m.created_at DESC, m.id DESC LIMIT ?2 OFFSET ?3";
const std::string kFindIssue = kIssueSelect + "WHERE i.id = ?1";
const std::string kListIssues = kIssueSelect + kIssueFilter + "ORDER BY i.created_at DESC, i.id DESC LIMIT ?7 OFFSET ?8";
const std::string kCountIssues = "SELECT count(*) AS total FROM car_issues i " + kIssueFilter;

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::string& path) : db_(path) {
    if (path != ":memory:") checkpointer_ = std::make_unique<SqliteCheckpointer>(db_, mu_, path);
  }

  void Migrate() override {
    std::lock_guard lock(mu_);
    db_.ExecScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    for (const Migration& m : SqliteMigrations()) {
      // The check sits inside the write transaction so two processes never apply one migration twice.
      SqliteTransaction tx(db_);
      SqliteStatement applied(db_, "SELECT 1 FROM schema_migrations WHERE version = ?1", {m.version});
      if (applied.Step()) continue;
      db_.ExecScript(m.sql);
      SqliteStatement(db_, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
                      {m.version, m.name, NowUtc()})
          .Run();
      tx.Commit();
    }
  }

  bool CreateUser(const NewUser& user) override {
    std::lock_guard lock(mu_);
    try {
      SqliteTransaction tx(db_);
      SqliteStatement(db_,
                      "INSERT INTO profiles (id, email, password_hash, role, full_name, city, created_at, updated_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                      {user.id, user.email, user.password_hash, ToWire(user.role), user.full_name,
                       NullIfEmpty(user.city), user.created_at})
          .Run();
      if (user.role == Role::Mechanic) {
        SqliteStatement(db_, "INSERT INTO mechanic_profiles (id, created_at, updated_at) VALUES (?1, ?2, ?2)",
                        {user.id, user.created_at})
            .Run();
      }
      tx.Commit();
      return true;
    } catch (const SqliteError& e) {
      if (e.IsUniqueViolation()) return false;
      throw;
    }
  }

  std::optional<UserWithPassword> FindUserByEmail(const std::string& email) override {
    std::lock_guard lock(mu_);
    SqliteStatement st(db_, kFindUserByEmail.c_str(), {email});
    if (!st.Step()) return std::nullopt;
    return UserWithPassword{ProfileFromRow(st), st.Text("password_hash")};
  }

  std::optional<Profile> FindUser(const std::string& id) override {
    std::lock_guard lock(mu_);
    SqliteStatement st(db_, kFindUser.c_str(), {id});
    if (!st.Step()) return std::nullopt;
    return ProfileFromRow(st);
  }

  bool AnyAdminExists() override {
    std::lock_guard lock(mu_);
    SqliteStatement st(db_, "SELECT EXISTS (SELECT 1 FROM profiles WHERE role = 'admin') AS any_admin");
    return st.Step() && st.Bool("any_admin");
  }

  void CreateSession(const std::string& token_hash, const std::string& user_id, const std::string& created_at,
                     const std::string& expires_at) override {
    std::lock_guard lock(mu_);
    SqliteStatement(db_, "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
                    {token_hash, user_id, created_at, expires_at})
        .Run();
  }

  std::optional<Profile> FindSessionUser(const std::string& token_hash, const std::string& now) override {
    std::lock_guard lock(mu_);
    SqliteStatement st(db_, kFindSessionUser.c_str(), {token_hash, now});
    if (!st.Step()) return std::nullopt;
    return ProfileFromRow(st);
  }

  void DeleteSession(const std::string& token_hash) override {
    std::lock_guard lock(mu_);
    SqliteStatement(db_, "DELETE FROM sessions WHERE token_hash = ?1", {token_hash}).Run();
  }

  std::optional<MechanicProfile> FindMechanic(const std::string& id) override {
    std::lock_guard lock(mu_);
    SqliteStatement st(db_, kFindMechanic.c_str(), {id});
    if (!st.Step()) return std::nullopt;
    return MechanicFromRow(st);
  }

  std::vector<MechanicProfile> ListMechanics(std::optional<VerificationStatus> status, int limit,
                                             int offset) override {
    std::lock_guard lock(mu_);
    SqliteStatement st(db_, kListMechanics.c_str(), {WireOrNull(status), ClampLimit(limit), ClampOffset(offset)});
    std::vector<MechanicProfile> out;
    while (st.Step()) out.push_back(MechanicFromRow(st));
    return out;
  }

  bool UpdateMechanicProfile(const std::string& id, const MechanicProfilePatch& patch,
                             const std::string& now) override {
    std::lock_guard lock(mu_);
    SqliteTransaction tx(db_);
    // A patch value is never NULL, so COALESCE keeps exactly the columns the patch leaves out.
    SqliteStatement(db_,
                    "UPDATE mechanic_profiles SET bio = COALESCE(?2, bio), "
                    "specializations = COALESCE(?3, specializations), "
                    "experience_years = COALESCE(?4, experience_years), hourly_rate = COALESCE(?5, hourly_rate), "
                    "service_tier = COALESCE(?6, service_tier), is_available = COALESCE(?7, is_available), "
                    "updated_at = ?8 WHERE id = ?1",
                    {id, patch.bio,
                     patch.specializations ? SqlValue(SpecializationsToJson(*patch.specializations)) : SqlValue(),
                     patch.experience_years, patch.hourly_rate, WireOrNull(patch.service_tier), patch.is_available,
                     now})
        .Run();
    if (db_.Changes() == 0) return false;
    if (patch.city) {
      SqliteStatement(db_, "UPDATE profiles SET city = ?2, updated_at = ?3 WHERE id = ?1", {id, *patch.city, now})
          .Run();
    }
    tx.Commit();
    return true;
  }

  bool SetVerification(const std::string& mechanic_id, const VerifyDecision& decision,
                       const AuditEntry& audit) override {
    std::lock_guard lock(mu_);
    VerificationColumns c = ColumnsFor(decision, audit);
    SqliteTransaction tx(db_);
    SqliteStatement(db_,
                    "UPDATE mechanic_profiles SET verification_status = ?2, rejection_reason = ?3, "
                    "verified_at = ?4, verified_by = ?5, updated_at = ?6 WHERE id = ?1",
                    {mechanic_id, c.status, NullIfEmpty(c.rejection_reason), NullIfEmpty(c.verified_at),
                     NullIfEmpty(c.verified_by), audit.created_at})
        .Run();
    if (db_.Changes() == 0) return false;
    SqliteStatement(db_,
                    "INSERT INTO admin_audit_log (id, admin_id, action, target_id, detail, created_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    {audit.id, audit.admin_id, audit.action, audit.target_id, audit.detail, audit.created_at})
        .Run();
    tx.Commit();
    return true;
  }

  std::vector<AuditEntry> ListAudit(int limit) override {
    std::lock_guard lock(mu_);
    SqliteStatement st(db_,
                       "SELECT id, admin_id, action, target_id, detail, created_at FROM admin_audit_log "
                       "ORDER BY created_at DESC, id DESC LIMIT ?1",
                       {ClampLimit(limit)});
    std::vector<AuditEntry> out;
    while (st.Step()) out.push_back(AuditFromRow(st));
    return out;
  }

  void CreateIssue(const Issue& issue) override {
    std::lock_guard lock(mu_);
    SqliteStatement(db_,
                    "INSERT INTO car_issues (id, customer_id, title, description, car_make, car_model, car_year, "
                    "car_mileage, category, urgency, status, location_city, budget_range, is_public, created_at, "
                    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                    {issue.id, issue.customer_id, issue.title, issue.description, issue.car_make, issue.car_model,
                     issue.car_year, issue.car_mileage, ToWire(issue.category), ToWire(issue.urgency),
                     ToWire(issue.status), NullIfEmpty(issue.location_city), ToWire(issue.budget_range),
                     issue.is_public, issue.created_at, issue.updated_at.empty() ? issue.created_at : issue.updated_at})
        .Run();
  }

  std::optional<Issue> FindIssue(const std::string& id) override {
    std::lock_guard lock(mu_);
    SqliteStatement st(db_, kFindIssue.c_str(), {id});
    if (!st.Step()) return std::nullopt;
    return IssueFromRow(st);
  }

  IssuePage ListIssues(const IssueFilter& f) override {
    std::lock_guard lock(mu_);
    IssuePage page;
    SqlValue category = WireOrNull(f.category), urgency = WireOrNull(f.urgency),
             budget = WireOrNull(f.budget_range), status = WireOrNull(f.status), city = NullIfEmpty(f.city),
             customer = NullIfEmpty(f.customer_id);
    SqliteStatement rows(db_, kListIssues.c_str(),
                         {category, urgency, budget, status, city, customer, ClampLimit(f.limit), ClampOffset(f.offset)});
    while (rows.Step()) page.items.push_back(IssueFromRow(rows));
    SqliteStatement count(db_, kCountIssues.c_str(), {category, urgency, budget, status, city, customer});
    if (count.Step()) page.total = count.Int("total");
    return page;
  }

  bool UpdateIssueStatus(const std::string& id, IssueStatus status, const std::string& now) override {
    std::lock_guard lock(mu_);
    SqliteStatement(db_, "UPDATE car_issues SET status = ?2, updated_at = ?3 WHERE id = ?1", {id, ToWire(status), now})
        .Run();
    return db_.Changes() > 0;
  }

  std::optional<std::vector<std::string>> DeleteIssue(const std::string& id) override {
    std::lock_guard lock(mu_);
    SqliteTransaction tx(db_);
    auto media = sqlite_media::MediaOfIssue(db_, id);
    // Responses, conversations and their messages go with it through ON DELETE CASCADE; media rows
    // have no foreign key to their subject, and messages point at them, so they go after.
    SqliteStatement(db_, "DELETE FROM car_issues WHERE id = ?1", {id}).Run();
    if (db_.Changes() == 0) return std::nullopt;
    auto unused = sqlite_media::DeleteMedia(db_, media);
    tx.Commit();
    return unused;
  }

  bool CreateResponse(const MechanicResponse& r) override {
    std::lock_guard lock(mu_);
    try {
      SqliteStatement(db_,
                      "INSERT INTO mechanic_responses (id, issue_id, mechanic_id, initial_diagnosis, "
                      "estimated_cost_min, estimated_cost_max, estimated_fix_time, confidence_level, "
                      "needs_video_call, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                      {r.id, r.issue_id, r.mechanic_id, r.initial_diagnosis, r.estimated_cost_min,
                       r.estimated_cost_max, NullIfEmpty(r.estimated_fix_time), ToWire(r.confidence_level),
                       r.needs_video_call, r.created_at})
          .Run();
      return true;
    } catch (const SqliteError& e) {
      if (e.IsUniqueViolation()) return false;
      throw;
    }
  }

  std::vector<MechanicResponse> ListResponses(const std::string& issue_id) override {
    std::lock_guard lock(mu_);
    SqliteStatement st(db_,
                       "SELECT r.id AS id, r.issue_id AS issue_id, r.mechanic_id AS mechanic_id, "
                       "p.full_name AS mechanic_name, COALESCE(m.rating_avg, 0) AS mechanic_rating, "
                       "COALESCE(m.rating_count, 0) AS mechanic_rating_count, "
                       "COALESCE(m.verification_status = 'verified', 0) AS mechanic_verified, "
                       "r.initial_diagnosis AS initial_diagnosis, r.estimated_cost_min AS estimated_cost_min, "
                       "r.estimated_cost_max AS estimated_cost_max, r.estimated_fix_time AS estimated_fix_time, "
                       "r.confidence_level AS confidence_level, r.needs_video_call AS needs_video_call, "
                       "r.created_at AS created_at "
                       "FROM mechanic_responses r JOIN profiles p ON p.id = r.mechanic_id "
                       "LEFT JOIN mechanic_profiles m ON m.id = r.mechanic_id "
                       "WHERE r.issue_id = ?1 ORDER BY r.created_at, r.id",
                       {issue_id});
    std::vector<MechanicResponse> out;
    while (st.Step()) out.push_back(ResponseFromRow(st));
    return out;
  }

  // --- conversations and messages: sqlite_chat.cpp, under the one mutex.
  Conversation OpenConversation(const NewConversation& c) override {
    std::lock_guard lock(mu_);
    return sqlite_chat::OpenConversation(db_, c);
  }
  std::optional<Conversation> FindConversation(const std::string& id) override {
    std::lock_guard lock(mu_);
    return sqlite_chat::FindConversation(db_, id);
  }
  std::vector<Conversation> ListConversations(const std::string& user_id) override {
    std::lock_guard lock(mu_);
    return sqlite_chat::ListConversations(db_, user_id);
  }
  std::vector<AppendResult> AppendMessages(const std::vector<Message>& messages) override {
    return appends_.Append(messages);
  }
  std::vector<Message> ListMessagesBefore(const std::string& conversation_id, int64_t before_seq,
                                          int limit) override {
    std::lock_guard lock(mu_);
    return sqlite_chat::ListMessagesBefore(db_, conversation_id, before_seq, limit);
  }
  std::vector<Message> ListMessagesAfter(const std::string& conversation_id, int64_t after_seq, int limit) override {
    std::lock_guard lock(mu_);
    return sqlite_chat::ListMessagesAfter(db_, conversation_id, after_seq, limit);
  }
  std::optional<Message> FindMessage(const std::string& id) override {
    std::lock_guard lock(mu_);
    return sqlite_chat::FindMessage(db_, id);
  }
  bool MarkRead(const std::string& conversation_id, const std::string& user_id, int64_t seq) override {
    std::lock_guard lock(mu_);
    return sqlite_chat::MarkRead(db_, conversation_id, user_id, seq);
  }
  bool EditMessage(const std::string& message_id, const std::string& content, const std::string& edited_at) override {
    std::lock_guard lock(mu_);
    return sqlite_chat::EditMessage(db_, message_id, content, edited_at);
  }
  bool SetEngaged(const std::string& conversation_id, const std::string& at) override {
    std::lock_guard lock(mu_);
    return sqlite_chat::SetEngaged(db_, conversation_id, at);
  }

  // --- media: sqlite_media.cpp
  void CreateMedia(const StoredMedia& m) override {
    std::lock_guard lock(mu_);
    sqlite_media::CreateMedia(db_, m);
  }
  std::optional<StoredMedia> FindMedia(const std::string& id) override {
    std::lock_guard lock(mu_);
    return sqlite_media::FindMedia(db_, id);
  }
  std::vector<StoredMedia> ListMedia(MediaSubject subject, const std::string& subject_id) override {
    std::lock_guard lock(mu_);
    return sqlite_media::ListMedia(db_, subject, subject_id);
  }
  std::optional<std::vector<std::string>> DeleteUnsentChatMedia(const std::string& media_id) override {
    std::lock_guard lock(mu_);
    SqliteTransaction tx(db_);
    auto unused = sqlite_media::DeleteUnsentChatMedia(db_, media_id);
    if (unused) tx.Commit();
    return unused;
  }
  std::vector<std::string> ListUnsentChatMedia(const std::string& uploaded_before, int limit) override {
    std::lock_guard lock(mu_);
    return sqlite_media::ListUnsentChatMedia(db_, uploaded_before, limit);
  }
  bool ContentInUse(const std::string& content_hash) override {
    std::lock_guard lock(mu_);
    return sqlite_media::ContentInUse(db_, content_hash);
  }

 private:
  std::mutex mu_;
  SqliteDb db_;
  std::unique_ptr<SqliteCheckpointer> checkpointer_;  // none for an in-memory database
  AppendCombiner appends_{mu_, [this](const std::vector<Message>& messages) {
    return sqlite_chat::AppendMessages(db_, messages);
  }};
};

}  // namespace

std::unique_ptr<Store> OpenSqliteStore(const std::string& path) { return std::make_unique<SqliteStore>(path); }

}  // namespace salik
