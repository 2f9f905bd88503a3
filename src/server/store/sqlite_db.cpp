#include "server/store/sqlite_db.hpp"

#include <chrono>
#include <iostream>
#include <thread>

#include <sqlite3.h>

#include <cstring>

#include "server/store/sqlite_page_cache.hpp"
#include "server/store/sqlite_wal_writes.hpp"

namespace salik {

SqliteError::SqliteError(int extended_code, const std::string& message)
    : StoreError(message), code_(extended_code) {}

bool SqliteError::IsUniqueViolation() const {
  return code_ == SQLITE_CONSTRAINT_UNIQUE || code_ == SQLITE_CONSTRAINT_PRIMARYKEY;
}

void ConfigureSqlite() {
  static const bool configured = [] {
    // Each is refused (SQLITE_MISUSE) if SQLite is already in use: then it runs without.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if (!InstallSqlitePageCache())
      std::cerr << "sqlite: used before it was configured; commits keep the default page cache's full scans"
                << std::endl;
    return true;
  }();
  (void)configured;
}

SqliteDb::SqliteDb(const std::string& path) {
  ConfigureSqlite();
  // NOMUTEX: a connection is only ever used by one thread at a time (the store's mutex, the
  // checkpointer's own thread), so SQLite's per-call connection mutex is pure cost.
  int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           WalCoalescingVfs());
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(rc, "sqlite: cannot open " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  // Other threads or processes may hold the write lock briefly; wait rather than fail.
  sqlite3_busy_timeout(db_, 5000);
  try {
    // journal_mode is the first read of the file, so a file that is not a database fails here.
    // Switching a new file to WAL takes an exclusive lock, and when several connections switch at
    // once SQLite answers "locked" without waiting (waiting could deadlock): try again for 2 s.
    std::string mode;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    for (;;) {
      try {
        SqliteStatement wal(*this, "PRAGMA journal_mode=WAL");
        mode = wal.Step() ? wal.Text("journal_mode") : "";
        break;
      } catch (const SqliteError& e) {
        if ((e.code() & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() > give_up) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    if (mode != "wal" && path != ":memory:") throw StoreError("sqlite: WAL mode refused for " + path);
    // In WAL mode NORMAL survives application crashes; only a power cut can lose the last commits.
    ExecScript("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    // Up to 32 MB of pages (taken as used, not up front): chat inserts land on random pages of
    // the id index, and the default 2 MB made most of them a read from the OS.
    ExecScript("PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY;");
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

SqliteDb::~SqliteDb() {
  for (auto& [sql, cached] : cached_) sqlite3_finalize(cached.stmt);
  if (db_) sqlite3_close(db_);
}

sqlite3_stmt* SqliteDb::TakeCached(const char* sql) {
  CachedStatement& slot = cached_[sql];
  if (slot.in_use) return nullptr;
  if (!slot.stmt) {
    int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &slot.stmt, nullptr);
    if (rc != SQLITE_OK) {
      cached_.erase(sql);
      Fail(rc, "prepare");
    }
  }
  slot.in_use = true;
  return slot.stmt;
}

void SqliteDb::GiveBack(const char* sql, sqlite3_stmt* stmt) {
  // Reset now: a statement left mid-step would hold a read transaction open.
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  auto it = cached_.find(sql);
  if (it != cached_.end() && it->second.stmt == stmt) it->second.in_use = false;
}

void SqliteDb::ExecScript(const char* sql) {
  char* error = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    throw SqliteError(sqlite3_extended_errcode(db_), "sqlite: " + message);
  }
}

int SqliteDb::Changes() const { return sqlite3_changes(db_); }

void SqliteDb::Fail(int rc, const std::string& context) const {
  int code = db_ ? sqlite3_extended_errcode(db_) : rc;
  std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  throw SqliteError(code, "sqlite: " + context + ": " + message);
}

SqliteStatement::SqliteStatement(SqliteDb& db, const char* sql, std::initializer_list<SqlValue> params)
    : SqliteStatement(db, sql, Unbound{}) {
  BindAll(params);
}

SqliteStatement::SqliteStatement(SqliteDb& db, const char* sql, Unbound) : db_(db) {
  int rc = sqlite3_prepare_v2(db.handle(), sql, -1, &stmt_, nullptr);
  if (rc != SQLITE_OK) db.Fail(rc, "prepare");
}

SqliteStatement::SqliteStatement(SqliteDb& db, const char* sql, Reused) : db_(db) {
  stmt_ = db.TakeCached(sql);
  if (stmt_) {
    cached_sql_ = sql;
  } else {  // nested use of the same statement: a private copy
    int rc = sqlite3_prepare_v2(db.handle(), sql, -1, &stmt_, nullptr);
    if (rc != SQLITE_OK) db.Fail(rc, "prepare");
  }
}

void SqliteStatement::Discard() {
  if (cached_sql_) {
    db_.GiveBack(cached_sql_, stmt_);
    cached_sql_ = nullptr;
  } else {
    sqlite3_finalize(stmt_);
  }
  stmt_ = nullptr;
}

void SqliteStatement::Rebind(std::initializer_list<SqlValue> params) {
  if (!stmt_) throw StoreError("sqlite: statement unusable after a failed bind");
  // The reset's return code repeats the last step's error, which was reported then.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  BindAll(params);
}

void SqliteStatement::BindAll(std::initializer_list<SqlValue> params) {
  if (sqlite3_bind_parameter_count(stmt_) != static_cast<int>(params.size())) {
    std::string message = "sqlite: statement expects " + std::to_string(sqlite3_bind_parameter_count(stmt_)) +
                          " parameters, got " + std::to_string(params.size());
    Discard();
    throw StoreError(message);
  }
  int index = 1;
  for (const auto& value : params) Bind(index++, value);
}

SqliteStatement::~SqliteStatement() {
  if (stmt_) Discard();
}

void SqliteStatement::Bind(int index, const SqlValue& value) {
  struct Binder {
    sqlite3_stmt* s;
    int i;
    int operator()(std::monostate) const { return sqlite3_bind_null(s, i); }
    int operator()(const std::string& v) const {
      return sqlite3_bind_text64(s, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    }
    int operator()(int64_t v) const { return sqlite3_bind_int64(s, i, v); }
    int operator()(double v) const { return sqlite3_bind_double(s, i, v); }
    int operator()(bool v) const { return sqlite3_bind_int(s, i, v ? 1 : 0); }
  };
  int rc = std::visit(Binder{stmt_, index}, value.get());
  if (rc != SQLITE_OK) {
    Discard();
    db_.Fail(rc, "bind");
  }
}

bool SqliteStatement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.Fail(rc, "step");
}

void SqliteStatement::Run() {
  while (Step()) {
  }
}

int SqliteStatement::Index(const char* column) const {
  int n = sqlite3_column_count(stmt_);
  for (int i = 0; i < n; ++i)
    if (std::strcmp(sqlite3_column_name(stmt_, i), column) == 0) return i;
  throw StoreError(std::string("sqlite: result has no column ") + column);
}

bool SqliteStatement::IsNull(const char* column) const {
  return sqlite3_column_type(stmt_, Index(column)) == SQLITE_NULL;
}

std::string SqliteStatement::Text(const char* column) const {
  int i = Index(column);
  const unsigned char* text = sqlite3_column_text(stmt_, i);
  if (!text) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt_, i)));
}

int64_t SqliteStatement::Int64(const char* column) const { return sqlite3_column_int64(stmt_, Index(column)); }

double SqliteStatement::Double(const char* column) const { return sqlite3_column_double(stmt_, Index(column)); }

bool SqliteStatement::Bool(const char* column) const { return sqlite3_column_int64(stmt_, Index(column)) != 0; }

SqliteTransaction::SqliteTransaction(SqliteDb& db) : db_(db) { db_.ExecScript("BEGIN IMMEDIATE"); }

SqliteTransaction::~SqliteTransaction() {
  if (done_) return;
  try {
    db_.ExecScript("ROLLBACK");
  } catch (const StoreError&) {
    // SQLite may already have rolled back (e.g. after SQLITE_FULL); nothing more to undo.
  }
}

void SqliteTransaction::Commit() {
  db_.ExecScript("COMMIT");
  done_ = true;
}

}  // namespace salik
