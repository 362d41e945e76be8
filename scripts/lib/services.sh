#!/usr/bin/env bash
# Throw-away PostgreSQL and Redis servers on loopback, for the tests.
#
# Source it and call the functions (scripts/test does this):
#   . scripts/lib/services.sh
#   pg_start "$dir"       # own PostgreSQL cluster in $dir/pg
#   redis_start "$dir"    # redis-server without persistence
#   services_stop "$dir"  # stops both; never fails
#   services_start "$dir" # pg_start + redis_start
# or run it for manual use (prints `export` lines to eval):
#   eval "$(scripts/lib/services.sh start /tmp/some-dir)"
#   scripts/lib/services.sh stop /tmp/some-dir
#
# Exported variables:
#   OCOMMS_TEST_TMPDIR      the folder given
#   OCOMMS_TEST_NGINX       path of Debian's nginx binary
#   OCOMMS_TEST_PG_URL      postgresql://ocomms@127.0.0.1:PORT/postgres
#   OCOMMS_TEST_PG_PORT     PORT
#   OCOMMS_TEST_PG_CONTROL  $dir/pgctl: `start|stop|restart|kill|status`
#                           stops/starts the same cluster (same port, data)
#   OCOMMS_TEST_REDIS_URL   redis://127.0.0.1:PORT
#   OCOMMS_TEST_REDIS_PORT  PORT
#
# As root the cluster belongs to and runs as the `postgres` system user
# (the folder is chowned to it, so it must be reachable: chmod 755 it and
# its parents); otherwise it runs as the current user.

# Sourced file is checked on its own (scripts/lib/common.sh).
# shellcheck source=/dev/null
. "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"

# _services_dir DIR : check DIR and print its absolute path.
_services_dir() {
  local dir="${1:-}"
  [[ -n "$dir" ]] || die "services: missing folder argument"
  [[ -d "$dir" ]] || die "services: folder '$dir' does not exist"
  dir="$(cd -- "$dir" && pwd -P)"
  [[ "$dir" != *[\'\"\\\ ]* ]] || die "services: folder '$dir' must not contain quotes, backslashes or spaces"
  printf '%s\n' "$dir"
}

# _services_env DIR : export the variables common to all services.
_services_env() {
  export OCOMMS_TEST_TMPDIR="$1"
  OCOMMS_TEST_NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
  export OCOMMS_TEST_NGINX
}

# _pg_bindir : newest /usr/lib/postgresql/VERSION/bin holding initdb
# (override with OCOMMS_PG_BINDIR).
_pg_bindir() {
  if [[ -n "${OCOMMS_PG_BINDIR:-}" ]]; then
    [[ -x "$OCOMMS_PG_BINDIR/initdb" ]] || die "no initdb in OCOMMS_PG_BINDIR=$OCOMMS_PG_BINDIR"
    printf '%s\n' "$OCOMMS_PG_BINDIR"
    return 0
  fi
  local d best=""
  while IFS= read -r d; do
    [[ -x "$d/bin/initdb" ]] && best="$d/bin"
  done < <(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort -V)
  [[ -n "$best" ]] || die "PostgreSQL server not installed (no /usr/lib/postgresql/*/bin/initdb); run scripts/lib/install-deps.sh test"
  printf '%s\n' "$best"
}

# _as_user USER CMD... : run CMD as USER (empty USER: as the current user).
_as_user() {
  local user="$1"
  shift
  if [[ -z "$user" || "$(id -un)" == "$user" ]]; then
    "$@"
  elif is_root; then
    runuser -u "$user" -- "$@"
  else
    sudo -n -u "$user" -- "$@"
  fi
}

# pg_start DIR : create and start a PostgreSQL cluster in DIR/pg.
pg_start() {
  local dir bindir run_user="" superuser port
  dir="$(_services_dir "${1:-}")"
  bindir="$(_pg_bindir)"
  _services_env "$dir"

  local data="$dir/pg" sock="$dir/pgsock"
  [[ ! -e "$data" ]] || die "pg_start: $data already exists"

  if is_root; then
    run_user=postgres
    id -u "$run_user" >/dev/null 2>&1 || die "pg_start: no '$run_user' system user (install the postgresql package)"
    chown "$run_user:" "$dir"
    runuser -u "$run_user" -- test -x "$dir" ||
      die "pg_start: user '$run_user' cannot reach $dir; chmod 755 it and its parent folders"
    superuser="$run_user"
  else
    superuser="$(id -un)"
  fi

  port="$(free_port)"
  log "starting PostgreSQL ($bindir) on 127.0.0.1:$port in $data"

  (
    cd / # so that the postgres user never sits in an unreadable folder
    _as_user "$run_user" mkdir -m 700 "$sock"
    _as_user "$run_user" "$bindir/initdb" -D "$data" -U "$superuser" -E UTF8 --locale=C \
      --auth=trust --no-sync
  ) >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    die "pg_start: initdb failed"
  }

  # The files exist and belong to the cluster owner; `>` and `>>` keep that.
  cat >"$data/pg_hba.conf" <<EOF
# Written by scripts/lib/services.sh: trust, loopback and local socket only.
local all all trust
host  all all 127.0.0.1/32 trust
EOF
  cat >>"$data/postgresql.conf" <<EOF

# --- scripts/lib/services.sh (test cluster) ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
log_line_prefix = '%m [%p] %q%u@%d '
EOF

  _pg_write_control "$dir" "$bindir" "$data" "$port" "$run_user" "$superuser"
  "$dir/pgctl" start || die "pg_start: PostgreSQL did not start (log: $dir/pg.log)"

  "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$superuser" -d postgres -c \
    "DO \$\$ BEGIN
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ocomms') THEN
         CREATE ROLE ocomms SUPERUSER LOGIN;
       END IF;
     END \$\$;" >/dev/null || die "pg_start: could not create role ocomms"

  export OCOMMS_TEST_PG_PORT="$port"
  export OCOMMS_TEST_PG_URL="postgresql://ocomms@127.0.0.1:$port/postgres"
  export OCOMMS_TEST_PG_CONTROL="$dir/pgctl"
  log "PostgreSQL ready: $OCOMMS_TEST_PG_URL (control: $OCOMMS_TEST_PG_CONTROL)"
}

# _pg_write_control DIR BINDIR DATA PORT RUN_USER SUPERUSER : write DIR/pgctl.
_pg_write_control() {
  local dir="$1" bindir="$2" data="$3" port="$4" run_user="$5" superuser="$6"
  {
    printf '#!/usr/bin/env bash\n'
    printf '# Generated by scripts/lib/services.sh: controls the test PostgreSQL cluster.\n'
    printf '# Usage: pgctl start|stop|restart|kill|status\n'
    printf '#   start    start it again (same port, same data); no-op when running\n'
    printf '#   stop     fast shutdown (disconnects clients); no-op when stopped\n'
    printf '#   kill     immediate shutdown (like a crash; recovery on next start)\n'
    printf '#   status   exit 0 when running, 3 when stopped\n'
    printf 'set -euo pipefail\n'
    printf 'PG_BINDIR=%q\n' "$bindir"
    printf 'PG_DATA=%q\n' "$data"
    printf 'PG_LOG=%q\n' "$dir/pg.log"
    printf 'PG_PORT=%q\n' "$port"
    printf 'PG_RUN_USER=%q\n' "$run_user"
    printf 'PG_SUPERUSER=%q\n' "$superuser"
    cat <<'EOF'

run() {
  if [[ -z "$PG_RUN_USER" || "$(id -un)" == "$PG_RUN_USER" ]]; then
    "$@"
  elif [[ "$(id -u)" -eq 0 ]]; then
    runuser -u "$PG_RUN_USER" -- "$@"
  else
    sudo -n -u "$PG_RUN_USER" -- "$@"
  fi
}
running() { run "$PG_BINDIR/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1; }
ready() { "$PG_BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres; }
wait_ready() {
  local deadline=$((SECONDS + 30))
  until ready; do
    if ((SECONDS >= deadline)); then
      echo "pgctl: PostgreSQL not ready on port $PG_PORT after 30 s; log $PG_LOG:" >&2
      tail -n 30 "$PG_LOG" >&2 || true
      return 1
    fi
    sleep 0.2
  done
}
do_stop() {
  local mode="$1"
  if running; then
    run "$PG_BINDIR/pg_ctl" stop -D "$PG_DATA" -m "$mode" -w -t 60 -s
  fi
}
do_start() {
  if ! running; then
    run "$PG_BINDIR/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -s || {
      tail -n 30 "$PG_LOG" >&2 || true
      exit 1
    }
  fi
  wait_ready
}

cd /
case "${1:-}" in
  start) do_start ;;
  stop) do_stop fast ;;
  kill | crash) do_stop immediate ;;
  restart)
    do_stop fast
    do_start
    ;;
  status)
    if running; then
      echo "running on 127.0.0.1:$PG_PORT"
    else
      echo "stopped"
      exit 3
    fi
    ;;
  *)
    echo "usage: $0 start|stop|restart|kill|status" >&2
    exit 2
    ;;
esac
EOF
  } >"$dir/pgctl"
  chmod 755 "$dir/pgctl"
}

# redis_start DIR : start redis-server on a free loopback port.
redis_start() {
  local dir port
  dir="$(_services_dir "${1:-}")"
  _services_env "$dir"
  need_cmd redis-server redis-cli
  [[ ! -e "$dir/redis.pid" ]] || die "redis_start: $dir/redis.pid already exists"

  port="$(free_port)"
  log "starting Redis on 127.0.0.1:$port"
  redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" \
    --dir "$dir" >/dev/null || die "redis_start: redis-server failed (log: $dir/redis.log)"
  printf '%s\n' "$port" >"$dir/redis.port"

  if ! wait_until 30 _redis_pong "$port"; then
    tail -n 30 "$dir/redis.log" >&2 || true
    die "redis_start: Redis did not answer PING on port $port within 30 s"
  fi
  export OCOMMS_TEST_REDIS_PORT="$port"
  export OCOMMS_TEST_REDIS_URL="redis://127.0.0.1:$port"
  log "Redis ready: $OCOMMS_TEST_REDIS_URL"
}

_redis_pong() {
  [[ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" == PONG ]]
}

# services_start DIR : pg_start and redis_start.
services_start() {
  pg_start "$1"
  redis_start "$1"
}

# services_stop DIR : stop whatever pg_start/redis_start started in DIR.
# Never fails.
services_stop() {
  local dir="${1:-}" pid port i
  [[ -n "$dir" && -d "$dir" ]] || return 0

  if [[ -x "$dir/pgctl" ]]; then
    "$dir/pgctl" stop >/dev/null 2>&1 ||
      "$dir/pgctl" kill >/dev/null 2>&1 ||
      log "warning: could not stop PostgreSQL in $dir"
  fi

  if [[ -f "$dir/redis.pid" ]]; then
    pid="$(cat "$dir/redis.pid" 2>/dev/null || true)"
    port="$(cat "$dir/redis.port" 2>/dev/null || true)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
      if [[ -n "$port" ]]; then
        redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || true
      fi
      for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        ((i == 10)) && kill "$pid" 2>/dev/null
        sleep 0.2
      done
      if kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid" 2>/dev/null || true
      fi
    fi
    rm -f "$dir/redis.pid"
  fi
  return 0
}

# Executed directly: start/stop for manual use.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-}" in
    start)
      services_start "${2:-}"
      for v in OCOMMS_TEST_TMPDIR OCOMMS_TEST_NGINX OCOMMS_TEST_PG_URL OCOMMS_TEST_PG_PORT \
        OCOMMS_TEST_PG_CONTROL OCOMMS_TEST_REDIS_URL OCOMMS_TEST_REDIS_PORT; do
        printf 'export %s=%q\n' "$v" "${!v}"
      done
      ;;
    stop) services_stop "${2:-}" ;;
    *)
      echo "usage: $0 start DIR | stop DIR" >&2
      exit 2
      ;;
  esac
fi
