#!/usr/bin/env bash
# Benchmark: `ocomms export` of one organization of BENCH_SIZES messages:
# messages exported per second and the peak RSS of the export process, to
# show that memory stays flat as the organization grows. Records figures
# only; it never fails on timings.
#
# Usage: tests/bench/export.sh [BUILD_DIR]
#        (default: build under the repository). Uses BUILD_DIR/ocomms and the
#        plugins beside it; builds nothing.
#
# For each backend and size, a fresh database is migrated (`ocomms migrate`),
# given an organization and its owner (`ocomms admin create-org`), then seeded
# in one transaction by tests/bench/export/seed.sql through sqlite3 or psql:
# 21 users, 10 channels, the messages with threads, reactions and mentions.
# On PostgreSQL the seed is followed by VACUUM ANALYZE, as autovacuum would
# run after such a load. The export then runs twice under /usr/bin/time -v
# (elapsed time and "Maximum resident set size"); messages/s is the second
# run's, the first shows how much the figures move between runs. Prints a
# Markdown table on stdout; progress goes to stderr.
#
# Environment:
#   BENCH_SIZES      message counts (default "100000 1000000")
#   BENCH_BACKENDS   "sqlite", "postgres" or both (default "sqlite postgres";
#                    postgres is skipped without BENCH_PG_URL)
#   BENCH_PG_URL     a PostgreSQL URL of a user that may create databases
#                    (default: $OCOMMS_TEST_PG_URL, set by scripts/test's
#                    services); a database is created per run and dropped
#   BENCH_KEEP_TMP=1 keep the temporary folder (databases, exports, logs)
set -euo pipefail

# shellcheck source=/dev/null # checked on its own
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

BENCH_TMP=""
PG_DATABASES=()
DB_URL=""

cleanup() {
  local rc=$? db
  trap - EXIT INT TERM
  for db in "${PG_DATABASES[@]}"; do
    psql -q "$BENCH_PG_URL" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  done
  remove_tmp_dir "$BENCH_TMP"
  exit "$rc"
}

# create_database BACKEND DIR : a fresh database for one run, its URL in DB_URL
# (not printed: the cleanup must learn of it in this shell).
create_database() {
  local backend="$1" dir="$2" name
  if [[ "$backend" == sqlite ]]; then
    DB_URL="sqlite:$dir/ocomms.db"
    return
  fi
  name="ocomms_bench_export_$$_${#PG_DATABASES[@]}"
  PG_DATABASES+=("$name")
  psql -q "$BENCH_PG_URL" -c "CREATE DATABASE $name" >/dev/null
  DB_URL="${BENCH_PG_URL%/*}/$name"
}

# seed BACKEND URL MESSAGES : the seed script in one transaction.
seed() {
  local backend="$1" url="$2" messages="$3" sql
  sql="$(sed "s/:messages/$messages/g" "$OCOMMS_ROOT/tests/bench/export/seed.sql")"
  if [[ "$backend" == sqlite ]]; then
    sqlite3 -bail "${url#sqlite:}" <<<"$sql" >/dev/null
  else
    psql -q -v ON_ERROR_STOP=1 "$url" <<<"$sql" >/dev/null
    # What autovacuum would do in the minutes after such a load (hint bits, the visibility map, the GIN
    # index's pending list, statistics); measured otherwise, it runs beside the export.
    psql -q -v ON_ERROR_STOP=1 "$url" -c "VACUUM ANALYZE" >/dev/null
  fi
}

# time_field FILE LABEL : a value from /usr/bin/time -v's report.
time_field() {
  awk -F': ' -v label="$2" 'index($0, label) { print $2 }' "$1" | tail -n 1
}

# seconds H:MM:SS.ss|M:SS.ss : the wall-clock time in seconds.
seconds() {
  awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f\n", s }' <<<"$1"
}

# run BACKEND MESSAGES : seed, export, and print one table row.
run() {
  local backend="$1" messages="$2" dir url first elapsed rss size rate
  dir="$BENCH_TMP/$backend-$messages"
  mkdir -p "$dir"
  create_database "$backend" "$dir"
  url="$DB_URL"
  cat >"$dir/ocomms.yaml" <<YAML
data_dir: "$dir/data"
database:
  url: "$url"
logging:
  level: warn
plugins:
  - name: chat
  - name: export
YAML
  log "$backend, $messages messages: migrating and seeding"
  "$OCOMMS_BIN" migrate --config "$dir/ocomms.yaml" >/dev/null
  "$OCOMMS_BIN" admin create-org --config "$dir/ocomms.yaml" --slug bench --name Bench \
    --owner-email owner@bench.test <<<"benchmark owner password" >/dev/null
  seed "$backend" "$url" "$messages"
  export_once "$dir" "$messages" first
  export_once "$dir" "$messages" again
  first="$(seconds "$(time_field "$dir/first.time" "Elapsed (wall clock) time")")"
  elapsed="$(seconds "$(time_field "$dir/again.time" "Elapsed (wall clock) time")")"
  rss="$(cat "$dir"/*.time | awk -F': ' '/Maximum resident set size/ { if ($2 > m) m = $2 } END { print m }')"
  size="$(du -sm "$dir/first" | cut -f1)"
  rate="$(awk -v m="$messages" -v s="$elapsed" 'BEGIN { printf "%.0f", (s > 0 ? m / s : 0) }')"
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$backend" "$messages" "$first" "$elapsed" "$rate" \
    "$((rss / 1024))" "$size"
  if [[ "$backend" == postgres ]]; then
    psql -q "$BENCH_PG_URL" -c "DROP DATABASE IF EXISTS ${url##*/}" >/dev/null
  fi
  rm -rf -- "$dir/first" "$dir/again" "${dir:?}/ocomms.db"*
}

# export_once DIR MESSAGES NAME : one export into DIR/NAME, timed into DIR/NAME.time.
export_once() {
  local dir="$1" messages="$2" name="$3"
  log "$(basename "$dir"): export ($name)"
  /usr/bin/time -v -o "$dir/$name.time" "$OCOMMS_BIN" export --config "$dir/ocomms.yaml" --org bench \
    --out "$dir/$name" >"$dir/$name.log" 2>&1 || { cat "$dir/$name.log" >&2; die "the export failed"; }
  grep -q "chat.messages *$messages rows" "$dir/$name.log" || die "the export does not hold $messages messages"
}

main() {
  if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
    print_usage "${BASH_SOURCE[0]}"
    exit 0
  fi
  local build_dir="${1:-$OCOMMS_ROOT/build}" backend messages
  OCOMMS_BIN="$build_dir/ocomms"
  [[ -x "$OCOMMS_BIN" ]] || die "no ocomms binary at $OCOMMS_BIN (build it first)"
  [[ -x /usr/bin/time ]] || die "/usr/bin/time is needed (apt-get install time)"
  need_cmd sqlite3 awk du
  BENCH_PG_URL="${BENCH_PG_URL:-${OCOMMS_TEST_PG_URL:-}}"
  BENCH_TMP="$(mktemp -d "${TMPDIR:-/tmp}/ocomms-bench-export.XXXXXX")"
  trap cleanup EXIT INT TERM

  machine_line
  printf '\n| backend | messages | first export s | export s | messages/s | peak RSS MiB | export MiB |\n'
  printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n'
  for backend in ${BENCH_BACKENDS:-sqlite postgres}; do
    if [[ "$backend" == postgres && -z "$BENCH_PG_URL" ]]; then
      log "warning: no BENCH_PG_URL or OCOMMS_TEST_PG_URL: PostgreSQL skipped"
      continue
    fi
    [[ "$backend" == postgres ]] && need_cmd psql
    for messages in ${BENCH_SIZES:-100000 1000000}; do
      run "$backend" "$messages"
    done
  done
}

main "$@"
