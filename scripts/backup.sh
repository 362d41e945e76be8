#!/usr/bin/env bash
# Back up an OComms PostgreSQL database: pg_dump -Fc, checked, checksummed, with a manifest for restore.sh.
#
# Usage: backup.sh [--keep N] [DIR]
#        backup.sh --describe
#        backup.sh --help
#
# Connects like psql: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (or ~/.pgpass); it never prompts
# for a password. Inside the compose database container (`docker compose exec db /backups/backup.sh`)
# the postgres image's POSTGRES_USER and POSTGRES_DB stand in for PGUSER and PGDATABASE.
#
# Writes into DIR (default: $BACKUP_DIR, else /backups, the folder the compose file mounts):
#   ocomms-pgdump-<database>-<UTC yyyymmddThhmmssZ>.dump           the dump (pg_dump -Fc)
#   ocomms-pgdump-<database>-<UTC yyyymmddThhmmssZ>.dump.sha256    its checksum (sha256sum -c reads it)
#   ocomms-pgdump-<database>-<UTC yyyymmddThhmmssZ>.dump.manifest  schema versions and row counts
# The manifest comes from the same snapshot as the dump: a psql session exports its snapshot and holds
# it while pg_dump --snapshot runs. Everything is written under temporary names (.NAME.partial), the
# dump is verified with pg_restore --list, and renamed last. The file names differ from the
# backup-trigger plugin's (ocomms-backup-...), so neither's retention touches the other's files.
#
# Options:
#   --keep N    afterwards, remove this database's dumps beyond the newest N (only files named as above)
#   --describe  print the database's schema versions and row counts in manifest form, and exit
#               (restore.sh, which sources this file for its helpers, checks a restore with it)
#
# Prints one summary line on success. Exit status: 0 done, 1 failed, 2 wrong usage.
set -euo pipefail

PROGRAM="${PROGRAM:-backup.sh}"
readonly MARKER="__ocomms_backup_done__"

# Manifest lines: the newest migration of every owner, then every table's row count. The counts run on
# the server (query_to_xml), inside whatever snapshot the session holds.
readonly SCHEMA_SQL="SELECT 'schema ' || plugin || ' ' || max(version) FROM schema_migrations
  GROUP BY plugin ORDER BY plugin"
readonly HAS_MIGRATIONS_SQL="SELECT to_regclass('schema_migrations') IS NOT NULL"
readonly ROWS_SQL="SELECT 'rows ' || format('%I.%I', table_schema, table_name) || ' ' ||
  (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name),
  false, true, '')))[1]::text
  FROM information_schema.tables
  WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
  ORDER BY format('%I.%I', table_schema, table_name)"

# usage : the comment at the top of the script that runs.
usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

die() {
  printf '%s: error: %s\n' "$PROGRAM" "$*" >&2
  exit 1
}

# refuse MESSAGE : exit 2, for wrong usage and for what the script will not do.
refuse() {
  printf '%s: %s\n' "$PROGRAM" "$*" >&2
  exit 2
}

need() {
  local c
  for c in "$@"; do
    command -v "$c" >/dev/null 2>&1 || die "$c not found: install the PostgreSQL client tools"
  done
}

use_container_defaults() {
  export PGUSER="${PGUSER:-${POSTGRES_USER:-}}"
  export PGDATABASE="${PGDATABASE:-${POSTGRES_DB:-}}"
  [[ -n "$PGUSER" ]] || unset PGUSER
  [[ -n "$PGDATABASE" ]] || unset PGDATABASE
}

# sql QUERY : run QUERY, print its rows unaligned; never prompts for a password.
sql() {
  psql -X -w -q -A -t -v ON_ERROR_STOP=1 -c "$1"
}

# describe : the manifest lines (schema, rows) of the database as it is now.
describe() {
  local has
  has="$(sql "$HAS_MIGRATIONS_SQL")" || die "cannot query the database"
  if [[ "$has" == t ]]; then
    sql "$SCHEMA_SQL" || die "cannot read schema_migrations"
  fi
  sql "$ROWS_SQL" || die "cannot count rows"
}

# --- the psql session that holds the snapshot (a coprocess) ---

SESSION_ERRORS=""
SESSION_IN=""
SESSION_OUT=""
SESSION_CHILD=""

# session_start : a psql session in the background, its input and output kept in SESSION_IN/SESSION_OUT
# (bash drops the coprocess's own variables when it ends).
session_start() {
  SESSION_ERRORS="$(mktemp)"
  coproc SESSION { exec psql -X -w -q -A -t -v ON_ERROR_STOP=1 2>"$SESSION_ERRORS"; }
  # shellcheck disable=SC2153 # set by coproc
  SESSION_CHILD="$SESSION_PID"
  exec {SESSION_IN}>&"${SESSION[1]}" {SESSION_OUT}<&"${SESSION[0]}"
}

session_failed() {
  die "the psql session ended: $(cat -- "$SESSION_ERRORS" 2>/dev/null)"
}

# session_query SQL : run SQL in the held session; its output lines land in the array REPLY_LINES.
session_query() {
  local line
  REPLY_LINES=()
  printf '%s;\n\\echo %s\n' "$1" "$MARKER" 2>/dev/null 1>&"$SESSION_IN" || session_failed
  while IFS= read -r line <&"$SESSION_OUT"; do
    [[ "$line" == "$MARKER" ]] && return 0
    REPLY_LINES+=("$line")
  done
  session_failed
}

session_end() {
  if [[ -n "$SESSION_CHILD" ]]; then
    printf 'ROLLBACK;\n\\q\n' 2>/dev/null 1>&"$SESSION_IN" || true
    exec {SESSION_IN}>&- {SESSION_OUT}<&-
    wait "$SESSION_CHILD" 2>/dev/null || true
    SESSION_CHILD=""
  fi
}

# --- files ---

TEMP_FILES=()

cleanup() {
  session_end
  local f
  for f in "${TEMP_FILES[@]}"; do
    rm -f -- "$f"
  done
  if [[ -n "$SESSION_ERRORS" ]]; then
    rm -f -- "$SESSION_ERRORS"
  fi
}

# publish TEMP FINAL : flush TEMP to disk and rename it to FINAL.
publish() {
  sync -- "$1" 2>/dev/null || sync
  mv -f -- "$1" "$2"
}

# prune DIR PREFIX KEEP : remove the oldest PREFIX<stamp>.dump (and sidecars) beyond the newest KEEP.
prune() {
  local dir="$1" prefix="$2" keep="$3" file
  local -a dumps=()
  while IFS= read -r file; do
    dumps+=("$file")
  done < <(find "$dir" -maxdepth 1 -type f -name "${prefix}*.dump" -printf '%f\n' |
    grep -E "^${prefix//./\\.}[0-9]{8}T[0-9]{6}Z\.dump$" | sort)
  REMOVED=0
  local excess=$((${#dumps[@]} - keep)) i
  for ((i = 0; i < excess; i++)); do
    file="${dumps[$i]}"
    rm -f -- "$dir/$file" "$dir/$file.sha256" "$dir/$file.manifest"
    REMOVED=$((REMOVED + 1))
  done
}

main() {
  local keep="" dir="" describe_only=0
  while (($# > 0)); do
    case "$1" in
      -h | --help)
        usage
        return 0
        ;;
      --keep)
        (($# >= 2)) || refuse "--keep needs a number (see --help)"
        keep="$2"
        shift 2
        ;;
      --keep=*)
        keep="${1#--keep=}"
        shift
        ;;
      --describe)
        describe_only=1
        shift
        ;;
      -*) refuse "unknown option $1 (see --help)" ;;
      *)
        [[ -z "$dir" ]] || refuse "only one folder, please (see --help)"
        dir="$1"
        shift
        ;;
    esac
  done
  if [[ -n "$keep" && ! "$keep" =~ ^[1-9][0-9]*$ ]]; then
    refuse "--keep wants a whole number of at least 1, not '$keep' (see --help)"
  fi

  use_container_defaults
  need psql
  if ((describe_only)); then
    describe
    return 0
  fi
  need pg_dump pg_restore sha256sum

  dir="${dir:-${BACKUP_DIR:-/backups}}"
  [[ -d "$dir" ]] || die "no folder $dir: give one as an argument or in BACKUP_DIR"
  [[ -w "$dir" ]] || die "cannot write to $dir"

  local database
  database="$(sql 'SELECT current_database()')" ||
    die "cannot connect to PostgreSQL (host ${PGHOST:-local socket}, user ${PGUSER:-$(id -un)}, database ${PGDATABASE:-default})"
  local prefix="ocomms-pgdump-${database//[^A-Za-z0-9_.-]/_}-"
  local name
  name="${prefix}$(date -u +%Y%m%dT%H%M%SZ).dump"
  local dump="$dir/$name"
  [[ ! -e "$dump" ]] || die "$dump already exists"

  trap cleanup EXIT
  local partial="$dir/.$name.partial"
  local checksum_partial="$dir/.$name.sha256.partial" manifest_partial="$dir/.$name.manifest.partial"
  TEMP_FILES=("$partial" "$checksum_partial" "$manifest_partial")

  session_start
  session_query "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
  session_query "SELECT pg_export_snapshot()"
  local snapshot="${REPLY_LINES[0]:-}"
  [[ -n "$snapshot" ]] || die "no snapshot id from pg_export_snapshot()"

  pg_dump --no-password --format=custom --snapshot="$snapshot" --file="$partial" ||
    die "pg_dump failed (see its message above)"

  {
    printf 'ocomms-backup-manifest 1\n'
    printf 'database %s\n' "$database"
    printf 'created_at %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.000Z)"
    session_query "$HAS_MIGRATIONS_SQL"
    if [[ "${REPLY_LINES[0]:-}" == t ]]; then
      session_query "$SCHEMA_SQL"
      ((${#REPLY_LINES[@]} == 0)) || printf '%s\n' "${REPLY_LINES[@]}"
    fi
    session_query "$ROWS_SQL"
    ((${#REPLY_LINES[@]} == 0)) || printf '%s\n' "${REPLY_LINES[@]}"
  } >"$manifest_partial"
  session_end

  pg_restore --list "$partial" >/dev/null || die "pg_restore --list cannot read the new dump; nothing was kept"
  local sha size
  sha="$(sha256sum -- "$partial")"
  sha="${sha%% *}"
  size="$(stat -c %s -- "$partial")"
  printf '%s  %s\n' "$sha" "$name" >"$checksum_partial"
  publish "$checksum_partial" "$dump.sha256"
  publish "$manifest_partial" "$dump.manifest"
  publish "$partial" "$dump"

  local tables rows schema
  tables="$(grep -c '^rows ' "$dump.manifest" || true)"
  rows="$(awk '/^rows / { n += $NF } END { print n + 0 }' "$dump.manifest")"
  schema="$(awk '/^schema / { printf "%s%s %s", sep, $2, $3; sep = ", " }' "$dump.manifest")"
  REMOVED=0
  [[ -z "$keep" ]] || prune "$dir" "$prefix" "$keep"
  printf 'backup ok: %s (%s bytes, %s tables, %s rows, schema %s, sha256 %s)%s\n' \
    "$dump" "$size" "$tables" "$rows" "${schema:-none}" "$sha" \
    "$([[ -z "$keep" ]] || printf '; kept the newest %s, removed %s' "$keep" "$REMOVED")"
}

# Run unless sourced: restore.sh sources this file for its helpers.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
