#!/usr/bin/env bash
# Benchmark: realtime fan-out. OComms' /api/ws (chat plugin) against a Socket.IO
# 4.8 server doing the same work (tests/bench/reference), driven by the same
# native load generator (ocomms_realtime_loadgen). Records figures only; it
# never fails on timings.
#
# Usage: tests/bench/realtime.sh [BUILD_DIR]
#        (default: build under the repository). Uses BUILD_DIR/ocomms, the
#        plugins beside it and BUILD_DIR/tests/bench/realtime/ocomms_realtime_loadgen;
#        builds nothing.
#
# For each target and connection count, a fresh server is started pinned to
# CPU 0 and the generator runs pinned to CPU 1, twice:
#   idle: opens the connections, subscribes them (BENCH_PER_CHANNEL to a
#         channel), holds them BENCH_IDLE s; the server's VmRSS before and after
#         gives its memory per idle connection;
#   load: opens and subscribes them again; BENCH_SENDERS of them send
#         BENCH_RATE messages/s each (the send time is in the text), BENCH_WARMUP
#         s unmeasured, then BENCH_DURATION s measured: deliveries per second,
#         send-to-deliver latency, and the server's CPU time (utime+stime from
#         /proc/PID/stat, all threads) over exactly that interval.
# Prints a Markdown table on stdout; progress goes to stderr.
#
# Environment:
#   BENCH_TARGETS        servers to measure (default "socketio ocomms floor"; ocomms
#                        is skipped with a warning while no chat plugin is built).
#                        "floor" is ocomms_write_floor: a process that only writes a
#                        ready-made frame per delivery with the same fan-out and
#                        rate, the bound on any server that writes each delivery
#                        separately
#   BENCH_SIZES          connection counts (default "1000 10000")
#   BENCH_PER_CHANNEL    subscribers per channel (default 100)
#   BENCH_SENDERS        sending connections (default 10)
#   BENCH_RATE           messages per second per sender (default 20)
#   BENCH_WARMUP         seconds of load before the measured interval (default 3)
#   BENCH_DURATION       measured seconds (default 10)
#   BENCH_IDLE           seconds the idle connections are held (default 5)
#   BENCH_SERVER_CPU     CPU list for the servers (default 0)
#   BENCH_CLIENT_CPU     CPU list for the generator (default 1)
#   BENCH_REFERENCE_DIR  where the Socket.IO reference is installed with npm ci
#                        (default BUILD_DIR/bench-reference)
#   BENCH_KEEP_TMP=1     keep the temporary folder (configs, logs, JSON lines)
set -euo pipefail

# shellcheck source=/dev/null # checked on its own
. "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

BENCH_TMP=""
SERVER_PID=""
LOADGEN_PID=""

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$LOADGEN_PID"
  stop_pid "$SERVER_PID"
  remove_tmp_dir "$BENCH_TMP"
  exit "$rc"
}

# json_field LINE KEY : the value of KEY in the generator's flat JSON line, or "-".
json_field() {
  local value
  value="$(grep -o "\"$2\":[^,}]*" <<<"$1" | head -n 1 || true)"
  value="${value#*:}"
  value="${value//\"/}"
  printf '%s\n' "${value:--}"
}

# install_reference DIR : the Socket.IO reference with its locked packages,
# installed again only when the lock file changed.
install_reference() {
  local dir="$1" src="$OCOMMS_ROOT/tests/bench/reference"
  mkdir -p "$dir"
  cp "$src/server.js" "$dir/server.js"
  if cmp -s "$src/package-lock.json" "$dir/package-lock.json" && [[ -d "$dir/node_modules/socket.io" ]]; then
    return 0
  fi
  cp "$src/package.json" "$src/package-lock.json" "$dir/"
  log "installing the Socket.IO reference in $dir (npm ci)"
  npm ci --prefix "$dir" --no-audit --no-fund >&2
}

# start_socketio PORT : the reference server on SERVER_CPUS; sets SERVER_PID.
start_socketio() {
  local port="$1" logfile="$BENCH_TMP/socketio-$1.log"
  (cd "$REFERENCE_DIR" && with_cpus "$SERVER_CPUS" node server.js "$port") >"$logfile" 2>&1 &
  SERVER_PID=$!
  wait_log_line "^listening $port\$" "$SERVER_PID" "$logfile" "the Socket.IO reference"
}

# start_ocomms PORT : `ocomms serve` on a fresh SQLite database with the chat
# plugin, on SERVER_CPUS; sets SERVER_PID.
start_ocomms() {
  local port="$1" dir="$BENCH_TMP/ocomms-$1"
  mkdir -p "$dir"
  cat >"$dir/ocomms.yaml" <<YAML
data_dir: "$dir/data"
server:
  listen: "127.0.0.1:$port"
  public_url: "http://127.0.0.1:$port"
database:
  url: "sqlite:$dir/ocomms.db"
redis:
  url: ""
logging:
  access_log: false
plugins:
  - name: health
  - name: chat
YAML
  (cd "$OCOMMS_ROOT" && with_cpus "$SERVER_CPUS" "$OCOMMS_BIN" serve --config "$dir/ocomms.yaml") \
    >"$dir/server.log" 2>&1 &
  SERVER_PID=$!
  wait_http "http://127.0.0.1:$port/api/health/live" "$SERVER_PID" "$dir/server.log" OComms
}

# run_loadgen NAME ARGS... : the generator on CLIENT_CPUS; its JSON line goes to
# BENCH_TMP/NAME.json. Waited for in this shell (not in a command substitution)
# so that a signal reaches our trap at once.
run_loadgen() {
  local name="$1" out="$BENCH_TMP/$1.json" st=0
  shift
  log "loadgen $name: $*"
  (with_cpus "$CLIENT_CPUS" "$LOADGEN_BIN" "$@") >"$out" 2> >(sed 's/^/    /' >&2) &
  LOADGEN_PID=$!
  wait "$LOADGEN_PID" || st=$?
  LOADGEN_PID=""
  ((st == 0)) || die "the load generator failed ($name, status $st)"
  kill -0 "$SERVER_PID" 2>/dev/null || die "the server under test exited during $name"
  sed 's/^/    /' "$out" >&2
}

# measure_floor SIZE : ocomms_write_floor's writer on SERVER_CPUS and reader on
# CLIENT_CPUS with this run's fan-out and rate; appends a row to RESULTS.
measure_floor() {
  local size="$1" port out="$BENCH_TMP/floor-$1.json" line
  port="$(free_port)"
  log "write floor: $size connections"
  (with_cpus "$SERVER_CPUS" "$FLOOR_BIN" --listen "$port" --connections "$size" --per-channel "$PER_CHANNEL" \
    --senders "$SENDERS" --rate "$RATE" --warmup "$WARMUP" --duration "$DURATION") >"$out" 2>&1 &
  SERVER_PID=$!
  wait_log_line "^listening $port\$" "$SERVER_PID" "$out" "ocomms_write_floor"
  (with_cpus "$CLIENT_CPUS" "$FLOOR_BIN" --connect "$port" --connections "$size") &
  LOADGEN_PID=$!
  wait "$SERVER_PID" || die "ocomms_write_floor's writer failed (output: $out)"
  SERVER_PID=""
  wait "$LOADGEN_PID" || die "ocomms_write_floor's reader failed"
  LOADGEN_PID=""
  line="$(tail -n 1 "$out")"
  printf '    %s\n' "$line" >&2
  RESULTS+=("floor $size - $(json_field "$line" delivered_per_writer_cpu_s) - - $(json_field "$line" writer_cpu_s) - 0")
}

# measure TARGET SIZE : one fresh server, an idle run and a load run; appends
# a row to RESULTS.
RESULTS=()
measure() {
  local target="$1" size="$2" port idle load
  if [[ "$target" == floor ]]; then
    measure_floor "$size"
    return
  fi
  port="$(free_port)"
  "start_$target" "$port"
  local -a common=(--protocol "$target" --port "$port" --server-pid "$SERVER_PID"
    --connections "$size" --channels $(((size + PER_CHANNEL - 1) / PER_CHANNEL)))
  run_loadgen "$target-$size-idle" "${common[@]}" --idle "$IDLE"
  run_loadgen "$target-$size-load" "${common[@]}" --senders "$SENDERS" --rate "$RATE" \
    --warmup "$WARMUP" --duration "$DURATION"
  stop_pid "$SERVER_PID"
  SERVER_PID=""
  idle="$(tail -n 1 "$BENCH_TMP/$target-$size-idle.json")"
  load="$(tail -n 1 "$BENCH_TMP/$target-$size-load.json")"
  local errors
  errors=$(($(json_field "$idle" errors) + $(json_field "$load" errors)))
  # target size delivered/s delivered/cpu-s p50 p99 cpu-s rss/conn errors
  RESULTS+=("$target $size $(json_field "$load" delivered_per_s) $(json_field "$load" delivered_per_server_cpu_s) \
$(json_field "$load" latency_p50_us) $(json_field "$load" latency_p99_us) $(json_field "$load" server_cpu_s) \
$(json_field "$idle" server_rss_per_connection_kib) $errors")
}

print_table() {
  printf '%s\n' "${RESULTS[@]}" | awk '
    function commas(x, decimals,   s, head, tail, dot) {
      s = sprintf("%." decimals "f", x); dot = index(s, ".")
      head = dot ? substr(s, 1, dot - 1) : s; tail = dot ? substr(s, dot) : ""
      while (length(head) > 3) { tail = "," substr(head, length(head) - 2) tail; head = substr(head, 1, length(head) - 3) }
      return head tail
    }
    function ratio(a, b) { return (a != "-" && b != "-" && a > 0 && b > 0) ? sprintf("%.2f", a / b) : "n/a" }
    function latency(us) {
      if (us == "-") return "n/a"
      return us < 1000 ? sprintf("%d µs", us) : sprintf("%s ms", commas(us / 1000, 1))
    }
    {
      n++; t[n] = $1; size[n] = $2; rate[n] = $3; per[n] = $4; p50[n] = $5; p99[n] = $6; cpu[n] = $7; rss[n] = $8; err[n] = $9
      if ($1 == "socketio") s[$2] = n
    }
    END {
      name["ocomms"] = "OComms"; name["socketio"] = "Socket.IO"; name["floor"] = "write(2) floor"
      print "| server | connections | delivered msg/s | delivered per server CPU-s | p50 latency | p99 latency | server CPU-s | RSS per idle connection | errors |"
      print "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
      for (i = 1; i <= n; i++) {
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %d |\n", name[t[i]],
          commas(size[i], 0), (rate[i] == "-" ? "n/a" : commas(rate[i], 0)), (per[i] == "-" ? "n/a" : commas(per[i], 0)),
          latency(p50[i]), latency(p99[i]), (cpu[i] == "-" ? "n/a" : sprintf("%.2f", cpu[i])),
          (rss[i] == "-" ? "n/a" : sprintf("%.1f KiB", rss[i])), err[i]
      }
      for (i = 1; i <= n; i++) {
        if (t[i] == "floor" || !(size[i] in s)) continue
        if (t[i] == "ocomms") {
          r = s[size[i]]
          printf "| OComms / Socket.IO | %s | %s | %s | | | | %s | |\n", commas(size[i], 0), ratio(rate[i], rate[r]),
            ratio(per[i], per[r]), ratio(rss[i], rss[r])
        }
      }
      for (i = 1; i <= n; i++) {
        if (t[i] != "floor" || !(size[i] in s)) continue
        printf "| write(2) floor / Socket.IO | %s | | %s | | | | | |\n", commas(size[i], 0), ratio(per[i], per[s[size[i]]])
      }
    }'
}

main() {
  case "${1:-}" in
    -h | --help)
      print_usage "${BASH_SOURCE[0]}"
      return 0
      ;;
  esac
  local build_dir="${1:-$OCOMMS_ROOT/build}"
  [[ -d "$build_dir" ]] || die "build folder not found: $build_dir (build it first: scripts/lib/build.sh)"
  build_dir="$(cd -- "$build_dir" && pwd -P)"
  OCOMMS_BIN="$build_dir/ocomms"
  LOADGEN_BIN="$build_dir/tests/bench/realtime/ocomms_realtime_loadgen"
  REFERENCE_DIR="${BENCH_REFERENCE_DIR:-$build_dir/bench-reference}"
  [[ -x "$LOADGEN_BIN" ]] || die "load generator not found: $LOADGEN_BIN (cmake --build $build_dir --target ocomms_realtime_loadgen)"

  local sizes="${BENCH_SIZES:-1000 10000}" targets="${BENCH_TARGETS:-socketio ocomms floor}" target size largest=0
  PER_CHANNEL="${BENCH_PER_CHANNEL:-100}"
  SENDERS="${BENCH_SENDERS:-10}"
  RATE="${BENCH_RATE:-20}"
  WARMUP="${BENCH_WARMUP:-3}"
  DURATION="${BENCH_DURATION:-10}"
  IDLE="${BENCH_IDLE:-5}"
  for size in $sizes; do ((size > largest)) && largest=$size; done

  local -a wanted=()
  for target in $targets; do
    case "$target" in
      socketio)
        need_cmd node npm
        wanted+=(socketio)
        ;;
      ocomms)
        [[ -x "$OCOMMS_BIN" ]] || die "OComms binary not found: $OCOMMS_BIN"
        if [[ ! -f "$build_dir/plugins/chat.so" ]]; then
          [[ -z "${BENCH_TARGETS:-}" ]] || die "no chat plugin in $build_dir/plugins: OComms has no chat to measure"
          log "warning: no chat plugin in $build_dir/plugins: skipping OComms"
          continue
        fi
        need_cmd curl
        wanted+=(ocomms)
        ;;
      floor)
        FLOOR_BIN="$build_dir/tests/bench/realtime/ocomms_write_floor"
        [[ -x "$FLOOR_BIN" ]] || die "not found: $FLOOR_BIN (cmake --build $build_dir --target ocomms_write_floor)"
        wanted+=(floor)
        ;;
      *) die "BENCH_TARGETS: unknown target '$target' (expected socketio, ocomms or floor)" ;;
    esac
  done
  ((${#wanted[@]} > 0)) || die "nothing to measure"

  # Each server and the generator hold one descriptor per connection.
  ulimit -n "$(ulimit -Hn)"
  local limit
  limit="$(ulimit -n)"
  [[ "$limit" == unlimited ]] || ((limit >= largest + 100)) ||
    die "BENCH_SIZES: $largest connections need about $((largest + 100)) descriptors per process; the hard limit is $limit"

  choose_cpus
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  BENCH_TMP="$(mktemp -d "${TMPDIR:-/tmp}/ocomms-bench-realtime.XXXXXX")"
  [[ " ${wanted[*]} " != *" socketio "* ]] || install_reference "$REFERENCE_DIR"

  for size in $sizes; do
    for target in "${wanted[@]}"; do
      measure "$target" "$size"
    done
  done

  printf '\n## Realtime fan-out: OComms /api/ws against Socket.IO %s\n\n' \
    "$(node -p 'require(process.argv[1]).version' "$REFERENCE_DIR/node_modules/socket.io/package.json" 2>/dev/null || echo 4.8)"
  machine_line
  printf -- '- %s subscribers per channel; load: %s senders x %s messages/s (fan-out to every subscriber of the sender'"'"'s channel), %ss warm-up, %ss measured; idle: %ss\n' \
    "$PER_CHANNEL" "$SENDERS" "$RATE" "$WARMUP" "$DURATION" "$IDLE"
  printf -- '- servers on CPU %s, ocomms_realtime_loadgen on CPU %s; Node %s\n\n' "${SERVER_CPUS:-any}" \
    "${CLIENT_CPUS:-any}" "$(node --version 2>/dev/null || echo -)"
  print_table
}

main "$@"
