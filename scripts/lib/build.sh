#!/usr/bin/env bash
# Configure and build OComms with a CMake preset (see CMakePresets.json).
#
# Usage: scripts/lib/build.sh [extra `cmake --build` args, e.g. --target ocomms]
# Env:   OCOMMS_PRESET  preset name (default: "default", binary dir build/)
#        OCOMMS_JOBS    parallel build jobs (default: nproc)
set -euo pipefail

# Sourced file is checked on its own (scripts/lib/common.sh).
# shellcheck source=/dev/null
. "$(dirname -- "${BASH_SOURCE[0]}")/common.sh"

main() {
  local preset="${OCOMMS_PRESET:-default}"
  local jobs="${OCOMMS_JOBS:-$(nproc)}"
  cd "$OCOMMS_ROOT"
  need_cmd cmake
  [[ -f CMakePresets.json ]] || die "no CMakePresets.json in $OCOMMS_ROOT"
  log "configuring (preset '$preset')"
  cmake --preset "$preset"
  log "building (preset '$preset', $jobs jobs)"
  cmake --build --preset "$preset" -j "$jobs" "$@"
  log "build finished"
}

main "$@"
