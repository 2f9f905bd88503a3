#!/usr/bin/env bash
# Sets up, builds and runs every test: Catch2 unit and store tests (SQLite and PostgreSQL), API
# tests against a live server (SQLite and PostgreSQL), and browser tests in headless Chromium.
# Starts its own throwaway PostgreSQL on loopback and stops it at the end.
# Ends with one line "N passed, N failed"; exits non-zero if anything failed.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
started=$(date +%s)

LOG_DIR="$ROOT/build/test-logs"
mkdir -p "$LOG_DIR"
bash scripts/setup.sh || exit 1
echo "== build (log in build/test-logs/build.log)"
if ! bash scripts/build.sh >"$LOG_DIR/build.log" 2>&1; then
  grep -E 'error|FAILED' -A3 "$LOG_DIR/build.log" | head -n 60
  echo "build failed"
  exit 1
fi

# shellcheck source=lib/postgres.sh
source scripts/lib/postgres.sh
PG_DIR=$(mktemp -d /tmp/salik-pg.XXXXXX)
PG_PORT=${SALIK_TEST_PG_PORT:-55432}
salik_pg_start "$PG_DIR" "$PG_PORT" >/dev/null || { echo "could not start PostgreSQL"; exit 1; }
trap 'salik_pg_stop "$PG_DIR" >/dev/null 2>&1' EXIT
export SALIK_TEST_PG_URL

total_pass=0
total_fail=0
suites=()

# Adds a suite's counts to the totals; a suite that ran nothing or crashed counts as a failure.
record() {
  local name=$1 pass=$2 fail=$3 code=$4
  if [ "$code" -ne 0 ] && [ "$fail" -eq 0 ]; then fail=1; fi
  if [ "$pass" -eq 0 ] && [ "$fail" -eq 0 ]; then fail=1; fi
  total_pass=$((total_pass + pass))
  total_fail=$((total_fail + fail))
  suites+=("$(printf '%-28s %4d passed, %d failed' "$name" "$pass" "$fail")")
}

run_ctest() {
  local log="$LOG_DIR/unit.log"
  echo "== unit and store tests (Catch2, SQLite + PostgreSQL)"
  (cd build/native && ctest --output-on-failure -j2) >"$log" 2>&1
  local code=$?
  tail -n 3 "$log"
  local line pass=0 fail=0 total
  line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -n 1)
  if [ -n "$line" ]; then
    fail=$(sed -E 's/.* ([0-9]+) tests failed.*/\1/' <<<"$line")
    total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
    pass=$((total - fail))
  fi
  [ "$code" -ne 0 ] && grep -E '\(Failed\)|\*\*\*' "$log" | head -n 20
  record "unit + store" "$pass" "$fail" "$code"
}

# Node's test runner prints "# pass N" and "# fail N" at the end of its TAP output.
run_node() {
  local name=$1 log=$2
  shift 2
  echo "== $name"
  node --test "$@" >"$log" 2>&1
  local code=$?
  local pass fail
  pass=$(grep -E '^# pass [0-9]+' "$log" | tail -n 1 | awk '{print $3}')
  fail=$(grep -E '^# fail [0-9]+' "$log" | tail -n 1 | awk '{print $3}')
  pass=${pass:-0}
  fail=${fail:-0}
  echo "   $pass passed, $fail failed"
  if [ "$code" -ne 0 ]; then
    grep -E '^not ok|error:|Error|expected|actual' "$log" | head -n 40
  fi
  grep -E '^# FIGURE' "$log" | sed 's/^# //'
  record "$name" "$pass" "$fail" "$code"
}

run_ctest
SALIK_TEST_PG_URL= run_node "api (SQLite)" "$LOG_DIR/api-sqlite.log" tests/api/
run_node "api (PostgreSQL)" "$LOG_DIR/api-postgres.log" tests/api/
SALIK_TEST_PG_URL= run_node "browser (Chromium)" "$LOG_DIR/browser.log" tests/browser/

echo
echo "== summary (logs in build/test-logs/)"
for s in "${suites[@]}"; do echo "   $s"; done
echo "   took $(( $(date +%s) - started )) s"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
