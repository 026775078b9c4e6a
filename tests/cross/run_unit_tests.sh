#!/usr/bin/env bash
# Runs the armel unit test executables of an armel build folder under qemu-arm-static -cpu arm1176.
#   tests/cross/run_unit_tests.sh ARMEL_BUILD_DIR TEST_TARGET...
# The pure suites (codecs, domain, limits) are the ones whose results can differ on a 32-bit soft-float
# CPU: integer widths, floating-point formatting, alignment, atomics through libatomic.
set -euo pipefail
build="$1"
shift
status=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for target in "$@"; do
  binary=$(find "$build/tests" -type f -name "$target" -perm -u+x | head -n1)
  if [[ -z "$binary" ]]; then
    echo "armel: $target is not built in $build (scripts/cross-build.sh armel --tests)" >&2
    exit 2
  fi
  started=$(date +%s%N)
  # To a file: some suites print binary frames (NUL bytes) in their failure messages.
  if qemu-arm-static -cpu arm1176 "$binary" --gtest_brief=1 >"$log" 2>&1; then
    echo "armel $target: $(grep -aEo '[0-9]+ tests? from [0-9]+ test suites? ran' "$log" | tail -n1)" \
         "($(( ($(date +%s%N) - started) / 1000000 )) ms under emulation)"
  else
    cat "$log"
    echo "armel $target: FAILED" >&2
    status=1
  fi
done
exit $status
