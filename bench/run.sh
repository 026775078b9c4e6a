#!/usr/bin/env bash
# Resource figures of eo-chargepoint on the simulated box (bench/README.md).
#   bench/run.sh              build the release (CMakePresets.json "release": static, -Os) in
#                             build/release, then measure
#   bench/run.sh BUILD_DIR    measure the binaries of an existing build
# EO_BENCH_WINDOW_S (default 300) sets each CPU / disk window; EO_BENCH_BOOT_RUNS (default 9) the start-ups.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-}"
if [[ -z "$build" ]]; then
  build="$root/build/release"
  (cd "$root" && export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1 &&
   cmake --preset release >/dev/null && cmake --build --preset release)
fi
build="$(cd "$build" && pwd)"

export EO_CHARGEPOINT_BIN="$build/chargepoint/eo-chargepoint"
export EO_CSMS_LITE_BIN="$build/csms-lite/csms-lite"
export EO_WEB_ROOT="$root/web"
for bin in "$EO_CHARGEPOINT_BIN" "$EO_CSMS_LITE_BIN"; do
  [[ -x "$bin" ]] || { echo "bench: $bin is missing; build eo-chargepoint and csms-lite in $build" >&2; exit 2; }
done
# The benchmarks reuse the integration tests' helpers and their npm packages (ocpp-rpc).
if [[ ! -d "$root/tests/integration/node_modules/ocpp-rpc" ]]; then
  (cd "$root/tests/integration" && npm ci --no-audit --no-fund)
fi

echo "build: $build ($(grep -m1 CMAKE_BUILD_TYPE: "$build/CMakeCache.txt" | cut -d= -f2)," \
     "EO_STATIC=$(grep -m1 EO_STATIC: "$build/CMakeCache.txt" | cut -d= -f2))"
echo "window: ${EO_BENCH_WINDOW_S:-300} s idle + ${EO_BENCH_WINDOW_S:-300} s charging; about $(( 2 * ${EO_BENCH_WINDOW_S:-300} / 60 + 2 )) minutes"
exec node "$root/bench/measure.mjs"
