#!/usr/bin/env bash
# Benchmarks: figures to read and compare, never a pass or fail on time.
#
# Usage:
#   bash scripts/bench.sh web
#       The web app. Builds first if build/web/dist or the server is missing or older than the
#       sources (scripts/build.sh, incremental). Prints the download sizes of the wasm, the JS and
#       the preloaded data (raw and gzip -9), then runs tests/bench/web_bench.mjs: it starts
#       `salik-server --demo`, opens headless Chromium and prints time to first frame (median of
#       5 loads, cold and warm cache), idle main-thread ms per second (landing, mechanic feed),
#       frame CPU ms on the busy feed page (salik_frame_ms_total / frames) and mirror node counts.
#
#   bash scripts/bench.sh chat [PAIRS] [RATE] [SECONDS]
#       The realtime chat. Builds the server and tests/load/chat_load.cpp (incremental), starts
#       one server on loopback with SQLite in a temporary folder and limits raised for load, then
#       runs the load generator: PAIRS conversations (default 500, so 1,000 connections), server
#       memory per idle connection, a closed loop (each user sends its next message after the
#       ack) and an open loop at RATE messages per second per connection (default 10) for SECONDS
#       (default 10; its window starts once 2 s have passed and then a quarter second went by
#       with the generator's own loop never more than 5 ms late, waiting 10 s more at most: it
#       prints how long it waited): delivered messages per second (and sends per second), delivery latency
#       p50 / p99 / max, errors, duplicates and late frames (a seq the connection had already /
#       older than one it had: the hub catching a connection up on a message it missed), server
#       RSS, the CPU the server and the generator used, and how late the generator's own event
#       loop ran (p99 / max of a 5 ms timer's lateness: a delivery waits that long to be read,
#       the generator's share of the latency, not the server's); at the end, how many messages
#       never reached a connection below the newest it got (lost). The OS places both processes; with
#       SALIK_BENCH_PIN=1 the server gets core 1 and the generator core 0 after the setup (runs
#       vary less, but one core is then all the server has: not the issue's two-core figure).
#       Last, on SQLite: kill -9 of the server, the WAL's size then, and how long a restart on the
#       same files takes to listen again (opening the database replays the WAL).
#
#   bash scripts/bench.sh chat-floor [PAIRS] [RATE] [SECONDS]
#       The floor under the chat figures: the same load generator (--floor) against
#       tests/load/relay_floor.cpp, a one-thread WebSocket relay that stores nothing, builds its
#       frames with the server's functions and batches writes as the server does (no sign-in,
#       limits, pings or timeouts). It shows what this machine, the generator and Beast cost on
#       their own; read `chat`'s figures against it.
#
#   bash scripts/bench.sh store [MESSAGES]
#       The chat's store path alone (tests/load/store_load.cpp): MESSAGES (default 100,000)
#       messages into 500 conversations through AppendMessages, in transactions of 1, 10, 50 and
#       200 messages; microseconds per message and messages per second for each. No sockets or
#       threads: the ceiling for the chat's closed loop, which stores every message before its
#       ack. A SQLite file in a temporary folder, or SALIK_DATABASE_URL's PostgreSQL.
#
#   bash scripts/bench.sh media [UPLOADS]
#       Media uploads. Builds the server (incremental), then runs tests/bench/upload_bench.mjs: a
#       ~48 MB MP4 made with ffmpeg is uploaded UPLOADS times (default 3) on loopback: MB/s per
#       upload and the median, download MB/s, and the server's VmRSS at rest and peak RSS (VmHWM).
#
#   bash scripts/bench.sh chat-cluster [PAIRS] [RATE] [SECONDS]
#       The same chat load through haproxy to two instances sharing PostgreSQL and Redis
#       (scripts/cluster.sh, a throwaway PostgreSQL): delivered messages per second, latency
#       p50 / p99 / max, errors, and the RSS of both servers. Round-robin puts the two users of
#       most conversations on different instances, so most messages cross Redis.
#       SALIK_SERVER_BIN picks the server binary (default: the build directory's).
#
# Environment:
#   SALIK_BENCH_LOADS   loads for the time-to-first-frame median (default 5)
#   SALIK_BENCH_BUILD   1: always run scripts/build.sh first; 0: never build
#   SALIK_BENCH_BUILD_DIR  chat, chat-floor, store: the native build with salik-server, salik_chat_load,
#                       salik_relay_floor and salik_store_load
#                       (default build/native)
#   SALIK_BENCH_BATCH   chat, chat-floor: 1 (default) the generator asks for batch frames; 0 one frame per message
#   SALIK_BENCH_PIN     chat, chat-floor: 0 (default) lets the OS place server and generator; 1 one core each
#   SALIK_BENCH_CLOSED_SECONDS  chat, chat-cluster, chat-floor: the closed loop's length (default SECONDS, at least 1); a
#                       short one measures the open loop on a small database, without the backlog
#   SALIK_DATABASE_URL  chat: run the server on this PostgreSQL database instead of SQLite
#   SALIK_CHROMIUM      the Chromium binary (default /usr/bin/chromium)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

DIST="$ROOT/build/web/dist"
SERVER="$ROOT/build/native/salik-server"

# True when an output is missing or a source file is newer than the oldest output.
needs_build() {
  local out
  for out in "$DIST/salikchat.wasm" "$DIST/salikchat.js" "$DIST/salikchat.data" "$SERVER"; do
    [ -f "$out" ] || return 0
  done
  local oldest
  oldest=$(ls -t "$DIST/salikchat.wasm" "$DIST/salikchat.js" "$SERVER" | tail -n 1)
  [ -n "$(find src shaders web shell cmake CMakeLists.txt -newer "$oldest" -type f -print -quit 2>/dev/null)" ]
}

# gzip -9 size of a file, in bytes.
gz_size() { gzip -9 -c "$1" | wc -c; }

human() { awk -v b="$1" 'BEGIN { if (b >= 1048576) printf "%.2f MB", b / 1048576; else printf "%.1f KB", b / 1024 }'; }

bench_web() {
  case "${SALIK_BENCH_BUILD:-auto}" in
    1) bash scripts/build.sh ;;
    0) ;;
    *) if needs_build; then echo "== building (outputs missing or older than the sources)"; bash scripts/build.sh; fi ;;
  esac
  [ -f "$DIST/salikchat.wasm" ] || { echo "no web build in $DIST" >&2; exit 1; }
  [ -x "$SERVER" ] || { echo "no server at $SERVER" >&2; exit 1; }
  [ -d node_modules/playwright-core ] || { echo "playwright-core is missing: run bash scripts/setup.sh" >&2; exit 1; }

  echo "== download sizes (build/web/dist, built $(date -r "$DIST/salikchat.wasm" '+%Y-%m-%d %H:%M'))"
  printf '   %-18s %12s %12s %12s\n' file raw 'gzip -9' ratio
  local f raw gz total_raw=0 total_gz=0
  for f in salikchat.wasm salikchat.js salikchat.data index.html app.css; do
    [ -f "$DIST/$f" ] || continue
    raw=$(stat -c %s "$DIST/$f")
    gz=$(gz_size "$DIST/$f")
    total_raw=$((total_raw + raw))
    total_gz=$((total_gz + gz))
    printf '   %-18s %12s %12s %11s%%\n' "$f" "$(human "$raw")" "$(human "$gz")" "$((gz * 100 / raw))"
  done
  printf '   %-18s %12s %12s %11s%%\n' total "$(human "$total_raw")" "$(human "$total_gz")" "$((total_gz * 100 / total_raw))"
  echo "   (bytes: raw $total_raw, gzip -9 $total_gz)"
  echo
  echo "== in headless Chromium (salik-server --demo)"
  node tests/bench/web_bench.mjs
}

bench_chat() {
  local pairs=${1:-500} rate=${2:-10} seconds=${3:-10}
  local dir="${SALIK_BENCH_BUILD_DIR:-$ROOT/build/native}"
  [ "${SALIK_BENCH_BUILD:-auto}" = 0 ] || bash scripts/build.sh >/dev/null
  local load="$dir/salik_chat_load" server="$dir/salik-server"
  [ -x "$load" ] || { echo "no load generator at $load" >&2; exit 1; }
  # On request, one core each once set up (when there are two): runs vary less.
  local pin=()
  [ "$(nproc)" -ge 2 ] && [ "${SALIK_BENCH_PIN:-0}" = 1 ] && pin=(--pin 1:0)
  local data port log pid
  data=$(mktemp -d /tmp/salik-bench.XXXXXX)
  log="$data/server.log"
  ulimit -n 65536 2>/dev/null || true  # before the server starts: it holds a socket per connection
  start_bench_server "$server" "$data" "$log"
  # wait answers the killed server's status, which set -e would take as a failure of the trap.
  trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; rm -rf "$data"' RETURN
  echo "== chat load: $pairs conversations, $((2 * pairs)) connections, one server" \
    "($([ -n "${SALIK_DATABASE_URL:-}" ] && echo PostgreSQL || echo SQLite)), pid $pid"
  "$load" --http "http://127.0.0.1:$port" --admin bench@salikchat.test:bench-password-1 \
    --pairs "$pairs" --rate "$rate" --seconds "$seconds" --closed-seconds "${SALIK_BENCH_CLOSED_SECONDS:-$seconds}" --server-pid "$pid" \
    --batch "${SALIK_BENCH_BATCH:-1}" "${pin[@]}"
  [ -z "${SALIK_DATABASE_URL:-}" ] && bench_crash_restart "$server" "$data"
  return 0
}

# Starts the server for a chat benchmark on `data`, in the background: sets `pid` and `port`.
start_bench_server() {
  local server=$1 data=$2 log=$3
  : >"$log"  # made now: the background job opens it only once it runs, and the wait reads it at once
  SALIK_DATA_DIR="$data" SALIK_PORT=0 SALIK_ADMIN_EMAIL=bench@salikchat.test SALIK_ADMIN_PASSWORD=bench-password-1 \
    SALIK_API_RATE_PER_MINUTE=100000000 SALIK_MESSAGE_RATE_PER_MINUTE=100000000 \
    "$server" >"$log" 2>&1 &
  pid=$!
  port=
  for _ in $(seq 600); do
    port=$(sed -nE 's#.*running at http://localhost:([0-9]+).*#\1#p' "$log")
    [ -n "$port" ] && break
    sleep 0.05
  done
  [ -n "$port" ] || { echo "the server did not start:" >&2; cat "$log" >&2; exit 1; }
}

# kill -9 of the loaded server, then the time a restart on the same files takes to serve: SQLite
# replays the WAL (up to twice the checkpointer's bound) before it listens.
bench_crash_restart() {
  local server=$1 data=$2 wal_bytes t0 t1
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  wal_bytes=$(stat -c %s "$data/salikchat.db-wal" 2>/dev/null || echo 0)
  t0=$(date +%s%N)
  start_bench_server "$server" "$data" "$data/restart.log"
  t1=$(date +%s%N)
  printf 'restart after kill -9: WAL %d MB, serving after %d ms; database %d MB\n' \
    $((wal_bytes >> 20)) $(((t1 - t0) / 1000000)) $(($(stat -c %s "$data/salikchat.db") >> 20))
}

bench_store() {
  local dir="${SALIK_BENCH_BUILD_DIR:-$ROOT/build/native}"
  [ "${SALIK_BENCH_BUILD:-auto}" = 0 ] || bash scripts/build.sh >/dev/null
  local database=()
  [ -n "${SALIK_DATABASE_URL:-}" ] && database=(--database "$SALIK_DATABASE_URL")
  "$dir/salik_store_load" --messages "${1:-100000}" "${database[@]}"
}

bench_media() {
  bash scripts/build.sh >/dev/null
  SALIK_SERVER_BIN="$SERVER" node tests/bench/upload_bench.mjs "${1:-3}"
}

bench_chat_floor() {
  local pairs=${1:-500} rate=${2:-10} seconds=${3:-10}
  local dir="${SALIK_BENCH_BUILD_DIR:-$ROOT/build/native}"
  [ "${SALIK_BENCH_BUILD:-auto}" = 0 ] || bash scripts/build.sh >/dev/null
  [ -x "$dir/salik_relay_floor" ] || { echo "no relay at $dir/salik_relay_floor" >&2; exit 1; }
  local pin=()
  [ "$(nproc)" -ge 2 ] && [ "${SALIK_BENCH_PIN:-0}" = 1 ] && pin=(--pin 1:0)
  local out port pid
  out=$(mktemp /tmp/salik-floor.XXXXXX)
  ulimit -n 65536 2>/dev/null || true
  "$dir/salik_relay_floor" 0 >"$out" &
  pid=$!
  trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; rm -f "$out"' RETURN
  for _ in $(seq 50); do port=$(sed -nE 's/^listening on ([0-9]+)$/\1/p' "$out"); [ -n "$port" ] && break; sleep 0.1; done
  [ -n "$port" ] || { echo "the relay did not start" >&2; return 1; }
  echo "== chat floor: $pairs conversations, $((2 * pairs)) connections, a relay that stores nothing, pid $pid"
  "$dir/salik_chat_load" --floor 1 --http "http://127.0.0.1:$port" --pairs "$pairs" --rate "$rate" \
    --seconds "$seconds" --closed-seconds "${SALIK_BENCH_CLOSED_SECONDS:-$seconds}" --server-pid "$pid" \
    --batch "${SALIK_BENCH_BATCH:-1}" "${pin[@]}"
}

bench_chat_cluster() {
  local pairs=${1:-500} rate=${2:-10} seconds=${3:-10}
  local dir="${SALIK_BENCH_BUILD_DIR:-$ROOT/build/native}"
  [ "${SALIK_BENCH_BUILD:-auto}" = 0 ] || bash scripts/build.sh >/dev/null
  local load="$dir/salik_chat_load"
  [ -x "$load" ] || { echo "no load generator at $load" >&2; exit 1; }
  local log url a b cluster
  log=$(mktemp /tmp/salik-bench-cluster.XXXXXX)
  SALIK_SERVER_BIN="${SALIK_SERVER_BIN:-$dir/salik-server}" SALIK_ADMIN_EMAIL=bench@salikchat.test \
    SALIK_ADMIN_PASSWORD=bench-password-1 SALIK_API_RATE_PER_MINUTE=100000000 \
    SALIK_MESSAGE_RATE_PER_MINUTE=100000000 bash scripts/cluster.sh >"$log" 2>&1 &
  cluster=$!
  trap 'kill "$cluster" 2>/dev/null; wait "$cluster" 2>/dev/null || true; rm -f "$log"' RETURN
  for _ in $(seq 600); do
    url=$(sed -nE 's#^cluster (http://[^ ]+)$#\1#p' "$log")
    [ -n "$url" ] && break
    kill -0 "$cluster" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$url" ] || { echo "the cluster did not start:" >&2; cat "$log" >&2; exit 1; }
  a=$(sed -nE 's#^instance a .* pid ([0-9]+)$#\1#p' "$log")
  b=$(sed -nE 's#^instance b .* pid ([0-9]+)$#\1#p' "$log")
  echo "== chat load through haproxy ($url): $pairs conversations, $((2 * pairs)) connections, instances a (pid $a) and b (pid $b), PostgreSQL + Redis"
  ulimit -n 65536 2>/dev/null || true
  "$load" --http "$url" --admin bench@salikchat.test:bench-password-1 --pairs "$pairs" \
    --rate "$rate" --seconds "$seconds" --closed-seconds "${SALIK_BENCH_CLOSED_SECONDS:-$seconds}" --server-pid "$a"
  echo "server RSS after the load: a $(ps -o rss= -p "$a" | tr -d ' ') KB, b $(ps -o rss= -p "$b" | tr -d ' ') KB"
  echo "(the generator's \"server RSS\" column above is instance a's)"
}

case "${1:-}" in
  web) bench_web ;;
  media) shift; bench_media "$@" ;;
  chat) shift; bench_chat "$@" ;;
  store) shift; bench_store "$@" ;;
  chat-cluster) shift; bench_chat_cluster "$@" ;;
  chat-floor) shift; bench_chat_floor "$@" ;;
  -h | --help | help) usage 0 ;;
  *) usage 1 >&2 ;;
esac
