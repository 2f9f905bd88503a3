#include "store_backends.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "server/store/pg_connection.hpp"
#include "server/util/ids.hpp"

namespace salik::testing {
namespace {

namespace fs = std::filesystem;

class SqliteTestDatabase final : public TestDatabase {
 public:
  SqliteTestDatabase() {
    std::string pattern = (fs::temp_directory_path() / "salik-store-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) FAIL("cannot create a temporary folder");
    dir_ = pattern;
  }
  ~SqliteTestDatabase() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  std::string Url() const override { return "sqlite://" + (dir_ / "salik.db").string(); }
  std::string EmptyDatabaseUrl() override {
    return "sqlite://" + (dir_ / ("empty-" + std::to_string(++empties_) + ".db")).string();
  }
  std::string BrokenUrl() const override { return "sqlite://" + (dir_ / "no-such-folder" / "salik.db").string(); }

 private:
  fs::path dir_;
  int empties_ = 0;
};

// The server URL with its database name replaced: postgresql://user@host:port/NAME?params
std::string WithDatabaseName(const std::string& url, const std::string& name) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) FAIL("SALIK_TEST_PG_URL must be a postgresql:// URL, got: " << url);
  auto query = url.find('?', scheme + 3);
  auto path = url.find('/', scheme + 3);
  if (path == std::string::npos || (query != std::string::npos && path > query)) path = query;
  std::string head = url.substr(0, path == std::string::npos ? url.size() : path);
  // Other query parameters (sslmode, …) stay.
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return head + "/" + name + tail;
}

}  // namespace

std::string WithQueryParameter(const std::string& url, const std::string& parameter) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + parameter;
}

namespace {

// One database per test process (ctest runs each test case in its own process), dropped at exit.
// Each test case then starts from an empty public schema.
class PgProcessDatabase {
 public:
  explicit PgProcessDatabase(const std::string& server_url)
      : server_url_(server_url), name_("salik_store_test_" + std::to_string(getpid()) + "_" + RandomHex(4)) {
    PgConnection admin(server_url_);
    // The name is made of digits, letters and '_' only, so it is safe as an identifier.
    admin.ExecScript(("CREATE DATABASE " + name_).c_str());
    url_ = WithDatabaseName(server_url_, name_);
  }
  ~PgProcessDatabase() {
    try {
      PgConnection admin(server_url_);
      admin.ExecScript(("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)").c_str());
    } catch (const StoreError&) {
      // The cluster is throwaway; a leftover database is harmless.
    }
  }
  const std::string& url() const { return url_; }
  void ResetSchema() const {
    PgConnection conn(url_);
    conn.ExecScript("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  }

 private:
  std::string server_url_;
  std::string name_;
  std::string url_;
};

class PgTestDatabase final : public TestDatabase {
 public:
  explicit PgTestDatabase(const PgProcessDatabase& db) : db_(db) { db_.ResetSchema(); }
  std::string Url() const override { return db_.url(); }
  // A new schema first on the search path stands in for a new database: cheaper, same isolation.
  std::string EmptyDatabaseUrl() override {
    // Numbered across the process: the database (and so earlier cases' schemas) lives as long.
    static std::atomic<int> empties{0};
    std::string schema = "salik_empty_" + std::to_string(++empties);
    PgConnection(db_.url()).ExecScript(("CREATE SCHEMA " + schema).c_str());
    return WithQueryParameter(db_.url(), "options=-c%20search_path%3D" + schema);
  }
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  std::string BrokenUrl() const override { return "postgresql://salik@127.0.0.1:1/salik"; }

 private:
  const PgProcessDatabase& db_;
};

void RunOn(TestDatabase& db, const StoreRuleBody& body) {
  auto store = OpenStore(db.Url());
  store->Migrate();
  body(*store, db);
}

}  // namespace

void RunOnSqlite(const StoreRuleBody& body) {
  SqliteTestDatabase db;
  RunOn(db, body);
}

void RunOnPostgres(const StoreRuleBody& body) {
  const char* url = std::getenv("SALIK_TEST_PG_URL");
  if (!url || !*url) {
    const char* skip = std::getenv("SALIK_SKIP_PG");
    if (skip && std::string(skip) == "1") {
      WARN("PostgreSQL case skipped: SALIK_SKIP_PG=1");
      return;
    }
    FAIL("SALIK_TEST_PG_URL is not set. Start a throwaway server with scripts/lib/postgres.sh "
         "(salik_pg_start DIR PORT) or set SALIK_SKIP_PG=1 to skip the PostgreSQL cases on purpose.");
  }
  static PgProcessDatabase process_db(url);
  PgTestDatabase db(process_db);
  RunOn(db, body);
}

}  // namespace salik::testing
