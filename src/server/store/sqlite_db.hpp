// Thin RAII wrappers over libsqlite3: a connection, a prepared statement that is also the view
// of its current row, and a write transaction. Failures throw SqliteError (a StoreError).
#pragma once

#include <initializer_list>
#include <string>

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

 private:
  sqlite3* db_ = nullptr;
};

class SqliteStatement : public RowView {
 public:
  // Marks a statement prepared now and bound later, once per use, with Rebind.
  struct Unbound {};

  SqliteStatement(SqliteDb& db, const char* sql, std::initializer_list<SqlValue> params = {});
  SqliteStatement(SqliteDb& db, const char* sql, Unbound);
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

  SqliteDb& db_;
  sqlite3_stmt* stmt_ = nullptr;
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
