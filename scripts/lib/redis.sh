# Throwaway Redis servers for tests and scripts/cluster.sh. Source this file, then:
#   salik_redis_start DIR PORT   redis-server on 127.0.0.1:PORT only, nothing saved to disk, its
#                                pid file and log in DIR; exports and prints SALIK_REDIS_URL=…
#   salik_redis_stop DIR         stop that server and remove DIR
# Functions return non-zero with a message on stderr; they never exit the caller's shell.

_salik_redis_log() { printf '[redis] %s\n' "$*" >&2; }

salik_redis_start() {
  local dir="${1:-}" port="${2:-}"
  if [ -z "$dir" ] || [ -z "$port" ]; then
    _salik_redis_log "usage: salik_redis_start DIR PORT"
    return 2
  fi
  command -v redis-server >/dev/null || { _salik_redis_log "no redis-server (apt-get install redis-server)"; return 1; }
  mkdir -p "$dir" || return 1
  dir=$(realpath "$dir")
  touch "$dir/.salik-throwaway-redis"
  if ! redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --dir "$dir" \
       --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"; then
    _salik_redis_log "redis-server did not start on 127.0.0.1:$port"
    return 1
  fi
  local tries=0
  until [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = "PONG" ]; do
    tries=$((tries + 1))
    if [ "$tries" -ge 50 ]; then
      _salik_redis_log "redis on 127.0.0.1:$port never answered:"
      tail -n 20 "$dir/redis.log" >&2
      return 1
    fi
    sleep 0.1
  done
  export SALIK_REDIS_URL="redis://127.0.0.1:$port"
  printf 'SALIK_REDIS_URL=%s\n' "$SALIK_REDIS_URL"
}

salik_redis_stop() {
  local dir="${1:-}"
  [ -n "$dir" ] && [ -e "$dir" ] || return 0
  if [ ! -f "$dir/.salik-throwaway-redis" ]; then
    _salik_redis_log "$dir was not made by salik_redis_start; leaving it alone"
    return 1
  fi
  local pid
  pid=$(cat "$dir/redis.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$dir"
}
