# shellcheck shell=bash
# Shared helpers for the OComms scripts. Source it, do not execute it:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
#
# Provides: log, die, need_cmd, as_root, repo_root, free_port, and the
# variable OCOMMS_ROOT (absolute path of the repository root).

if [[ -n "${OCOMMS_COMMON_SH_LOADED:-}" ]]; then
  return 0
fi
OCOMMS_COMMON_SH_LOADED=1

# log MESSAGE... : print "[ocomms] MESSAGE" to stderr.
log() {
  printf '[ocomms] %s\n' "$*" >&2
}

# die MESSAGE... : log an error and exit with status 1.
die() {
  log "error: $*"
  exit 1
}

# need_cmd CMD... : fail unless every CMD is on PATH.
need_cmd() {
  local c
  for c in "$@"; do
    command -v "$c" >/dev/null 2>&1 || die "required command not found: $c"
  done
}

# is_root : true when the effective uid is 0.
is_root() {
  [[ "$(id -u)" -eq 0 ]]
}

# as_root CMD [ARGS...] : run CMD directly when uid 0, otherwise via sudo.
as_root() {
  if is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -- "$@"
  else
    die "need root privileges for '$*' but not root and sudo is not installed"
  fi
}

# repo_root : print the absolute path of the folder above scripts/.
repo_root() {
  (cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)
}

OCOMMS_ROOT="${OCOMMS_ROOT:-$(repo_root)}"

# _tcp_ports_in_use : print the local port (decimal) of every TCP socket on
# the machine, in any state, read from /proc/net/tcp{,6} (pure bash).
_tcp_ports_in_use() {
  local f local_addr
  for f in /proc/net/tcp /proc/net/tcp6; do
    [[ -r "$f" ]] || continue
    {
      read -r _ || true # header
      while read -r _ local_addr _; do
        printf '%d\n' "0x${local_addr##*:}"
      done
    } <"$f"
  done
  return 0
}

# free_port : print a TCP port that is currently free on 127.0.0.1.
# Picks random candidates below the kernel's ephemeral range (so outgoing
# connections do not steal it later) and skips ports used by any socket.
# Another process can still take the port before the caller binds it;
# callers should bind soon after.
free_port() {
  local lo=20000 hi=32767 eph_lo=32768 eph_hi=60999 used port tries
  if [[ -r /proc/sys/net/ipv4/ip_local_port_range ]]; then
    read -r eph_lo eph_hi </proc/sys/net/ipv4/ip_local_port_range || true
  fi
  if ((eph_lo > 11000)); then
    lo=10000
    hi=$((eph_lo - 1))
    if ((hi > 32767)); then hi=32767; fi
    if ((lo > hi - 1000)); then lo=1024; fi
  elif ((eph_hi < 64000)); then
    lo=$((eph_hi + 1))
    hi=65535
  else
    lo=1024
    hi=65535
  fi
  used=" $(_tcp_ports_in_use | sort -un | tr '\n' ' ') "
  for ((tries = 0; tries < 200; tries++)); do
    port=$((lo + (RANDOM * 32768 + RANDOM) % (hi - lo + 1)))
    [[ "$used" == *" $port "* ]] && continue
    # Double check nothing answers there (covers /proc being unreadable).
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      continue
    fi
    printf '%s\n' "$port"
    return 0
  done
  die "could not find a free TCP port on 127.0.0.1"
}

# wait_until TIMEOUT_SECONDS CMD [ARGS...] : retry CMD every 0.2 s until it
# succeeds; returns 1 on timeout.
wait_until() {
  local timeout="$1"
  shift
  local deadline=$((SECONDS + timeout))
  while ! "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
  return 0
}
