#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis for tests that need real ones (the scaffold tests run a
# generated service's integration tests against them). Both listen on 127.0.0.1 only,
# on free ports, keep every file under DIR, and vanish with `stop`.
#
#   scripts/test-services.sh start DIR   start both; write DIR/env and print it
#   scripts/test-services.sh env DIR     print DIR/env: DATABASE_URL=... and REDIS_URL=...
#   scripts/test-services.sh stop DIR    stop both, remove what start put in DIR (and DIR
#                                        itself when that leaves it empty)
#
# Use the URLs with `set -a; . DIR/env; set +a`. PostgreSQL refuses to run as root, so
# as root it runs as the `postgres` system user (DIR is made traversable for it),
# otherwise as the current user. Needs the Debian packages postgresql and redis-server
# (scripts/install-deps.sh); PG_BIN may name another PostgreSQL bin folder.
set -euo pipefail

readonly database=svc_test

die() { echo "test-services: error: $*" >&2; exit 1; }

usage() {
  echo "usage: $0 start|stop|env DIR" >&2
  exit 2
}

# The newest PostgreSQL server binaries: Debian keeps them off PATH.
find_pg_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then
    [[ -x "$PG_BIN/initdb" ]] || die "PG_BIN=$PG_BIN has no initdb"
    echo "$PG_BIN"; return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
    echo "$dir"; return
  fi
  local initdb
  initdb=$(command -v initdb || true)
  [[ -n "$initdb" ]] || die "PostgreSQL server binaries (initdb, pg_ctl) not found: install the postgresql package (scripts/install-deps.sh) or set PG_BIN"
  dirname "$(readlink -f "$initdb")"
}

# Runs a command as the user that owns the PostgreSQL files.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

log_tail() {
  [[ -f "$1" ]] && { echo "--- last lines of $1:" >&2; tail -n 20 "$1" >&2; }
  return 0
}

start_postgres() {
  local dir=$1 bin port
  bin=$(find_pg_bin)
  mkdir -p "$dir/pg"
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root, and there is no postgres system user to run PostgreSQL as (install the postgresql package)"
    chmod o+x "$dir"
    chown postgres: "$dir/pg"
    as_pg test -w "$dir/pg" || die "the postgres user cannot write $dir/pg: make the folders above it traversable (chmod o+x)"
  fi
  (( ${#dir} < 80 )) || die "$dir is too long for PostgreSQL's socket path: use a shorter DIR"
  as_pg "$bin/initdb" -D "$dir/pg/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C \
    >"$dir/pg/initdb.log" 2>&1 || { log_tail "$dir/pg/initdb.log"; die "initdb failed"; }
  local tries
  for tries in 1 2 3; do
    port=$(free_port)
    # fsync off: the data is thrown away, durability only costs time here.
    if as_pg "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/postgres.log" -w -t 30 \
         -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
         start >/dev/null; then
      break
    fi
    port=
  done
  [[ -n "$port" ]] || { log_tail "$dir/pg/postgres.log"; die "PostgreSQL did not start"; }
  echo "$port" > "$dir/pg/port"
  as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$database" \
    || { log_tail "$dir/pg/postgres.log"; die "createdb $database failed"; }
  echo "DATABASE_URL=postgres://postgres@127.0.0.1:$port/$database" >> "$dir/env"
}

start_redis() {
  local dir=$1 port tries
  mkdir -p "$dir/redis"
  for tries in 1 2 3; do
    port=$(free_port)
    # No persistence (save "" and no AOF): nothing outlives stop.
    redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
      --dir "$dir/redis" --daemonize yes --pidfile "$dir/redis/redis.pid" \
      --logfile "$dir/redis/redis.log" >/dev/null
    if wait_for_redis "$port"; then
      echo "$port" > "$dir/redis/port"
      echo "REDIS_URL=redis://127.0.0.1:$port" >> "$dir/env"
      return 0
    fi
    stop_redis "$dir"
    mkdir -p "$dir/redis"
  done
  log_tail "$dir/redis/redis.log"
  die "redis-server did not start"
}

wait_for_redis() {
  local port=$1 i
  for i in $(seq 50); do
    python3 - "$port" <<'EOF' 2>/dev/null && return 0
import socket, sys
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1) as s:
    s.sendall(b"PING\r\n")
    sys.exit(0 if s.recv(16).startswith(b"+PONG") else 1)
EOF
    sleep 0.1
  done
  return 1
}

# Waits up to 10 s for PID to exit, then kills it.
wait_gone() {
  local pid=$1 i
  for i in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

stop_postgres() {
  local dir=$1 pid
  [[ -d "$dir/pg" ]] || return 0
  if [[ -f "$dir/pg/data/postmaster.pid" ]]; then
    pid=$(head -n 1 "$dir/pg/data/postmaster.pid")
    as_pg "$(find_pg_bin)/pg_ctl" -D "$dir/pg/data" -m fast -w -t 20 stop >/dev/null 2>&1 \
      || kill -TERM "$pid" 2>/dev/null || true
    wait_gone "$pid"  # pg_ctl returns once the pid file is gone, a moment before the process
  fi
  rm -rf "$dir/pg"
}

stop_redis() {
  local dir=$1 pid
  [[ -d "$dir/redis" ]] || return 0
  if [[ -f "$dir/redis/redis.pid" ]]; then
    pid=$(cat "$dir/redis/redis.pid")
    kill -TERM "$pid" 2>/dev/null || true
    wait_gone "$pid"
  fi
  rm -rf "$dir/redis"
}

stop_all() {
  local dir=$1
  stop_redis "$dir"
  stop_postgres "$dir"
  rm -f "$dir/env"
  rmdir "$dir" 2>/dev/null || true  # only when start created everything in it
}

cmd=${1:-}
dir=${2:-}
[[ -n "$cmd" && -n "$dir" && $# -eq 2 ]] || usage
case "$cmd" in
  start)
    # Both or neither: check the binaries before starting anything.
    find_pg_bin >/dev/null
    command -v redis-server >/dev/null \
      || die "redis-server not found: install the redis-server package (scripts/install-deps.sh)"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [[ ! -e "$dir/env" && ! -e "$dir/pg" && ! -e "$dir/redis" ]] \
      || die "$dir already holds services: run '$0 stop $dir' first"
    # Whatever fails half-way, nothing is left running.
    trap '[[ $? -eq 0 ]] || stop_all "$dir"' EXIT
    : > "$dir/env"
    start_postgres "$dir"
    start_redis "$dir"
    cat "$dir/env"
    ;;
  env)
    [[ -f "$dir/env" ]] || die "no services started in $dir"
    cat "$dir/env"
    ;;
  stop)
    [[ -d "$dir" ]] || exit 0
    stop_all "$(cd "$dir" && pwd)"
    ;;
  *) usage ;;
esac
