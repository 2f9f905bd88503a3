// Thin RAII wrappers over libpq: a connection that runs parameterised statements, a result that
// hands out row views, and a transaction guard. Failures throw PgError (a StoreError).
#pragma once

#include <initializer_list>
#include <set>
#include <string>

#include "server/store/row_view.hpp"
#include "server/store/sql_value.hpp"
#include "server/store/store.hpp"

struct pg_conn;
struct pg_result;

namespace salik {

class PgError : public StoreError {
 public:
  PgError(std::string sqlstate, const std::string& message);
  const std::string& sqlstate() const { return sqlstate_; }
  bool IsUniqueViolation() const { return sqlstate_ == "23505"; }

 private:
  std::string sqlstate_;
};

class PgResult;

// One row of a PgResult; valid while the result lives.
class PgRow : public RowView {
 public:
  PgRow(const pg_result* result, int row) : result_(result), row_(row) {}
  bool IsNull(const char* column) const override;
  std::string Text(const char* column) const override;
  int64_t Int64(const char* column) const override;
  double Double(const char* column) const override;
  bool Bool(const char* column) const override;

 private:
  int Index(const char* column) const;
  const pg_result* result_;
  int row_;
};

class PgResult {
 public:
  explicit PgResult(pg_result* result) : result_(result) {}
  ~PgResult();
  PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  PgResult& operator=(PgResult&&) = delete;

  int Rows() const;
  PgRow Row(int index) const { return PgRow(result_, index); }
  // Rows changed by an INSERT, UPDATE or DELETE.
  int Affected() const;

 private:
  pg_result* result_;
};

class PgConnection {
 public:
  // A libpq URL or keyword string; connects at once.
  explicit PgConnection(const std::string& url);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Parameters travel as text, apart from the SQL; the server infers or the SQL casts their types.
  PgResult Exec(const char* sql, std::initializer_list<SqlValue> params = {});
  // Like Exec, for a hot statement: prepared on this connection at first use under `name` and
  // reused after that, so the server parses and plans it once per connection, not per call.
  // One name always stands for one SQL text.
  PgResult ExecPrepared(const char* name, const char* sql, std::initializer_list<SqlValue> params);
  // Statements without parameters only: transaction control, migrations.
  void ExecScript(const char* sql);
  // Connected and outside any transaction, so fit to hand to the next caller.
  bool Reusable() const;

 private:
  PgResult Check(pg_result* result);
  pg_conn* conn_ = nullptr;
  std::set<std::string> prepared_;  // names prepared on this connection
};

// BEGIN now, ROLLBACK unless committed. `begin` may carry a mode, e.g. "BEGIN READ ONLY".
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& conn, const char* begin = "BEGIN");
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  void Commit();

 private:
  PgConnection& conn_;
  bool done_ = false;
};

}  // namespace salik
