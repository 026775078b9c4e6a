#!/usr/bin/env bash
# Smart charging figures (bench/README.md, "Smart charging latencies"): SetChargingProfile → duty on
# the EO driver's wire, a site-limit overshoot → reduced duty, and the composer's cost with 100
# installed profiles.
#   bench/smart_charging.sh            build RelWithDebInfo in build/, then measure
#   bench/smart_charging.sh BUILD_DIR  measure the binaries of an existing build
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
if [[ $# -eq 0 ]]; then
  CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  ninja -C "$build" -j2 eo-chargepoint eo-board-sim unit_chargepoint_limits
fi
build="$(cd "$build" && pwd)"

export EO_CHARGEPOINT_BIN="$build/chargepoint/eo-chargepoint"
export EO_BOARD_SIM_BIN="$build/hal/eo/eo-board-sim"
for bin in "$EO_CHARGEPOINT_BIN" "$EO_BOARD_SIM_BIN" "$build/tests/unit_chargepoint_limits"; do
  [[ -x "$bin" ]] || { echo "bench: $bin is missing; build eo-chargepoint, eo-board-sim and unit_chargepoint_limits in $build" >&2; exit 2; }
done
if [[ ! -d "$root/tests/integration/node_modules/ocpp-rpc" ]]; then
  (cd "$root/tests/integration" && npm ci --no-audit --no-fund)
fi

echo "build: $build ($(grep -m1 CMAKE_BUILD_TYPE: "$build/CMakeCache.txt" | cut -d= -f2))"
echo "--- composer cost, 100 installed profiles"
"$build/tests/unit_chargepoint_limits" --gtest_filter='ComposerCost.*' --gtest_also_run_disabled_tests \
  | grep -v '^\[\|^Note:\|^$'
echo "--- latencies"
node "$root/bench/smart_charging.mjs"
