#!/usr/bin/env bash
# Two salik-server instances behind haproxy on loopback, sharing one PostgreSQL database and one
# Redis (SALIK_REDIS_URL): the realtime hub fans out, keeps presence and counts rate limits
# across both. Runs until Ctrl-C (or SIGTERM), then stops everything it started.
#
# Usage: bash scripts/cluster.sh [--pg POSTGRES_URL]
#   --pg URL   the database both instances share; without it a throwaway PostgreSQL is started
#
# Prints, once everything answers:
#   redis redis://127.0.0.1:PORT DIR   (restart it with salik_redis_start DIR PORT, scripts/lib/redis.sh)
#   instance a http://127.0.0.1:PORT pid PID
#   instance b http://127.0.0.1:PORT pid PID
#   cluster http://127.0.0.1:PORT
# haproxy balances round-robin (WebSockets included); ?instance=a or ?instance=b on any request
# pins it to one instance, and every answer says which one in X-Salik-Instance (and /api/health
# in "instance"). An instance that dies leaves the other serving.
#
# Environment: SALIK_CLUSTER_PORT (haproxy, default 18090), SALIK_CLUSTER_REDIS_PORT (56379),
# SALIK_CLUSTER_PG_PORT (55441, for the throwaway PostgreSQL), SALIK_SERVER_BIN (default
# build/native/salik-server). Other SALIK_* settings (limits, admin) pass to both servers.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

PG_URL=""
while [ $# -gt 0 ]; do
  case "$1" in
    --pg) PG_URL="$2"; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

PORT=${SALIK_CLUSTER_PORT:-18090}
REDIS_PORT=${SALIK_CLUSTER_REDIS_PORT:-56379}
PG_PORT=${SALIK_CLUSTER_PG_PORT:-55441}
BIN=${SALIK_SERVER_BIN:-$ROOT/build/native/salik-server}
[ -x "$BIN" ] || { echo "no server binary at $BIN (build it or set SALIK_SERVER_BIN)" >&2; exit 1; }
command -v haproxy >/dev/null || { echo "no haproxy (bash scripts/setup.sh installs it)" >&2; exit 1; }

# shellcheck source=lib/redis.sh
source scripts/lib/redis.sh
# shellcheck source=lib/postgres.sh
source scripts/lib/postgres.sh

WORK=$(mktemp -d /tmp/salik-cluster.XXXXXX)
chmod 755 "$WORK"  # a throwaway PostgreSQL inside runs as the postgres user
PIDS=()
OWN_PG=""
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  salik_redis_stop "$WORK/redis" >/dev/null 2>&1 || true
  [ -n "$OWN_PG" ] && salik_pg_stop "$OWN_PG" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

salik_redis_start "$WORK/redis" "$REDIS_PORT" >/dev/null
echo "redis $SALIK_REDIS_URL $WORK/redis"
if [ -z "$PG_URL" ]; then
  OWN_PG="$WORK/pg"
  salik_pg_start "$OWN_PG" "$PG_PORT" >/dev/null
  PG_URL=$SALIK_TEST_PG_URL
fi

# One after the other, so the second finds the schema migrated. Both use one data folder: the
# media files and the key that signs their links, so a link either instance gave works on both
# (behind a real balancer this is a shared volume).
declare -A INSTANCE_PORT
mkdir -p "$WORK/data"
for name in a b; do
  # Made here: the background job opens it only once it runs, and the wait below reads it at once
  # (a missing file failed the read, and set -e ended the script).
  : >"$WORK/$name.log"
  SALIK_INSTANCE_ID=$name SALIK_HOST=127.0.0.1 SALIK_PORT=0 SALIK_DATA_DIR="$WORK/data" \
    SALIK_DATABASE_URL="$PG_URL" SALIK_REDIS_URL="$SALIK_REDIS_URL" SALIK_TRUSTED_PROXIES=127.0.0.1 \
    "$BIN" >"$WORK/$name.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  port=""
  for _ in $(seq 300); do
    port=$(sed -nE 's#.*running at http://localhost:([0-9]+).*#\1#p' "$WORK/$name.log")
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "instance $name did not start:" >&2; cat "$WORK/$name.log" >&2; exit 1; }
  INSTANCE_PORT[$name]=$port
  echo "instance $name http://127.0.0.1:$port pid $pid"
done

# HTTP mode handles the WebSocket upgrade; "timeout tunnel" keeps idle sockets open (the server
# pings every 30 s).
# haproxy needs two descriptors per connection (client and server side), within the hard limit.
fd_limit=$(ulimit -Hn)
[ "$fd_limit" = unlimited ] && fd_limit=100000
ulimit -n "$fd_limit" 2>/dev/null || true
MAXCONN=$(( (fd_limit - 200) / 2 ))
[ "$MAXCONN" -gt 50000 ] && MAXCONN=50000
cat >"$WORK/haproxy.cfg" <<CFG
global
  maxconn $MAXCONN
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  timeout tunnel 1h
  # The instances read the client from X-Forwarded-For (they trust 127.0.0.1, this proxy).
  option forwardfor
frontend salik
  bind 127.0.0.1:$PORT
  default_backend instances
backend instances
  balance roundrobin
  use-server a if { url_param(instance) -m str a }
  use-server b if { url_param(instance) -m str b }
  http-response set-header X-Salik-Instance %s
  # A connection check each second: an instance that is gone gets no new clients.
  server a 127.0.0.1:${INSTANCE_PORT[a]} check inter 1s
  server b 127.0.0.1:${INSTANCE_PORT[b]} check inter 1s
CFG
haproxy -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 &
HAPROXY_PID=$!
PIDS+=("$HAPROXY_PID")
# GET /api/health through haproxy answers 200 (bash's /dev/tcp: no curl needed).
healthy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT" && printf 'GET /api/health HTTP/1.0\r\n\r\n' >&3 && head -n 1 <&3 | grep -q ' 200') 2>/dev/null
}
for _ in $(seq 100); do
  healthy && break
  sleep 0.1
done
healthy || { echo "haproxy did not answer:" >&2; cat "$WORK/haproxy.log" >&2; exit 1; }
echo "cluster http://127.0.0.1:$PORT"
# Until stopped. An instance that dies leaves the other serving, as behind a real balancer (its
# users' presence goes offline once the other notices); haproxy ending, or both, ends the cluster.
# wait -n returns when one of them ends (two at once: one now, the other at the next round, as
# kill -0 still finds a process that ended but was not waited for).
LIVE=("${PIDS[@]}")
while :; do
  wait -n "${LIVE[@]}" 2>/dev/null || true
  kill -0 "$HAPROXY_PID" 2>/dev/null || break
  STILL=("$HAPROXY_PID")
  for pid in "${LIVE[@]}"; do
    [ "$pid" = "$HAPROXY_PID" ] && continue
    if kill -0 "$pid" 2>/dev/null; then
      STILL+=("$pid")
    else
      echo "instance with pid $pid ended" >&2
    fi
  done
  [ ${#STILL[@]} -gt 1 ] || break
  LIVE=("${STILL[@]}")
done
echo "the cluster is down; stopping" >&2
