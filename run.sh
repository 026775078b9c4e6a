#!/usr/bin/env bash
# Builds and runs the product on this machine: csms-lite (OCPP central system + web UI on
# http://127.0.0.1:8080) and the charge point daemon connected to it over OCPP 1.6J. Ctrl-C stops both.
# Environment: EO_HTTP_PORT (default 8080), EO_CHARGE_POINT_ID (default eo-demo), EO_LOG_LEVEL (info),
# EO_HARDWARE: sim (default: the built-in simulated box) or eo-board-sim (the real EO board driver talking
# over a pseudo-terminal to eo-board-sim, which speaks the board's wire protocol; type its commands —
# plug, unplug, demand 10, status — into this terminal).
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD

scripts/install-build-deps.sh
export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=1
# The box's release build (CMakePresets.json "release"): fully static, -Os, stripped; packaging/README.md.
cmake --preset release >/dev/null
cmake --build --preset release

port=${EO_HTTP_PORT:-8080}
id=${EO_CHARGE_POINT_ID:-eo-demo}
level=${EO_LOG_LEVEL:-info}

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

build/release/csms-lite/csms-lite --log-level "$level" \
  --set http.port="$port" --set http.web_root="$root/web" --set ocpp.unknown_id_tags=accept &
pids+=($!)
# Start the charge point once csms-lite listens (it would reconnect anyway, but this keeps the log tidy).
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
state="$root/build/demo"
mkdir -p "$state"
hardware=(--set hardware.driver=sim --set simulator.control_socket="$state/sim.sock")
if [[ ${EO_HARDWARE:-sim} == eo-board-sim ]]; then
  rm -f "$state/board"
  build/release/hal/eo/eo-board-sim --link "$state/board" <&0 &  # explicit: background jobs get /dev/null
  pids+=($!)
  for _ in $(seq 50); do [[ -e $state/board ]] && break; sleep 0.1; done
  hardware=(--set hardware.driver=tty --set hardware.tty="$state/board" --set hardware.min_pause_s=5)
fi
build/release/chargepoint/eo-chargepoint --log-level "$level" \
  --set ocpp.central_system_url="ws://127.0.0.1:$port/ocpp" --set ocpp.charge_point_id="$id" \
  --set storage.database="$state/chargepoint.db" "${hardware[@]}" \
  --set charging.plug_and_charge_id_tag=EO-DEMO &
pids+=($!)

echo
echo "  Web UI:        http://127.0.0.1:$port/"
echo "  Charge point:  $id, connected to ws://127.0.0.1:$port/ocpp/$id"
if [[ ${EO_HARDWARE:-sim} == eo-board-sim ]]; then
  echo "  Board:         eo-board-sim on $state/board; type plug, unplug, demand 10, status here"
else
  echo "  Simulator:     build/release/hal/sim/eo-simctl --socket $state/sim.sock plug-in   (also: unplug, status, help)"
fi
echo "  Ctrl-C stops both."
echo
wait -n "${pids[@]}"
