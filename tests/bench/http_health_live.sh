#!/usr/bin/env bash
# Benchmark: OComms GET /api/health/live against Debian's nginx returning a
# fixed "ok", both on loopback, measured with wrk. Records figures only; it
# never fails on timings.
#
# Usage: tests/bench/http_health_live.sh [PATH_TO_OCOMMS_BINARY]
#        (default: build/ocomms under the repository)
#
# Both servers are pinned to CPU 0 and wrk to CPU 1 (when the machine has at
# least 2 CPUs). Each server's CPU time (utime+stime from /proc/PID/stat,
# summed over the process and its direct children, i.e. nginx master+worker)
# is read before and after each run. Prints a Markdown table on stdout.
#
# Environment:
#   BENCH_DURATION     wrk duration per target (default: 10s)
#   BENCH_WARMUP       warm-up wrk run before each target, not measured
#                      (default: 2s; 0 to skip)
#   BENCH_THREADS      wrk threads (default: 2)
#   BENCH_CONNECTIONS  wrk connections (default: 64)
#   BENCH_SERVER_CPU   CPU list for the servers (default: 0)
#   BENCH_CLIENT_CPU   CPU list for wrk (default: 1)
#   BENCH_KEEP_TMP=1   keep the temporary folder (configs, logs)
#   OCOMMS_TEST_NGINX  nginx binary (default: nginx on PATH or /usr/sbin/nginx)
set -euo pipefail

# shellcheck source=/dev/null # checked on its own
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

BENCH_TMP=""
OCOMMS_PID=""
NGINX_PID=""
WRK_PID=""

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$WRK_PID"
  stop_pid "$OCOMMS_PID"
  stop_pid "$NGINX_PID"
  remove_tmp_dir "$BENCH_TMP"
  exit "$rc"
}

# cpu_ticks PID : utime+stime (clock ticks) of PID and its direct children.
cpu_ticks() {
  local pid="$1" total=0 p stat
  local -a pids fields
  mapfile -t pids < <(ps --ppid "$pid" -o pid= 2>/dev/null || true)
  for p in "$pid" "${pids[@]}"; do
    p="${p//[[:space:]]/}"
    [[ -n "$p" ]] || continue
    stat="$(cat "/proc/$p/stat" 2>/dev/null)" || continue
    # Fields after "pid (comm) ": state=0 ... utime=11 stime=12.
    read -r -a fields <<<"${stat##*) }"
    total=$((total + fields[11] + fields[12]))
  done
  printf '%s\n' "$total"
}

# run_wrk NAME URL PID : warm up, measure, append a result line to RESULTS.
RESULTS=()
run_wrk() {
  local name="$1" url="$2" pid="$3" out before after
  local -a wrk_cmd=(wrk -t "$THREADS" -c "$CONNECTIONS" --latency)
  if [[ "$WARMUP" != 0 && "$WARMUP" != 0s ]]; then
    log "warming up $name ($WARMUP)"
    (with_cpus "$CLIENT_CPUS" "${wrk_cmd[@]}" -d "$WARMUP" "$url") >/dev/null 2>&1 &
    WRK_PID=$!
    wait "$WRK_PID" || true
    WRK_PID=""
  fi
  log "measuring $name: $url ($DURATION)"
  out="$BENCH_TMP/wrk-$name.txt"
  before="$(cpu_ticks "$pid")"
  # In the background so that a signal reaches our trap at once.
  (with_cpus "$CLIENT_CPUS" "${wrk_cmd[@]}" -d "$DURATION" "$url") >"$out" 2>&1 &
  WRK_PID=$!
  wait "$WRK_PID" || true
  WRK_PID=""
  after="$(cpu_ticks "$pid")"
  sed 's/^/    /' "$out" >&2

  # name rps requests p50 p99 cpu_seconds errors
  RESULTS+=("$(awk -v name="$name" -v ticks=$((after - before)) -v hz="$CLK_TCK" '
    /^Requests\/sec:/ { rps = $2 }
    / requests in / { reqs = $1 }
    $1 == "50%" { p50 = $2 }
    $1 == "99%" { p99 = $2 }
    /^ *Socket errors:/ { gsub(/,/, ""); errs += $4 + $6 + $8 + $10 }
    /^ *Non-2xx or 3xx responses:/ { errs += $NF }
    END {
      if (rps == "") { rps = "-"; reqs = "-" }
      printf "%s %s %s %s %s %.2f %d\n", name, rps, reqs, (p50 == "" ? "-" : p50),
        (p99 == "" ? "-" : p99), ticks / hz, errs
    }' "$out")")
}

print_table() {
  printf '%s\n' "${RESULTS[@]}" | awk '
    function rate(reqs, cpu) { return (cpu > 0 && reqs ~ /^[0-9]+$/) ? reqs / cpu : -1 }
    function fmt(x) { return x < 0 ? "n/a" : sprintf("%.0f", x) }
    function ratio(a, b) { return (a > 0 && b > 0) ? sprintf("%.3f", a / b) : "n/a" }
    {
      n++; name[n] = $1; rps[n] = ($2 == "-" ? -1 : $2 + 0); p50[n] = $4; p99[n] = $5
      cpu[n] = $6; per[n] = rate($3, $6); err[n] = $7
      if ($1 == "ocomms") o = n
      if ($1 == "nginx") g = n
    }
    END {
      print "| target | requests/s | p50 latency | p99 latency | server CPU-s | requests per server CPU-s | errors |"
      print "|---|---:|---:|---:|---:|---:|---:|"
      for (i = 1; i <= n; i++)
        printf "| %s | %s | %s | %s | %.2f | %s | %d |\n", name[i], fmt(rps[i]), p50[i], p99[i], cpu[i], fmt(per[i]), err[i]
      if (o && g)
        printf "| OComms / nginx | %s | | | | %s | |\n", ratio(rps[o], rps[g]), ratio(per[o], per[g])
    }'
}

main() {
  case "${1:-}" in
    -h | --help)
      print_usage "${BASH_SOURCE[0]}"
      return 0
      ;;
  esac

  local bin="${1:-$OCOMMS_ROOT/build/ocomms}"
  [[ -f "$bin" ]] || die "OComms binary not found: $bin (build it first: scripts/lib/build.sh)"
  [[ -x "$bin" ]] || die "OComms binary is not executable: $bin"
  bin="$(cd -- "$(dirname -- "$bin")" && pwd -P)/$(basename -- "$bin")"

  local nginx="${OCOMMS_TEST_NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
  [[ -x "$nginx" ]] || die "nginx not found ($nginx); run scripts/lib/install-deps.sh test"
  need_cmd wrk curl awk ps

  DURATION="${BENCH_DURATION:-10s}"
  if [[ "$DURATION" =~ ^[0-9]+$ ]]; then DURATION="${DURATION}s"; fi
  WARMUP="${BENCH_WARMUP:-2s}"
  if [[ "$WARMUP" =~ ^[0-9]+$ ]]; then WARMUP="${WARMUP}s"; fi
  THREADS="${BENCH_THREADS:-2}"
  CONNECTIONS="${BENCH_CONNECTIONS:-64}"
  CLK_TCK="$(getconf CLK_TCK)"
  choose_cpus
  # shellcheck disable=SC2153 # set by choose_cpus (lib.sh)
  local server_cpus="$SERVER_CPUS"

  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  BENCH_TMP="$(mktemp -d "${TMPDIR:-/tmp}/ocomms-bench.XXXXXX")"

  # --- OComms ---------------------------------------------------------------
  local ocomms_port nginx_port cfg="$BENCH_TMP/ocomms.yaml"
  ocomms_port="$(free_port)"
  cat >"$cfg" <<EOF
server:
  listen: 127.0.0.1:$ocomms_port
database:
  url: sqlite:$BENCH_TMP/bench.db
plugins:
  - name: health
EOF
  log "starting OComms ($bin) on 127.0.0.1:$ocomms_port"
  (cd "$OCOMMS_ROOT" && with_cpus "$server_cpus" "$bin" serve --config "$cfg") \
    >"$BENCH_TMP/ocomms.log" 2>&1 &
  OCOMMS_PID=$!
  local ocomms_url="http://127.0.0.1:$ocomms_port/api/health/live"
  wait_http "$ocomms_url" "$OCOMMS_PID" "$BENCH_TMP/ocomms.log" OComms

  # --- nginx ----------------------------------------------------------------
  nginx_port="$(free_port)"
  while [[ "$nginx_port" == "$ocomms_port" ]]; do nginx_port="$(free_port)"; done
  local ngx="$BENCH_TMP/nginx" user_line=""
  mkdir -p "$ngx"
  if is_root; then user_line="user root;"; fi
  cat >"$ngx/nginx.conf" <<EOF
$user_line
worker_processes 1;
daemon off;
pid $ngx/nginx.pid;
error_log $ngx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $ngx/client_body;
  proxy_temp_path $ngx/proxy;
  fastcgi_temp_path $ngx/fastcgi;
  uwsgi_temp_path $ngx/uwsgi;
  scgi_temp_path $ngx/scgi;
  default_type text/plain;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$nginx_port;
    location / { return 200 "ok"; }
  }
}
EOF
  log "starting nginx ($nginx) on 127.0.0.1:$nginx_port"
  (with_cpus "$server_cpus" "$nginx" -p "$ngx/" -c "$ngx/nginx.conf" -e "$ngx/error.log") \
    >"$ngx/stdout.log" 2>&1 &
  NGINX_PID=$!
  local nginx_url="http://127.0.0.1:$nginx_port/"
  wait_http "$nginx_url" "$NGINX_PID" "$ngx/error.log" nginx

  # --- runs -----------------------------------------------------------------
  run_wrk ocomms "$ocomms_url" "$OCOMMS_PID"
  run_wrk nginx "$nginx_url" "$NGINX_PID"

  # shellcheck disable=SC2016 # literal backticks: Markdown code span
  printf '\n## GET /api/health/live: OComms vs nginx `return 200 "ok"`\n\n'
  machine_line
  printf -- '- wrk -t%s -c%s -d%s --latency (warm-up %s); servers on CPU %s, wrk on CPU %s\n' \
    "$THREADS" "$CONNECTIONS" "$DURATION" "$WARMUP" "${server_cpus:-any}" "${CLIENT_CPUS:-any}"
  printf -- '- OComms: %s; nginx: %s (1 worker)\n\n' "$bin" "$("$nginx" -v 2>&1 | sed 's/^nginx version: //')"
  print_table
}

main "$@"
