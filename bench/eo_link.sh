#!/usr/bin/env bash
# Figures of the EO board link (bench/README.md, "EO board link"): exchange time per poll, CPU per
# hour at 1 Hz, link loss → Faulted and link restore → limit on the wire, against eo-board-sim.
#   bench/eo_link.sh              build Release in build/bench, then measure
#   bench/eo_link.sh BUILD_DIR    use (and update) an existing build
# EO_BENCH_LATENCY_S (30), EO_BENCH_CPU_S (300), EO_BENCH_LINK_RUNS (5) set the windows. The
# StatusNotification part needs Node.js and the integration tests' npm packages; it is skipped
# (and says so) without them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build/bench}"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C "$build" eo-link-bench eo-board-sim eo-chargepoint >/dev/null
build="$(cd "$build" && pwd)"
echo "build: $build ($(grep -m1 CMAKE_BUILD_TYPE: "$build/CMakeCache.txt" | cut -d= -f2)); $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

"$build/hal/eo/eo-link-bench" "$build/hal/eo/eo-board-sim" "${EO_BENCH_LATENCY_S:-30}" \
    "${EO_BENCH_CPU_S:-300}" "${EO_BENCH_LINK_RUNS:-5}"

if command -v node >/dev/null && [[ -d "$root/tests/integration/node_modules/ocpp-rpc" ]]; then
  EO_CHARGEPOINT_BIN="$build/chargepoint/eo-chargepoint" EO_BOARD_SIM_BIN="$build/hal/eo/eo-board-sim" \
    node "$root/bench/eo_link_status.mjs"
else
  echo "StatusNotification timing skipped: needs node and 'npm ci' in tests/integration"
fi
