#!/usr/bin/env bash
# A short fuzz run for CI / CTest: configure and build the libFuzzer build in $1 (clang, -DEO_FUZZ=ON),
# then fuzz the OCPP-J frame path for $2 seconds (default 30) on a scratch copy of the seed corpus, so the
# committed corpus never changes. Exits non-zero when the build fails or the fuzzer finds a crash, a
# sanitizer report, a leak or a broken invariant; the reproducer is copied next to the build as
# $1/fuzz-artifacts/ and the command to replay it is printed.
#
#   tests/fuzz/run_short.sh build-fuzz 30
#   tests/fuzz/run_short.sh build-fuzz 20 eo_reply_fuzzer     # the EO board's reply parsers
#   tests/fuzz/run_short.sh build-fuzz 20 ct_reply_fuzzer     # the CT replies (Hub device, ADE7858)
#   EO_FUZZ_CC=clang-15 EO_FUZZ_CXX=clang++-15 tests/fuzz/run_short.sh build-fuzz 120
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 <fuzz-build-dir> [seconds=30] [frame_fuzzer|eo_reply_fuzzer|ct_reply_fuzzer]" >&2
  exit 2
fi
build_dir=$(realpath -m "$1")
seconds=${2:-30}
target=${3:-frame_fuzzer}
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cc=${EO_FUZZ_CC:-clang-14}
cxx=${EO_FUZZ_CXX:-clang++-14}

CC=$cc CXX=$cxx cmake -S "$source_dir" -B "$build_dir" -G Ninja -DEO_FUZZ=ON -DEO_WARNINGS_AS_ERRORS=ON >/dev/null
ninja -C "$build_dir" "$target"

work=$(mktemp -d "${TMPDIR:-/tmp}/eo-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/artifacts"
case $target in
  frame_fuzzer)
    cp "$source_dir"/tests/data/malformed_frames/* "$source_dir"/tests/fuzz/seeds/* "$work/corpus/"
    options=(-max_len=65536 -dict="$source_dir/tests/fuzz/ocpp.dict") ;;
  eo_reply_fuzzer)
    cp "$source_dir"/tests/fuzz/eo_seeds/* "$work/corpus/"
    options=(-max_len=1024) ;;
  ct_reply_fuzzer)
    cp "$source_dir"/tests/fuzz/ct_seeds/* "$work/corpus/"
    options=(-max_len=64) ;;
  *) echo "unknown fuzz target $target" >&2; exit 2 ;;
esac

# -max_len: without it libFuzzer mutates up to the largest seed (1 MB) and runs 10x slower; the 1 MB
# seeds are still loaded (truncated) and run in full by the unit test MalformedCorpus.*.
status=0
(cd "$work" && "$build_dir/tests/fuzz/$target" "$work/corpus" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 "${options[@]}" \
    -artifact_prefix="$work/artifacts/") >"$work/fuzz.log" 2>&1 || status=$?

grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::' "$work/fuzz.log" || true
if [[ $status -ne 0 ]] || ls "$work"/artifacts/* >/dev/null 2>&1; then
  echo "$target FAILED (exit $status); last lines of its log:" >&2
  grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse)' "$work/fuzz.log" | tail -40 | cut -c1-300 >&2
  mkdir -p "$build_dir/fuzz-artifacts"
  cp "$work"/artifacts/* "$build_dir/fuzz-artifacts/" 2>/dev/null || true
  for artifact in "$build_dir"/fuzz-artifacts/*; do
    [[ -e $artifact ]] && echo "replay: $build_dir/tests/fuzz/$target $artifact" >&2
  done
  exit 1
fi
echo "$target: no crash in ${seconds} s"
