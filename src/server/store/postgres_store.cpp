// The PostgreSQL store: a small connection pool, one connection per call. Ids are UUID columns,
// so an id that is not a UUID is answered as "not found" before it reaches the server.
#include "server/store/pg_pool.hpp"
#include "server/store/postgres_chat.hpp"
#include "server/store/postgres_media.hpp"
#include "server/store/postgres_schema.hpp"
#include "server/store/row_mapping.hpp"
#include "server/store/store.hpp"
#include "server/util/ids.hpp"

namespace salik {
namespace {

constexpr int kPoolSize = 8;
// Serialises Migrate() across server instances that start together ("SALIK" in ASCII).
constexpr int64_t kMigrationLockKey = 0x53414c494b;

const std::string kProfileColumns =
    "p.id AS id, p.role AS role, p.email AS email, p.full_name AS full_name, p.phone AS phone, "
    "p.city AS city, p.country AS country, p.is_active AS is_active, "
    "salik_utc_text(p.created_at) AS created_at, salik_utc_text(p.updated_at) AS updated_at";

const std::string kMechanicSelect =
    "SELECT m.id AS id, p.full_name AS full_name, p.city AS city, m.bio AS bio, "
    "array_to_json(m.specializations)::text AS specializations, m.experience_years AS experience_years, "
    "m.hourly_rate AS hourly_rate, m.service_tier AS service_tier, "
    "m.verification_status AS verification_status, m.rejection_reason AS rejection_reason, "
    "m.rating_avg::float8 AS rating_avg, m.rating_count AS rating_count, m.is_available AS is_available, "
    "salik_utc_text(m.verified_at) AS verified_at, m.verified_by AS verified_by, "
    "salik_utc_text(m.created_at) AS created_at "
    "FROM mechanic_profiles m JOIN profiles p ON p.id = m.id ";

const std::string kIssueSelect =
    "SELECT i.id AS id, i.customer_id AS customer_id, p.full_name AS customer_name, i.title AS title, "
    "i.description AS description, i.car_make AS car_make, i.car_model AS car_model, "
    "i.car_year AS car_year, i.car_mileage AS car_mileage, i.category AS category, "
    "i.urgency AS urgency, i.status AS status, i.location_city AS location_city, "
    "i.budget_range AS budget_range, i.is_public AS is_public, "
    "(SELECT count(*) FROM mechanic_responses r WHERE r.issue_id = i.id) AS response_count, "
    "salik_utc_text(i.created_at) AS created_at, salik_utc_text(i.updated_at) AS updated_at "
    "FROM car_issues i JOIN profiles p ON p.id = i.customer_id ";

// Every filter is a parameter that is NULL when unused, so the SQL text never varies.
// Without a customer the list is the public feed; with one it is that customer's own issues.
const std::string kIssueFilter =
    "WHERE ($1::text IS NULL OR i.category = $1::text) "
    "AND ($2::text IS NULL OR i.urgency = $2::text) "
    "AND ($3::text IS NULL OR i.budget_range = $3::text) "
    "AND ($4::text IS NULL OR i.status = $4::text) "
    "AND ($5::text IS NULL OR lower(i.location_city) = lower($5::text)) "
    "AND (CASE WHEN $6::uuid IS NULL THEN i.is_public ELSE i.customer_id = $6::uuid END) ";

const std::string kFindUserByEmail =
    "SELECT " + kProfileColumns + ", p.password_hash AS password_hash FROM profiles p WHERE p.email = $1";
const std::string kFindUser = "SELECT " + kProfileColumns + " FROM profiles p WHERE p.id = $1::uuid";
const std::string kFindSessionUser = "SELECT " + kProfileColumns +
                                     " FROM sessions s JOIN profiles p ON p.id = s.user_id "
                                     "WHERE s.token_hash = $1 AND s.expires_at > $2::timestamptz";
const std::string kFindMechanic = kMechanicSelect + "WHERE m.id = $1::uuid";
const std::string kListMechanics = kMechanicSelect +
                                   "WHERE ($1::text IS NULL OR m.verification_status = $1::text) "
                                   "ORDER BY m.created_at DESC, m.id DESC LIMIT $2::bigint OFFSET $3::bigint";
const std::string kFindIssue = kIssueSelect + "WHERE i.id = $1::uuid";
const std::string kListIssues =
    kIssueSelect + kIssueFilter + "ORDER BY i.created_at DESC, i.id DESC LIMIT $7::bigint OFFSET $8::bigint";
const std::string kCountIssues = "SELECT count(*) AS total FROM car_issues i " + kIssueFilter;

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(const std::string& url) : pool_(url, kPoolSize) {}

  void Migrate() override {
    auto conn = pool_.Acquire();
    for (const Migration& m : PostgresMigrations()) {
      PgTransaction tx(*conn);
      conn->Exec("SELECT pg_advisory_xact_lock($1::bigint)", {kMigrationLockKey});
      conn->ExecScript(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
      if (conn->Exec("SELECT 1 FROM schema_migrations WHERE version = $1::integer", {m.version}).Rows() > 0) continue;
      conn->ExecScript(m.sql);
      conn->Exec("INSERT INTO schema_migrations (version, name) VALUES ($1::integer, $2)", {m.version, m.name});
      tx.Commit();
    }
  }

  bool CreateUser(const NewUser& user) override {
    auto conn = pool_.Acquire();
    try {
      PgTransaction tx(*conn);
      conn->Exec(
          "INSERT INTO profiles (id, email, password_hash, role, full_name, city, created_at, updated_at) "
          "VALUES ($1::uuid, $2, $3, $4, $5, $6, $7::timestamptz, $7::timestamptz)",
          {user.id, user.email, user.password_hash, ToWire(user.role), user.full_name, NullIfEmpty(user.city),
           user.created_at});
      if (user.role == Role::Mechanic) {
        conn->Exec(
            "INSERT INTO mechanic_profiles (id, created_at, updated_at) "
            "VALUES ($1::uuid, $2::timestamptz, $2::timestamptz)",
            {user.id, user.created_at});
      }
      tx.Commit();
      return true;
    } catch (const PgError& e) {
      if (e.IsUniqueViolation()) return false;
      throw;
    }
  }

  std::optional<UserWithPassword> FindUserByEmail(const std::string& email) override {
    auto conn = pool_.Acquire();
    PgResult res = conn->Exec(kFindUserByEmail.c_str(), {email});
    if (res.Rows() == 0) return std::nullopt;
    PgRow row = res.Row(0);
    return UserWithPassword{ProfileFromRow(row), row.Text("password_hash")};
  }

  std::optional<Profile> FindUser(const std::string& id) override {
    if (!LooksLikeUuid(id)) return std::nullopt;
    auto conn = pool_.Acquire();
    PgResult res = conn->Exec(kFindUser.c_str(), {id});
    if (res.Rows() == 0) return std::nullopt;
    return ProfileFromRow(res.Row(0));
  }

  bool AnyAdminExists() override {
    auto conn = pool_.Acquire();
    PgResult res = conn->Exec("SELECT EXISTS (SELECT 1 FROM profiles WHERE role = 'admin') AS any_admin");
    return res.Rows() > 0 && res.Row(0).Bool("any_admin");
  }

  void CreateSession(const std::string& token_hash, const std::string& user_id, const std::string& created_at,
                     const std::string& expires_at) override {
    auto conn = pool_.Acquire();
    conn->Exec(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) "
        "VALUES ($1, $2::uuid, $3::timestamptz, $4::timestamptz)",
        {token_hash, user_id, created_at, expires_at});
  }

  std::optional<Profile> FindSessionUser(const std::string& token_hash, const std::string& now) override {
    auto conn = pool_.Acquire();
    PgResult res = conn->Exec(kFindSessionUser.c_str(), {token_hash, now});
    if (res.Rows() == 0) return std::nullopt;
    return ProfileFromRow(res.Row(0));
  }

  void DeleteSession(const std::string& token_hash) override {
    auto conn = pool_.Acquire();
    conn->Exec("DELETE FROM sessions WHERE token_hash = $1", {token_hash});
  }

  std::optional<MechanicProfile> FindMechanic(const std::string& id) override {
    if (!LooksLikeUuid(id)) return std::nullopt;
    auto conn = pool_.Acquire();
    PgResult res = conn->Exec(kFindMechanic.c_str(), {id});
    if (res.Rows() == 0) return std::nullopt;
    return MechanicFromRow(res.Row(0));
  }

  std::vector<MechanicProfile> ListMechanics(std::optional<VerificationStatus> status, int limit,
                                             int offset) override {
    auto conn = pool_.Acquire();
    PgResult res =
        conn->Exec(kListMechanics.c_str(), {WireOrNull(status), ClampLimit(limit), ClampOffset(offset)});
    std::vector<MechanicProfile> out;
    for (int i = 0; i < res.Rows(); ++i) out.push_back(MechanicFromRow(res.Row(i)));
    return out;
  }

  bool UpdateMechanicProfile(const std::string& id, const MechanicProfilePatch& patch,
                             const std::string& now) override {
    if (!LooksLikeUuid(id)) return false;
    auto conn = pool_.Acquire();
    PgTransaction tx(*conn);
    // A patch value is never NULL, so COALESCE keeps exactly the columns the patch leaves out.
    PgResult res = conn->Exec(
        "UPDATE mechanic_profiles SET bio = COALESCE($2::text, bio), "
        "specializations = CASE WHEN $3::jsonb IS NULL THEN specializations ELSE ARRAY("
        "  SELECT e FROM jsonb_array_elements_text($3::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n) END, "
        "experience_years = COALESCE($4::integer, experience_years), "
        "hourly_rate = COALESCE($5::bigint, hourly_rate), service_tier = COALESCE($6::text, service_tier), "
        "is_available = COALESCE($7::boolean, is_available), updated_at = $8::timestamptz "
        "WHERE id = $1::uuid",
        {id, patch.bio,
         patch.specializations ? SqlValue(SpecializationsToJson(*patch.specializations)) : SqlValue(),
         patch.experience_years, patch.hourly_rate, WireOrNull(patch.service_tier), patch.is_available, now});
    if (res.Affected() == 0) return false;
    if (patch.city) {
      conn->Exec("UPDATE profiles SET city = $2, updated_at = $3::timestamptz WHERE id = $1::uuid",
                 {id, *patch.city, now});
    }
    tx.Commit();
    return true;
  }

  bool SetVerification(const std::string& mechanic_id, const VerifyDecision& decision,
                       const AuditEntry& audit) override {
    if (!LooksLikeUuid(mechanic_id)) return false;
    VerificationColumns c = ColumnsFor(decision, audit);
    auto conn = pool_.Acquire();
    PgTransaction tx(*conn);
    PgResult res = conn->Exec(
        "UPDATE mechanic_profiles SET verification_status = $2, rejection_reason = $3, "
        "verified_at = $4::timestamptz, verified_by = $5::uuid, updated_at = $6::timestamptz "
        "WHERE id = $1::uuid",
        {mechanic_id, c.status, NullIfEmpty(c.rejection_reason), NullIfEmpty(c.verified_at),
         NullIfEmpty(c.verified_by), audit.created_at});
    if (res.Affected() == 0) return false;
    conn->Exec(
        "INSERT INTO admin_audit_log (id, admin_id, action, target_id, detail, created_at) "
        "VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::timestamptz)",
        {audit.id, audit.admin_id, audit.action, audit.target_id, audit.detail, audit.created_at});
    tx.Commit();
    return true;
  }

  std::vector<AuditEntry> ListAudit(int limit) override {
    auto conn = pool_.Acquire();
    PgResult res = conn->Exec(
        "SELECT id, admin_id, action, target_id, detail, salik_utc_text(created_at) AS created_at "
        "FROM admin_audit_log ORDER BY admin_audit_log.created_at DESC, id DESC LIMIT $1::bigint",
        {ClampLimit(limit)});
    std::vector<AuditEntry> out;
    for (int i = 0; i < res.Rows(); ++i) out.push_back(AuditFromRow(res.Row(i)));
    return out;
  }

  void CreateIssue(const Issue& issue) override {
    auto conn = pool_.Acquire();
    conn->Exec(
        "INSERT INTO car_issues (id, customer_id, title, description, car_make, car_model, car_year, "
        "car_mileage, category, urgency, status, location_city, budget_range, is_public, created_at, updated_at) "
        "VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7::integer, $8::integer, $9, $10, $11, $12, $13, "
        "$14::boolean, $15::timestamptz, $16::timestamptz)",
        {issue.id, issue.customer_id, issue.title, issue.description, issue.car_make, issue.car_model,
         issue.car_year, issue.car_mileage, ToWire(issue.category), ToWire(issue.urgency), ToWire(issue.status),
         NullIfEmpty(issue.location_city), ToWire(issue.budget_range), issue.is_public, issue.created_at,
         issue.updated_at.empty() ? issue.created_at : issue.updated_at});
  }

  std::optional<Issue> FindIssue(const std::string& id) override {
    if (!LooksLikeUuid(id)) return std::nullopt;
    auto conn = pool_.Acquire();
    PgResult res = conn->Exec(kFindIssue.c_str(), {id});
    if (res.Rows() == 0) return std::nullopt;
    return IssueFromRow(res.Row(0));
  }

  IssuePage ListIssues(const IssueFilter& f) override {
    if (!f.customer_id.empty() && !LooksLikeUuid(f.customer_id)) return {};
    SqlValue category = WireOrNull(f.category), urgency = WireOrNull(f.urgency),
             budget = WireOrNull(f.budget_range), status = WireOrNull(f.status), city = NullIfEmpty(f.city),
             customer = NullIfEmpty(f.customer_id);
    auto conn = pool_.Acquire();
    // One snapshot for the page and its total.
    PgTransaction tx(*conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    IssuePage page;
    PgResult rows = conn->Exec(kListIssues.c_str(), {category, urgency, budget, status, city, customer,
                                                     ClampLimit(f.limit), ClampOffset(f.offset)});
    for (int i = 0; i < rows.Rows(); ++i) page.items.push_back(IssueFromRow(rows.Row(i)));
    PgResult count = conn->Exec(kCountIssues.c_str(), {category, urgency, budget, status, city, customer});
    if (count.Rows() > 0) page.total = static_cast<int>(count.Row(0).Int64("total"));
    tx.Commit();
    return page;
  }

  bool UpdateIssueStatus(const std::string& id, IssueStatus status, const std::string& now) override {
    if (!LooksLikeUuid(id)) return false;
    auto conn = pool_.Acquire();
    return conn
               ->Exec("UPDATE car_issues SET status = $2, updated_at = $3::timestamptz WHERE id = $1::uuid",
                      {id, ToWire(status), now})
               .Affected() > 0;
  }

  std::optional<std::vector<std::string>> DeleteIssue(const std::string& id) override {
    if (!LooksLikeUuid(id)) return std::nullopt;
    auto conn = pool_.Acquire();
    PgTransaction tx(*conn);
    auto media = postgres_media::MediaOfIssue(*conn, id);
    // Responses, conversations and their messages go with it through ON DELETE CASCADE; media rows
    // have no foreign key to their subject, and messages point at them, so they go after.
    if (conn->Exec("DELETE FROM car_issues WHERE id = $1::uuid", {id}).Affected() == 0) return std::nullopt;
    auto unused = postgres_media::DeleteMedia(*conn, media);
    tx.Commit();
    return unused;
  }

  bool CreateResponse(const MechanicResponse& r) override {
    auto conn = pool_.Acquire();
    try {
      conn->Exec(
          "INSERT INTO mechanic_responses (id, issue_id, mechanic_id, initial_diagnosis, estimated_cost_min, "
          "estimated_cost_max, estimated_fix_time, confidence_level, needs_video_call, created_at) "
          "VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5::bigint, $6::bigint, $7, $8, $9::boolean, $10::timestamptz)",
          {r.id, r.issue_id, r.mechanic_id, r.initial_diagnosis, r.estimated_cost_min, r.estimated_cost_max,
           NullIfEmpty(r.estimated_fix_time), ToWire(r.confidence_level), r.needs_video_call, r.created_at});
      return true;
    } catch (const PgError& e) {
      if (e.IsUniqueViolation()) return false;
      throw;
    }
  }

  std::vector<MechanicResponse> ListResponses(const std::string& issue_id) override {
    if (!LooksLikeUuid(issue_id)) return {};
    auto conn = pool_.Acquire();
    PgResult res = conn->Exec(
        "SELECT r.id AS id, r.issue_id AS issue_id, r.mechanic_id AS mechanic_id, p.full_name AS mechanic_name, "
        "COALESCE(m.rating_avg, 0)::float8 AS mechanic_rating, COALESCE(m.rating_count, 0) AS mechanic_rating_count, "
        "COALESCE(m.verification_status = 'verified', false) AS mechanic_verified, "
        "r.initial_diagnosis AS initial_diagnosis, r.estimated_cost_min AS estimated_cost_min, "
        "r.estimated_cost_max AS estimated_cost_max, r.estimated_fix_time AS estimated_fix_time, "
        "r.confidence_level AS confidence_level, r.needs_video_call AS needs_video_call, "
        "salik_utc_text(r.created_at) AS created_at "
        "FROM mechanic_responses r JOIN profiles p ON p.id = r.mechanic_id "
        "LEFT JOIN mechanic_profiles m ON m.id = r.mechanic_id "
        "WHERE r.issue_id = $1::uuid ORDER BY r.created_at, r.id",
        {issue_id});
    std::vector<MechanicResponse> out;
    for (int i = 0; i < res.Rows(); ++i) out.push_back(ResponseFromRow(res.Row(i)));
    return out;
  }

  // --- conversations and messages: postgres_chat.cpp, on one leased connection each.
  Conversation OpenConversation(const NewConversation& c) override {
    auto conn = pool_.Acquire();
    return postgres_chat::OpenConversation(*conn, c);
  }
  std::optional<Conversation> FindConversation(const std::string& id) override {
    auto conn = pool_.Acquire();
    return postgres_chat::FindConversation(*conn, id);
  }
  std::vector<Conversation> ListConversations(const std::string& user_id) override {
    auto conn = pool_.Acquire();
    return postgres_chat::ListConversations(*conn, user_id);
  }
  std::vector<AppendResult> AppendMessages(const std::vector<Message>& messages) override {
    auto conn = pool_.Acquire();
    return postgres_chat::AppendMessages(*conn, messages);
  }
  std::vector<Message> ListMessagesBefore(const std::string& conversation_id, int64_t before_seq,
                                          int limit) override {
    auto conn = pool_.Acquire();
    return postgres_chat::ListMessagesBefore(*conn, conversation_id, before_seq, limit);
  }
  std::vector<Message> ListMessagesAfter(const std::string& conversation_id, int64_t after_seq, int limit) override {
    auto conn = pool_.Acquire();
    return postgres_chat::ListMessagesAfter(*conn, conversation_id, after_seq, limit);
  }
  std::optional<Message> FindMessage(const std::string& id) override {
    auto conn = pool_.Acquire();
    return postgres_chat::FindMessage(*conn, id);
  }
  bool MarkRead(const std::string& conversation_id, const std::string& user_id, int64_t seq) override {
    auto conn = pool_.Acquire();
    return postgres_chat::MarkRead(*conn, conversation_id, user_id, seq);
  }
  bool EditMessage(const std::string& message_id, const std::string& content, const std::string& edited_at) override {
    auto conn = pool_.Acquire();
    return postgres_chat::EditMessage(*conn, message_id, content, edited_at);
  }
  bool SetEngaged(const std::string& conversation_id, const std::string& at) override {
    auto conn = pool_.Acquire();
    return postgres_chat::SetEngaged(*conn, conversation_id, at);
  }

  // --- media: postgres_media.cpp
  void CreateMedia(const StoredMedia& m) override {
    auto conn = pool_.Acquire();
    postgres_media::CreateMedia(*conn, m);
  }
  std::optional<StoredMedia> FindMedia(const std::string& id) override {
    auto conn = pool_.Acquire();
    return postgres_media::FindMedia(*conn, id);
  }
  std::vector<StoredMedia> ListMedia(MediaSubject subject, const std::string& subject_id) override {
    auto conn = pool_.Acquire();
    return postgres_media::ListMedia(*conn, subject, subject_id);
  }
  std::optional<std::vector<std::string>> DeleteUnsentChatMedia(const std::string& media_id) override {
    if (!LooksLikeUuid(media_id)) return std::nullopt;
    auto conn = pool_.Acquire();
    PgTransaction tx(*conn);
    auto unused = postgres_media::DeleteUnsentChatMedia(*conn, media_id);
    if (unused) tx.Commit();
    return unused;
  }
  std::vector<std::string> ListUnsentChatMedia(const std::string& uploaded_before, int limit) override {
    auto conn = pool_.Acquire();
    return postgres_media::ListUnsentChatMedia(*conn, uploaded_before, limit);
  }
  bool ContentInUse(const std::string& content_hash) override {
    auto conn = pool_.Acquire();
    return postgres_media::ContentInUse(*conn, content_hash);
  }

 private:
  PgPool pool_;
};

}  // namespace

std::unique_ptr<Store> OpenPostgresStore(const std::string& url) { return std::make_unique<PostgresStore>(url); }

}  // namespace salik
