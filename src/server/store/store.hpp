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

#include "core/chat.hpp"
#include "core/domain.hpp"
#include "core/media.hpp"
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

struct NewConversation {
  std::string id;  // used only when the conversation is new
  std::string issue_id;
  std::string customer_id;
  std::string mechanic_id;
  std::string created_at;
};

struct AppendResult {
  Message message;       // as stored, with its seq
  bool created = false;  // false: a resend of a (sender, client_id) already stored
  // Not stored: its attachment no longer exists. Its uploader deleted it (another tab) after the
  // sender's check and before this append; the rest of the batch is stored as usual.
  bool media_missing = false;
};

struct AuditEntry {
  std::string id;
  std::string admin_id;
  std::string action;     // e.g. "mechanic.verify", "mechanic.reject"
  std::string target_id;
  std::string detail;     // free text (the reason)
  std::string created_at;
};

// What a media file belongs to: an issue, a mechanic's verification documents (subject_id is the
// mechanic), or a conversation.
enum class MediaSubject { Issue, MechanicDocument, Conversation };

struct StoredMedia {
  Media media;               // url is empty here: links are signed for each reader
  MediaSubject subject = MediaSubject::Issue;
  std::string subject_id;
  std::string content_hash;  // SHA-256 hex of the stored bytes: where they are on disk
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
  // Deletes the issue with its responses, conversations, messages and media rows (its own and
  // its conversations'). nullopt when it did not exist; else the content hashes that no media row
  // uses any more: files the caller may remove.
  virtual std::optional<std::vector<std::string>> DeleteIssue(const std::string& id) = 0;

  // --- responses
  // False when this mechanic already responded to this issue.
  virtual bool CreateResponse(const MechanicResponse& response) = 0;
  // Oldest first, with mechanic_name, rating and verified flag filled in.
  virtual std::vector<MechanicResponse> ListResponses(const std::string& issue_id) = 0;

  // --- conversations and messages (realtime chat)
  // The conversation of (issue, mechanic), created if it does not exist yet (one per mechanic
  // per issue). Filled like FindConversation.
  virtual Conversation OpenConversation(const NewConversation& c) = 0;
  // With issue_title, customer_name, mechanic_name, last_seq, last_message (raw, unmasked),
  // last_message_at and both read marks filled in.
  virtual std::optional<Conversation> FindConversation(const std::string& id) = 0;
  // The user's conversations (as car owner or mechanic), most recent activity first.
  virtual std::vector<Conversation> ListConversations(const std::string& user_id) = 0;
  // Stores each message with the next seq of its conversation (no gaps), in one transaction
  // (group commit). A message whose (conversation, sender, client_id) is already stored is not
  // stored again: its result is the original with created = false. Also moves the
  // conversation's last_seq/last_message_at and the sender's own read mark to the new seq.
  // `seq` in the input is ignored; a `created_at` earlier than the conversation's newest
  // message's is raised to it (the results carry the stored time). Results are in input order.
  virtual std::vector<AppendResult> AppendMessages(const std::vector<Message>& messages) = 0;
  // Newest first: messages with seq < before_seq (before_seq <= 0: the newest), at most `limit`.
  virtual std::vector<Message> ListMessagesBefore(const std::string& conversation_id, int64_t before_seq,
                                                  int limit) = 0;
  // Oldest first: messages with seq > after_seq, at most `limit` (resume after a reconnect).
  virtual std::vector<Message> ListMessagesAfter(const std::string& conversation_id, int64_t after_seq,
                                                 int limit) = 0;
  virtual std::optional<Message> FindMessage(const std::string& id) = 0;
  // Moves the user's read mark forward to `seq` (never back, never past last_seq). False when
  // the user is not a participant or the conversation does not exist.
  virtual bool MarkRead(const std::string& conversation_id, const std::string& user_id, int64_t seq) = 0;
  virtual bool EditMessage(const std::string& message_id, const std::string& content, const std::string& edited_at) = 0;
  // Records that the car owner engaged the mechanic (first time only). False if no such conversation.
  virtual bool SetEngaged(const std::string& conversation_id, const std::string& at) = 0;

  // --- media (sqlite_media.cpp, postgres_media.cpp)
  virtual void CreateMedia(const StoredMedia& m) = 0;
  virtual std::optional<StoredMedia> FindMedia(const std::string& id) = 0;
  // Oldest first.
  virtual std::vector<StoredMedia> ListMedia(MediaSubject subject, const std::string& subject_id) = 0;
  // Deletes a chat attachment that no message refers to, in one transaction with that check;
  // returns the content hashes no media row uses any more (their files may go). nullopt when
  // nothing was deleted: no such media, not a chat attachment, or a message refers to it.
  virtual std::optional<std::vector<std::string>> DeleteUnsentChatMedia(const std::string& media_id) = 0;
  // Chat attachments uploaded before `uploaded_before` (UTC text) that no message refers to,
  // oldest first, at most `limit`: uploads their sender never sent (see UnsentMediaSweeper).
  virtual std::vector<std::string> ListUnsentChatMedia(const std::string& uploaded_before, int limit) = 0;
  // True while any media row (of any subject, committed by any server) uses these bytes: the
  // last look before their file is deleted (see MediaService::RemoveContent).
  virtual bool ContentInUse(const std::string& content_hash) = 0;
};

// "sqlite:///path/to/file.db", a plain file path, or "postgresql://…" / "postgres://…".
std::unique_ptr<Store> OpenStore(const std::string& url);
std::unique_ptr<Store> OpenSqliteStore(const std::string& path);
std::unique_ptr<Store> OpenPostgresStore(const std::string& url);

}  // namespace salik
