#!/usr/bin/env bash
# Install the Debian packages OComms needs, but only those that are missing.
#
# Usage: scripts/lib/install-deps.sh [build] [test] [--print]
#   build   compilers and -dev libraries needed to build OComms
#   test    servers and tools the test suite and benchmarks use
#   --print only print the package list of the selected groups and exit
# Without a group, "build" is assumed.
#
# apt-get update + install run only when at least one package is missing.
# Uses sudo when not root. Set OCOMMS_SKIP_DEPS=1 to skip entirely.
# Standalone on purpose (sources common.sh only) so the Dockerfile can
# reuse it: COPY scripts/lib/ ... && scripts/lib/install-deps.sh build
set -euo pipefail

# Sourced file is checked on its own (scripts/lib/common.sh).
# shellcheck source=/dev/null
. "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"

BUILD_PACKAGES=(
  build-essential g++ cmake pkg-config git ca-certificates
  libpoco-dev libsoci-dev libhiredis-dev libyaml-cpp-dev
  libboost-dev libboost-filesystem-dev libsodium-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libsqlite3-dev libpq-dev
)
TEST_PACKAGES=(
  postgresql postgresql-client redis-server nginx wrk curl procps
  iproute2 docker-compose nodejs shellcheck chromium fonts-noto-color-emoji
)
# chromium is the browser the end-to-end tests drive (tests/e2e: playwright-core never downloads one);
# the emoji font lets their screenshots show reactions as people see them.
# npm comes with Debian's `npm` package, or inside NodeSource's `nodejs`, which conflicts with Debian's
# `npm`: it is installed only when no npm command exists.

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
}

main() {
  local print_only=0 group
  local -a wanted=() missing=()
  for group in "$@"; do
    case "$group" in
      build) wanted+=("${BUILD_PACKAGES[@]}") ;;
      test) wanted+=("${TEST_PACKAGES[@]}") ;;
      --print) print_only=1 ;;
      -h | --help)
        usage
        return 0
        ;;
      *) die "unknown package group '$group' (expected: build, test)" ;;
    esac
  done
  if ((${#wanted[@]} == 0)); then
    wanted=("${BUILD_PACKAGES[@]}")
  fi

  if ((print_only)); then
    printf '%s\n' "${wanted[@]}"
    return 0
  fi
  if [[ "${OCOMMS_SKIP_DEPS:-0}" == 1 ]]; then
    log "OCOMMS_SKIP_DEPS=1: not checking Debian packages"
    return 0
  fi
  need_cmd dpkg-query

  local pkg status
  for pkg in "${wanted[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    if [[ "$status" != "install ok installed" ]]; then
      # Skip duplicates (a package listed in both groups).
      [[ " ${missing[*]:-} " == *" $pkg "* ]] || missing+=("$pkg")
    fi
  done

  if [[ " ${wanted[*]} " == *" nodejs "* ]] && ! command -v npm >/dev/null 2>&1; then
    missing+=(npm)
  fi

  if ((${#missing[@]} == 0)); then
    log "all ${#wanted[@]} Debian packages already installed"
    return 0
  fi

  need_cmd apt-get
  log "installing missing Debian packages: ${missing[*]}"
  # Wait for a concurrent apt/dpkg run instead of failing on its lock.
  local -a apt_opts=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
  as_root env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y -q \
    --no-install-recommends "${missing[@]}"
  log "Debian packages installed"
}

main "$@"
