#!/usr/bin/env bash
# First paint of the web UI on a throttled phone, served by a real csms-lite (bench/README.md,
# "web_paint.sh"): the login page and the Now page, cold cache, median and max of EO_PAINT_RUNS (10).
#   bench/web_paint.sh [BUILD_DIR]   the host's csms-lite of BUILD_DIR (default build/release, else build)
# EO_ARMEL_CSMS_LITE=path  also the static armel csms-lite under qemu-arm-static -cpu arm1176 (default
#                          build/armel/csms-lite/csms-lite when it exists; scripts/cross-build.sh armel)
# EO_CHARGEPOINT_BIN=path  eo-chargepoint to connect for the Now page (default BUILD_DIR's, if built)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build/release}"
[[ -x "$build/csms-lite/csms-lite" ]] || build="$root/build"
build="$(cd "$build" && pwd)"
export EO_CSMS_LITE_BIN="$build/csms-lite/csms-lite"
[[ -x "$EO_CSMS_LITE_BIN" ]] || { echo "bench: $EO_CSMS_LITE_BIN is missing; build csms-lite" >&2; exit 2; }
if [[ -z "${EO_CHARGEPOINT_BIN:-}" ]]; then
  for cp in "$build/chargepoint/eo-chargepoint" "$root/build/chargepoint/eo-chargepoint"; do
    [[ -x "$cp" ]] && { export EO_CHARGEPOINT_BIN="$cp"; break; }
  done
fi
if [[ -z "${EO_ARMEL_CSMS_LITE:-}" && -x "$root/build/armel/csms-lite/csms-lite" ]]; then
  export EO_ARMEL_CSMS_LITE="$root/build/armel/csms-lite/csms-lite"
fi
if [[ -n "${EO_ARMEL_CSMS_LITE:-}" ]]; then
  command -v qemu-arm-static >/dev/null || { echo "bench: qemu-arm-static is missing (apt-get install qemu-user-static)" >&2; exit 2; }
fi
[[ -d "$root/tests/web/node_modules/playwright-core" ]] || (cd "$root/tests/web" && npm ci --no-audit --no-fund)

echo "csms-lite: $EO_CSMS_LITE_BIN; armel: ${EO_ARMEL_CSMS_LITE:-not measured}; charge point: ${EO_CHARGEPOINT_BIN:-none}"
echo "machine: $(nproc) CPUs, $(uptime); chromium: $(${CHROMIUM:-/usr/bin/chromium} --version 2>/dev/null || echo '?')"
exec node "$root/bench/web_paint.mjs"
