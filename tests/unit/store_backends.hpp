// Fresh, throwaway databases for the store tests, one per test case, on either backend.
// STORE_RULE("rule") defines one test body and registers it twice: "rule [sqlite]" and
// "rule [postgres]", so both backends pass the very same suite.
#pragma once

#include <catch2/catch.hpp>

#include <functional>
#include <memory>
#include <string>

#include "server/store/store.hpp"

namespace salik::testing {

class TestDatabase {
 public:
  virtual ~TestDatabase() = default;
  // The URL OpenStore takes for this test case's database.
  virtual std::string Url() const = 0;
  // Another database of the same kind, empty and not migrated.
  virtual std::string EmptyDatabaseUrl() = 0;
  // A URL of the same kind that cannot be opened.
  virtual std::string BrokenUrl() const = 0;
};

using StoreRuleBody = std::function<void(Store& store, TestDatabase& db)>;

// Each creates an empty database, opens and migrates a store on it, and runs the body.
void RunOnSqlite(const StoreRuleBody& body);
// Fails the test case when SALIK_TEST_PG_URL is unset, unless SALIK_SKIP_PG=1.
void RunOnPostgres(const StoreRuleBody& body);

// url?parameter or url&parameter.
std::string WithQueryParameter(const std::string& url, const std::string& parameter);

}  // namespace salik::testing

#define SALIK_STORE_CAT2(a, b) a##b
#define SALIK_STORE_CAT(a, b) SALIK_STORE_CAT2(a, b)
#define STORE_RULE(rule) STORE_RULE_IMPL(SALIK_STORE_CAT(StoreRule_, __COUNTER__), rule)
#define STORE_RULE_IMPL(fn, rule)                                                              \
  static void fn(::salik::Store& store, ::salik::testing::TestDatabase& db);                   \
  TEST_CASE(rule " [sqlite]", "[store][sqlite]") { ::salik::testing::RunOnSqlite(fn); }        \
  TEST_CASE(rule " [postgres]", "[store][postgres]") { ::salik::testing::RunOnPostgres(fn); }  \
  static void fn([[maybe_unused]] ::salik::Store& store, [[maybe_unused]] ::salik::testing::TestDatabase& db)
