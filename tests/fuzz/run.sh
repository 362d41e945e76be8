#!/usr/bin/env bash
# Build and run a libFuzzer harness with clang (Debian: apt-get install clang libclang-rt-14-dev).
#
# Usage: tests/fuzz/run.sh [SECONDS]   (default 60); the corpus is kept in build-fuzz/corpus.
set -euo pipefail

root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-60}"
clang="$(command -v clang++ || command -v clang++-14 || true)"
[[ -n "$clang" ]] || { echo "clang++ is needed: apt-get install clang libclang-rt-14-dev" >&2; exit 2; }

out="$root/build-fuzz"
mkdir -p "$out/corpus"
codec="$root/core/src/realtime/websocket"
"$clang" -g -O1 -fsanitize=fuzzer,address,undefined -std=c++20 -I"$root/core/include" -I"$root/core/src" \
  "$root/tests/fuzz/websocket_frame_parser_fuzz.cpp" "$codec/FrameParser.cpp" "$codec/FrameWriter.cpp" \
  "$codec/Masking.cpp" "$codec/Utf8Validator.cpp" -o "$out/websocket_frame_parser_fuzz"
"$out/websocket_frame_parser_fuzz" -max_total_time="$seconds" -max_len=4096 "$out/corpus"
