# Throwaway PostgreSQL clusters for tests. Source this file, then:
#   salik_pg_start DIR PORT   initdb a cluster in DIR, serve it on 127.0.0.1:PORT only, create the
#                             database salik_test, export and print SALIK_TEST_PG_URL=…
#   salik_pg_stop DIR         stop that cluster and remove DIR
# The cluster trusts every loopback connection and skips fsync: it holds test data only.
# Functions return non-zero with a message on stderr; they never exit the caller's shell.

_salik_pg_log() { printf '[postgres] %s\n' "$*" >&2; }

# The newest Debian PostgreSQL install (/usr/lib/postgresql/<major>/bin).
_salik_pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    _salik_pg_log "no PostgreSQL under /usr/lib/postgresql/*/bin (apt-get install postgresql)"
    return 1
  fi
  printf '%s\n' "$dir"
}

# PostgreSQL refuses to run as root, so as root the server commands run as the postgres user.
_salik_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# The marker tells salik_pg_stop that DIR is ours to delete.
_salik_pg_marker() { printf '%s/.salik-throwaway-postgres\n' "$1"; }

salik_pg_start() {
  local dir="${1:-}" port="${2:-}"
  if [ -z "$dir" ] || [ -z "$port" ]; then
    _salik_pg_log "usage: salik_pg_start DIR PORT"
    return 2
  fi
  local bin
  bin=$(_salik_pg_bindir) || return 1
  dir=$(realpath -m "$dir")
  # Unix socket paths are limited to 107 bytes, and the server puts one in DIR/socket.
  if [ $(( ${#dir} + ${#port} + 20 )) -gt 107 ]; then
    _salik_pg_log "$dir is too long a path for the server's socket; use a shorter one"
    return 1
  fi

  if [ -e "$dir" ]; then
    if [ -f "$(_salik_pg_marker "$dir")" ]; then
      _salik_pg_log "replacing the leftover cluster in $dir"
      salik_pg_stop "$dir" || return 1
    elif [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
      _salik_pg_log "$dir exists and is not a throwaway cluster; refusing to use it"
      return 1
    fi
  fi

  mkdir -p "$dir/socket" || return 1
  touch "$(_salik_pg_marker "$dir")" || return 1
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$dir" || return 1
    if ! runuser -u postgres -- test -w "$dir"; then
      _salik_pg_log "the postgres user cannot reach $dir (a parent folder is private); use a folder under /tmp"
      return 1
    fi
  fi

  if ! _salik_pg_as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust \
         --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
    _salik_pg_log "initdb failed:"
    tail -n 20 "$dir/initdb.log" >&2
    return 1
  fi

  # Loopback only, socket inside DIR (not /var/run/postgresql), durability traded for speed.
  cat >>"$dir/data/postgresql.conf" <<CONF || return 1
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/socket'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF

  if ! _salik_pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >"$dir/pg_ctl.log" 2>&1; then
    _salik_pg_log "the server did not start on 127.0.0.1:$port:"
    tail -n 20 "$dir/server.log" >&2
    return 1
  fi

  local tries=0
  until "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; do
    tries=$((tries + 1))
    if [ "$tries" -ge 60 ]; then
      _salik_pg_log "the server on 127.0.0.1:$port never became ready"
      return 1
    fi
    sleep 0.5
  done

  if ! "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres salik_test; then
    _salik_pg_log "could not create the database salik_test"
    return 1
  fi

  export SALIK_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/salik_test"
  printf 'SALIK_TEST_PG_URL=%s\n' "$SALIK_TEST_PG_URL"
}

salik_pg_stop() {
  local dir="${1:-}"
  if [ -z "$dir" ]; then
    _salik_pg_log "usage: salik_pg_stop DIR"
    return 2
  fi
  dir=$(realpath -m "$dir")
  [ -e "$dir" ] || return 0
  if [ ! -f "$(_salik_pg_marker "$dir")" ]; then
    _salik_pg_log "$dir was not made by salik_pg_start; leaving it alone"
    return 1
  fi
  local bin
  bin=$(_salik_pg_bindir) || return 1
  if [ -f "$dir/data/postmaster.pid" ]; then
    _salik_pg_as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null ||
      _salik_pg_log "pg_ctl stop failed; removing $dir anyway"
  fi
  rm -rf "$dir"
}
