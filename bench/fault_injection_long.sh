#!/usr/bin/env bash
# The fault-injection integration test with many more sessions (tests/integration/fault_injection.test.mjs).
#   bench/fault_injection_long.sh [BUILD_DIR] [RUNS]     defaults: build, 300 runs (about half an hour)
# EO_FAULT_SEED replays a schedule; EO_IT_LOG_DIR keeps every process's log and what the central
# system received.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
runs="${2:-300}"

export EO_CHARGEPOINT_BIN="$build/chargepoint/eo-chargepoint"
export EO_CSMS_LITE_BIN="$build/csms-lite/csms-lite"
export EO_WEB_ROOT="$root/web"
export EO_FAULT_RUNS="$runs"
[[ -x "$EO_CHARGEPOINT_BIN" ]] || { echo "bench: $EO_CHARGEPOINT_BIN is missing; build eo-chargepoint first" >&2; exit 2; }
if [[ ! -d "$root/tests/integration/node_modules/ocpp-rpc" ]]; then
  (cd "$root/tests/integration" && npm ci --no-audit --no-fund)
fi

log="$(mktemp -t eo-fault-long.XXXXXX)"
echo "fault injection: $runs sessions${EO_FAULT_SEED:+, seed $EO_FAULT_SEED}; full output in $log"
status=0
node --test --test-reporter=spec --test-timeout=$(( (runs * 12 + 600) * 1000 )) \
  "$root/tests/integration/fault_injection.test.mjs" >"$log" 2>&1 || status=$?
# The counts (t.diagnostic lines) and the verdict; on failure the whole report.
grep -E '^[[:space:]]*(ℹ|✔|✖)' "$log" | grep -vE 'ℹ (suites|cancelled|skipped|todo) ' || true
if [[ $status -ne 0 ]]; then
  echo "--- failed; the test's report:"
  grep -vE 'connection attempt|next connection attempt' "$log" | tail -n 120
fi
exit $status
