#include "server/store/pg_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstdio>
#include <vector>

namespace salik {
namespace {

std::string TrimmedMessage(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// Text form of a parameter; nullopt is SQL NULL.
std::optional<std::string> ParamText(const SqlValue& value) {
  struct Render {
    std::optional<std::string> operator()(std::monostate) const { return std::nullopt; }
    std::optional<std::string> operator()(const std::string& v) const { return v; }
    std::optional<std::string> operator()(int64_t v) const { return std::to_string(v); }
    std::optional<std::string> operator()(double v) const {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", v);
      return std::string(buf);
    }
    std::optional<std::string> operator()(bool v) const { return std::string(v ? "t" : "f"); }
  };
  return std::visit(Render{}, value.get());
}

// NOTICEs (e.g. "relation already exists, skipping") are expected chatter, not errors.
void IgnoreNotice(void*, const char*) {}

}  // namespace

PgError::PgError(std::string sqlstate, const std::string& message)
    : StoreError(message), sqlstate_(std::move(sqlstate)) {}

int PgRow::Index(const char* column) const {
  int i = PQfnumber(result_, column);
  if (i < 0) throw StoreError(std::string("postgres: result has no column ") + column);
  return i;
}

bool PgRow::IsNull(const char* column) const { return PQgetisnull(result_, row_, Index(column)) != 0; }

std::string PgRow::Text(const char* column) const {
  int i = Index(column);
  return std::string(PQgetvalue(result_, row_, i), static_cast<size_t>(PQgetlength(result_, row_, i)));
}

int64_t PgRow::Int64(const char* column) const {
  std::string text = Text(column);
  if (text.empty()) return 0;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    throw StoreError(std::string("postgres: column ") + column + " is not an integer");
  return value;
}

double PgRow::Double(const char* column) const {
  std::string text = Text(column);
  if (text.empty()) return 0.0;
  try {
    return std::stod(text);
  } catch (const std::exception&) {
    throw StoreError(std::string("postgres: column ") + column + " is not a number");
  }
}

bool PgRow::Bool(const char* column) const { return Text(column) == "t"; }

PgResult::~PgResult() { PQclear(result_); }

int PgResult::Rows() const { return PQntuples(result_); }

int PgResult::Affected() const {
  const char* text = PQcmdTuples(result_);
  return text && *text ? std::atoi(text) : 0;
}

PgConnection::PgConnection(const std::string& url) {
  // Keywords before "dbname" are defaults: settings in the URL itself override them.
  const char* keys[] = {"connect_timeout", "application_name", "client_encoding", "dbname", nullptr};
  const char* values[] = {"10", "salikchat", "UTF8", url.c_str(), nullptr};
  conn_ = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    std::string message = conn_ ? TrimmedMessage(PQerrorMessage(conn_)) : "out of memory";
    PQfinish(conn_);
    conn_ = nullptr;
    throw PgError("08001", "postgres: cannot connect: " + message);
  }
  PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
}

PgConnection::~PgConnection() { PQfinish(conn_); }

namespace {

// Parameter texts and the pointers libpq takes; the pointers live as long as the texts.
struct ParamTexts {
  explicit ParamTexts(std::initializer_list<SqlValue> params) {
    texts.reserve(params.size());
    for (const auto& p : params) texts.push_back(ParamText(p));
    values.reserve(texts.size());
    for (const auto& t : texts) values.push_back(t ? t->c_str() : nullptr);
  }
  int count() const { return static_cast<int>(values.size()); }
  std::vector<std::optional<std::string>> texts;
  std::vector<const char*> values;
};

}  // namespace

PgResult PgConnection::Exec(const char* sql, std::initializer_list<SqlValue> params) {
  ParamTexts p(params);
  return Check(PQexecParams(conn_, sql, p.count(), nullptr, p.values.data(), nullptr, nullptr,
                            /*resultFormat=text*/ 0));
}

PgResult PgConnection::ExecPrepared(const char* name, const char* sql, std::initializer_list<SqlValue> params) {
  ParamTexts p(params);
  if (!prepared_.count(name)) {
    // Protocol-level prepared statements outlive a rolled-back transaction, so the name is
    // recorded only once the server has accepted it.
    Check(PQprepare(conn_, name, sql, p.count(), nullptr));
    prepared_.insert(name);
  }
  return Check(PQexecPrepared(conn_, name, p.count(), p.values.data(), nullptr, nullptr, /*resultFormat=text*/ 0));
}

void PgConnection::ExecScript(const char* sql) { Check(PQexec(conn_, sql)); }

bool PgConnection::Reusable() const {
  return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

PgResult PgConnection::Check(pg_result* raw) {
  PgResult result(raw);
  if (!raw) throw PgError("", "postgres: " + TrimmedMessage(PQerrorMessage(conn_)));
  ExecStatusType status = PQresultStatus(raw);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  const char* sqlstate = PQresultErrorField(raw, PG_DIAG_SQLSTATE);
  throw PgError(sqlstate ? sqlstate : "", "postgres: " + TrimmedMessage(PQresultErrorMessage(raw)));
}

PgTransaction::PgTransaction(PgConnection& conn, const char* begin) : conn_(conn) { conn_.ExecScript(begin); }

PgTransaction::~PgTransaction() {
  if (done_) return;
  try {
    conn_.ExecScript("ROLLBACK");
  } catch (const StoreError&) {
    // A lost connection has rolled back on the server already; the pool discards it.
  }
}

void PgTransaction::Commit() {
  conn_.ExecScript("COMMIT");
  done_ = true;
}

}  // namespace salik
