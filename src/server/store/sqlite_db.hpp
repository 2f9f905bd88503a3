// Thin RAII wrappers over libsqlite3: a connection, a prepared statement that is also the view
// of its current row, and a write transaction. Failures throw SqliteError (a StoreError).
#pragma once

#include <initializer_list>
#include <string>
#include <unordered_map>

#include "server/store/row_view.hpp"
#include "server/store/sql_value.hpp"
#include "server/store/store.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace salik {

class SqliteError : public StoreError {
 public:
  SqliteError(int extended_code, const std::string& message);
  int code() const { return code_; }
  bool IsUniqueViolation() const;

 private:
  int code_;
};

// Process-wide settings that SQLite takes only before its first use: no memory statistics (a
// global mutex on every allocation, and nothing reads them) and the page cache of
// sqlite_page_cache.hpp. SqliteDb's constructor calls it; a program that may touch SQLite some
// other way first calls it at the start.
void ConfigureSqlite();

class SqliteDb {
 public:
  // Opens (creating the file if needed) with WAL, foreign keys and a busy timeout.
  explicit SqliteDb(const std::string& path);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  sqlite3* handle() const { return db_; }
  // Statements without parameters only: pragmas, transaction control, migrations.
  void ExecScript(const char* sql);
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int Changes() const;
  [[noreturn]] void Fail(int rc, const std::string& context) const;

  // A statement prepared once for this connection and kept (the chat's hot path runs the same
  // few statements thousands of times a second). Null when that statement is in use already:
  // the caller then prepares its own. Given back by SqliteStatement's destructor.
  sqlite3_stmt* TakeCached(const char* sql);
  void GiveBack(const char* sql, sqlite3_stmt* stmt);

 private:
  struct CachedStatement {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, CachedStatement> cached_;
};

class SqliteStatement : public RowView {
 public:
  // Marks a statement prepared now and bound later, once per use, with Rebind.
  struct Unbound {};
  // Marks a statement taken from the connection's cache (SqliteDb::TakeCached), bound later.
  struct Reused {};

  SqliteStatement(SqliteDb& db, const char* sql, std::initializer_list<SqlValue> params = {});
  SqliteStatement(SqliteDb& db, const char* sql, Unbound);
  SqliteStatement(SqliteDb& db, const char* sql, Reused);
  ~SqliteStatement() override;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // True when a row is ready to read; false when the statement is done.
  bool Step();
  // Runs a statement that returns no rows.
  void Run();
  // Rewinds the statement and binds a fresh set of parameters: a batch prepares each statement
  // once and runs it many times.
  void Rebind(std::initializer_list<SqlValue> params);

  bool IsNull(const char* column) const override;
  std::string Text(const char* column) const override;
  int64_t Int64(const char* column) const override;
  double Double(const char* column) const override;
  bool Bool(const char* column) const override;

 private:
  int Index(const char* column) const;
  void BindAll(std::initializer_list<SqlValue> params);
  void Bind(int index, const SqlValue& value);
  // Drops the statement after a failed bind: finalized if it is ours, reset if it is the cache's.
  void Discard();

  SqliteDb& db_;
  sqlite3_stmt* stmt_ = nullptr;
  const char* cached_sql_ = nullptr;  // set when stmt_ belongs to db_'s cache
};

// BEGIN IMMEDIATE takes the write lock up front, so a transaction never fails half-way on a
// lock upgrade. Rolls back unless committed.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteDb& db);
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  void Commit();

 private:
  SqliteDb& db_;
  bool done_ = false;
};

}  // namespace salik
