# shellcheck shell=bash
# Helpers the benchmark scripts share, with scripts/lib/common.sh. Source it:
#   . "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"
#
# Provides: print_usage, remove_tmp_dir, stop_pid, wait_http, wait_log_line, with_cpus, choose_cpus
# (sets SERVER_CPUS and CLIENT_CPUS), machine_line.

# shellcheck source=/dev/null # checked on its own
. "$(dirname -- "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"

# print_usage SCRIPT : the comment block at the top of SCRIPT, after the #! line.
print_usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$1"
}

# remove_tmp_dir DIR : remove a run's temporary folder, or keep it (and say
# where) when BENCH_KEEP_TMP=1.
remove_tmp_dir() {
  local dir="$1"
  [[ -n "$dir" && -d "$dir" ]] || return 0
  if [[ "${BENCH_KEEP_TMP:-0}" == 1 ]]; then
    log "kept $dir"
  else
    rm -rf -- "$dir"
  fi
}

# stop_pid PID : TERM, wait up to 5 s, then KILL.
stop_pid() {
  local pid="$1" i
  [[ -n "$pid" ]] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# exited_during_startup PID LOG NAME : fail with the exit status and the end of LOG.
exited_during_startup() {
  local pid="$1" logfile="$2" name="$3" st=0
  wait "$pid" 2>/dev/null || st=$?
  tail -n 40 "$logfile" >&2 || true
  die "$name exited during start-up with status $st (its last output, if any, is above)"
}

# wait_http URL PID LOG NAME : wait up to 30 s for a 2xx answer from URL
# while PID is alive.
wait_http() {
  local url="$1" pid="$2" logfile="$3" name="$4" code deadline=$((SECONDS + 30))
  while :; do
    kill -0 "$pid" 2>/dev/null || exited_during_startup "$pid" "$logfile" "$name"
    code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" || true)"
    [[ "$code" == 2?? ]] && return 0
    if ((SECONDS >= deadline)); then
      tail -n 40 "$logfile" >&2 || true
      die "$name did not answer 2xx at $url within 30 s (last HTTP status: ${code:-none}; its last output is above)"
    fi
    sleep 0.2
  done
}

# wait_log_line PATTERN PID LOG NAME : wait up to 30 s for a line matching
# PATTERN (grep -E) in LOG while PID is alive.
wait_log_line() {
  local pattern="$1" pid="$2" logfile="$3" name="$4" deadline=$((SECONDS + 30))
  until grep -Eq -- "$pattern" "$logfile" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || exited_during_startup "$pid" "$logfile" "$name"
    ((SECONDS < deadline)) || die "$name did not print '$pattern' within 30 s (log: $logfile)"
    sleep 0.1
  done
}

# with_cpus CPULIST CMD... : run CMD pinned to CPULIST when pinning is on.
with_cpus() {
  local cpus="$1"
  shift
  if [[ -n "$cpus" ]]; then
    exec taskset -c "$cpus" "$@"
  else
    exec "$@"
  fi
}

# choose_cpus : SERVER_CPUS (default 0) and CLIENT_CPUS (default 1), from
# BENCH_SERVER_CPU and BENCH_CLIENT_CPU; both empty (no pinning) on one CPU or
# without taskset.
# shellcheck disable=SC2034 # read by the scripts that source this file
choose_cpus() {
  SERVER_CPUS=""
  CLIENT_CPUS=""
  if (($(nproc) >= 2)) && command -v taskset >/dev/null 2>&1; then
    SERVER_CPUS="${BENCH_SERVER_CPU:-0}"
    CLIENT_CPUS="${BENCH_CLIENT_CPU:-1}"
  else
    log "warning: $(nproc) CPU(s) or no taskset: servers and load generators are not pinned"
  fi
}

# machine_line : "- <date>, <n> CPU(s): <model>; kernel <version>" for a
# results header.
machine_line() {
  local cpu_model
  cpu_model="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
  printf -- '- %s, %s CPU(s): %s; kernel %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(nproc)" \
    "${cpu_model:-unknown CPU}" "$(uname -r)"
}
