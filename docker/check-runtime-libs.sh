#!/usr/bin/env bash
# Check the runtime stage of docker/Dockerfile against the libraries an installed OComms really loads.
#
# Usage: docker/check-runtime-libs.sh [--dockerfile FILE] PREFIX
#   PREFIX  an install tree: cmake --install build --prefix PREFIX --component runtime
#
# Reads PREFIX/bin/* and PREFIX/lib/ocomms/plugins/*.so with ldd and objdump, maps each library to
# the Debian package that ships it (dpkg -S, on this Debian 12 machine), and fails when:
#   - a library is not found at all;
#   - a library linked directly comes from a package the runtime stage does not install;
#   - the runtime stage installs a lib* package that nothing links directly (it only makes the
#     image bigger);
#   - a library loaded indirectly comes from a package that none of the installed ones depends on.
# debian:12-slim already holds libc6, libgcc-s1 and libstdc++6 (apt needs them).
# Prints one line per problem, naming the library, the file that needs it and the package.
set -euo pipefail

BASE_IMAGE_PACKAGES=(libc6 libgcc-s1 libstdc++6)

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
}

fail() {
  printf 'check-runtime-libs: %s\n' "$*" >&2
  exit 2
}

# runtime_stage_packages DOCKERFILE : the packages of `apt-get install` in the stage named runtime.
runtime_stage_packages() {
  awk 'toupper($1) == "FROM" { in_runtime = (tolower($NF) == "runtime"); next } in_runtime' "$1" |
    sed -e ':join' -e '/\\$/N; s/\\\n/ /; t join' |
    awk '/apt-get install/ { sub(/.*apt-get install/, ""); sub(/&&.*/, ""); print }' |
    tr -s ' \t' '\n' | grep -v -e '^-' -e '^$' || true
}

# package_of PATH : sets PACKAGE to the Debian package that ships PATH (merged /usr: tries both
# spellings); fails when none does. Remembered, since dpkg -S reads its whole database each time.
declare -A PACKAGE_OF=()
package_of() {
  local path="$1" candidate owner
  if [[ -z "${PACKAGE_OF[$path]+set}" ]]; then
    PACKAGE_OF[$path]=""
    for candidate in "$path" "$(readlink -f -- "$path")" "${path#/usr}" "/usr$path"; do
      if owner="$(dpkg -S "$candidate" 2>/dev/null)"; then
        owner="${owner%%: *}"
        owner="${owner%%,*}"
        PACKAGE_OF[$path]="${owner%%:*}"
        break
      fi
    done
  fi
  PACKAGE="${PACKAGE_OF[$path]}"
  [[ -n "$PACKAGE" ]]
}

# dependency_closure PACKAGE... : the packages and everything they depend on, as installed here.
dependency_closure() {
  local -A depends_of=() seen=()
  local pkg status deps
  while IFS='|' read -r pkg status deps; do
    [[ "$status" == "install ok installed" ]] && depends_of[$pkg]="$deps"
  done < <(dpkg-query -W -f='${Package}|${Status}|${Pre-Depends}, ${Depends}\n')
  local -a queue=("$@")
  local alternatives alt dep
  while ((${#queue[@]} > 0)); do
    pkg="${queue[0]}"
    queue=("${queue[@]:1}")
    [[ -n "${seen[$pkg]:-}" ]] && continue
    seen[$pkg]=1
    printf '%s\n' "$pkg"
    while IFS= read -r alternatives; do
      # apt takes the first alternative it can; here: the first one installed on this machine.
      for alt in ${alternatives//|/ }; do
        dep="${alt%%:*}"
        if [[ -n "${depends_of[$dep]+set}" ]]; then
          queue+=("$dep")
          break
        fi
      done
    done < <(sed -E 's/\([^)]*\)//g; s/ //g' <<<"${depends_of[$pkg]:-}" | tr ',' '\n')
  done
}

main() {
  local dockerfile
  dockerfile="$(dirname -- "${BASH_SOURCE[0]}")/Dockerfile"
  while (($# > 0)); do
    case "$1" in
      --dockerfile)
        dockerfile="${2:?--dockerfile needs a file}"
        shift 2
        ;;
      -h | --help)
        usage
        return 0
        ;;
      *) break ;;
    esac
  done
  (($# == 1)) || fail "expected one install prefix (see --help)"
  local prefix="$1"
  [[ -f "$dockerfile" ]] || fail "no Dockerfile at $dockerfile"
  local cmd
  for cmd in ldd objdump dpkg dpkg-query; do
    command -v "$cmd" >/dev/null 2>&1 || fail "required command not found: $cmd"
  done

  local -a files=() listed=()
  local file
  for file in "$prefix"/bin/* "$prefix"/lib/ocomms/plugins/*.so; do
    [[ -f "$file" ]] && files+=("$file")
  done
  ((${#files[@]} > 0)) || fail "no bin/* or lib/ocomms/plugins/*.so under $prefix"
  mapfile -t listed < <(runtime_stage_packages "$dockerfile")
  ((${#listed[@]} > 0)) || fail "$dockerfile: no 'apt-get install' in a stage named runtime"

  local -A installed=() direct=() loaded=() problems=()
  local pkg
  for pkg in "${listed[@]}" "${BASE_IMAGE_PACKAGES[@]}"; do installed[$pkg]=1; done

  local path line needed relative
  for file in "${files[@]}"; do
    relative="${file#"$prefix"/}"
    local -A path_of=()
    while IFS= read -r line; do
      if [[ "$line" =~ ^[[:space:]]*([^[:space:]]+)\ =\>\ not\ found ]]; then
        problems["${BASH_REMATCH[1]} (needed by $relative) is not found"]=1
      elif [[ "$line" =~ ^[[:space:]]*([^[:space:]]+)\ =\>\ (/[^[:space:]]+) ]]; then
        path_of[${BASH_REMATCH[1]}]="${BASH_REMATCH[2]}"
      fi
    done < <(ldd "$file")
    for path in "${path_of[@]}"; do
      if package_of "$path"; then
        pkg="$PACKAGE"
        loaded[$pkg]="${loaded[$pkg]:-$(basename -- "$path") (loaded by $relative)}"
      else
        problems["$path (loaded by $relative) belongs to no Debian package"]=1
      fi
    done
    while IFS= read -r needed; do
      path="${path_of[$needed]:-}"
      [[ -n "$path" ]] || continue # ld-linux, or not found (reported above)
      package_of "$path" || continue
      pkg="$PACKAGE"
      direct[$pkg]=1
      [[ -n "${installed[$pkg]:-}" ]] ||
        problems["$needed (linked by $relative) comes from $pkg, which the runtime stage does not install"]=1
    done < <(objdump -p "$file" | awk '$1 == "NEEDED" { print $2 }')
    unset path_of
  done

  for pkg in "${listed[@]}"; do
    [[ "$pkg" == lib* && -z "${direct[$pkg]:-}" ]] &&
      problems["the runtime stage installs $pkg, which no installed file links"]=1
  done

  local -A provided=()
  while IFS= read -r pkg; do provided[$pkg]=1; done < <(dependency_closure "${!installed[@]}")
  for pkg in "${!loaded[@]}"; do
    [[ -n "${provided[$pkg]:-}" ]] ||
      problems["${loaded[$pkg]} comes from $pkg, which no package of the runtime stage depends on"]=1
  done

  if ((${#problems[@]} > 0)); then
    printf '%s\n' "${!problems[@]}" | sort >&2
    printf 'check-runtime-libs: %d problem(s) in %s\n' "${#problems[@]}" "$dockerfile" >&2
    return 1
  fi
  printf 'check-runtime-libs: ok: %d files, %d packages linked directly, %d loaded in all\n' \
    "${#files[@]}" "${#direct[@]}" "${#loaded[@]}"
}

main "$@"
