#!/usr/bin/env bash
# Restore an OComms PostgreSQL backup made by backup.sh or the backup-trigger plugin, and check the result.
#
# Usage: restore.sh [--yes] FILE
#        restore.sh --help
#
# FILE is a pg_dump -Fc dump with FILE.sha256 and FILE.manifest beside it. In order:
#   1. checks FILE against FILE.sha256 and reads it with pg_restore --list; a file that fails either is
#      refused before anything in the database changes;
#   2. asks for confirmation on the terminal (type the database's name); --yes skips the question.
#      Without --yes and without a terminal it refuses (exit 2) rather than restore unasked;
#   3. ends every other connection to the database (stop the app first: `docker compose stop app`,
#      or it reconnects at once);
#   4. restores with pg_restore --clean --if-exists --single-transaction: all of it or nothing;
#   5. checks that the schema versions and every table's row count match FILE.manifest, and exits 1
#      naming each difference if not.
#
# Connects like psql: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (default: the database named in the
# manifest; in the compose database container POSTGRES_USER and POSTGRES_DB stand in). backup.sh must be
# in the same folder: this script uses its helpers, and its description of a database for step 5.
#
# Exit status: 0 restored and checked, 1 failed (or the check found differences), 2 refused or wrong usage.
set -euo pipefail

PROGRAM=restore.sh # read by backup.sh's helpers
# shellcheck source-path=SCRIPTDIR source=backup.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/backup.sh"

# verify_file FILE : the checksum and pg_restore --list, before anything changes.
verify_file() {
  local file="$1" name expected actual
  name="$(basename -- "$file")"
  [[ -f "$file" ]] || refuse "no file $file"
  [[ -f "$file.sha256" ]] || refuse "no checksum file $file.sha256: cannot tell whether $name is intact"
  [[ -f "$file.manifest" ]] || refuse "no manifest $file.manifest: cannot check the restore afterwards"
  read -r expected _ <"$file.sha256" || true
  [[ "$expected" =~ ^[0-9a-f]{64}$ ]] || refuse "$file.sha256 is not in sha256sum format"
  actual="$(sha256sum -- "$file")"
  actual="${actual%% *}"
  if [[ "$actual" != "$expected" ]]; then
    refuse "$name is damaged: its sha256 is $actual, but $name.sha256 says $expected; nothing was restored"
  fi
  head -n 1 -- "$file.manifest" | grep -qx 'ocomms-backup-manifest 1' ||
    refuse "$file.manifest is not an OComms backup manifest (version 1)"
  pg_restore --list "$file" >/dev/null || refuse "pg_restore cannot read $name; nothing was restored"
}

# confirm DATABASE : the operator types the database's name, or --yes was given.
confirm() {
  local database="$1" answer
  if [[ ! -t 0 ]]; then
    refuse "not asking without a terminal: pass --yes to restore into '$database' without confirmation"
  fi
  printf 'This replaces the contents of database "%s" on %s with the backup.\n' "$database" \
    "${PGHOST:-the local socket}" >&2
  printf 'Type the database name to go on: ' >&2
  read -r answer || answer=""
  [[ "$answer" == "$database" ]] || refuse "not confirmed; nothing was restored"
}

# check_against MANIFEST : exit 1 naming every schema version and row count that differs. A line is
# "schema OWNER VERSION" or "rows TABLE COUNT"; the value is its last word.
check_against() {
  local manifest="$1" actual differences
  actual="$(describe)" || die "cannot describe the restored database"
  differences="$(awk '
    NF == 0 || !/^(schema|rows) / { next }
    { key = $0; sub(/ [^ ]*$/, "", key) }
    NR == FNR { want[key] = $NF; next }
    { have[key] = $NF }
    END {
      for (k in want) {
        if (!(k in have)) printf "%s: the backup recorded %s, the database has none\n", k, want[k]
        else if (have[k] != want[k]) printf "%s: the backup recorded %s, the database has %s\n", k, want[k], have[k]
      }
      for (k in have) if (!(k in want)) {
        if (k ~ /^schema /) printf "%s: not in the backup, the database has %s\n", k, have[k]
        else printf "restore.sh: note: %s is not in the backup and was left as it was\n", k > "/dev/stderr"
      }
    }' "$manifest" <(printf '%s\n' "$actual") | LC_ALL=C sort)"
  if [[ -n "$differences" ]]; then
    printf 'restore.sh: the restored database differs from the backup:\n%s\n' "$differences" >&2
    exit 1
  fi
}

main() {
  local yes=0 file=""
  while (($# > 0)); do
    case "$1" in
      -h | --help)
        usage
        return 0
        ;;
      -y | --yes)
        yes=1
        shift
        ;;
      -*) refuse "unknown option $1 (see --help)" ;;
      *)
        [[ -z "$file" ]] || refuse "only one file, please (see --help)"
        file="$1"
        shift
        ;;
    esac
  done
  [[ -n "$file" ]] || refuse "which backup? (see --help)"
  need psql pg_restore sha256sum

  verify_file "$file"
  use_container_defaults
  local recorded
  recorded="$(awk '$1 == "database" { print substr($0, 10); exit }' "$file.manifest")"
  export PGDATABASE="${PGDATABASE:-$recorded}"
  [[ -n "$PGDATABASE" ]] || refuse "no database named in PGDATABASE or the manifest"

  ((yes)) || confirm "$PGDATABASE"

  local ended
  ended="$(sql "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
               WHERE datname = current_database() AND pid <> pg_backend_pid()")" ||
    die "cannot connect to database $PGDATABASE"
  printf 'restore.sh: ended %s other connection(s) to %s\n' "$ended" "$PGDATABASE" >&2

  pg_restore --no-password --clean --if-exists --single-transaction --dbname="$PGDATABASE" "$file" ||
    die "pg_restore failed; the single transaction was rolled back, so the database is as it was"

  check_against "$file.manifest"
  local tables rows
  tables="$(grep -c '^rows ' "$file.manifest" || true)"
  rows="$(awk '/^rows / { n += $NF } END { print n + 0 }' "$file.manifest")"
  printf 'restore ok: %s into database %s (%s tables, %s rows, schema versions and row counts match)\n' \
    "$file" "$PGDATABASE" "$tables" "$rows"
}

main "$@"
