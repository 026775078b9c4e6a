#!/usr/bin/env bash
# The Pi build's figures (bench/README.md, "The armel package"): the stripped sizes of the armel
# executables, and the memory of both daemons under qemu-arm-static -cpu arm1176 (the Pi Zero's CPU),
# with QEMU's own share taken out two ways.
#   bench/armel.sh              measures build/armel (scripts/cross-build.sh armel first if missing)
#   bench/armel.sh BUILD_DIR    an existing armel build folder
# EO_BENCH_SETTLE_S (default 30): how long the daemons run before their memory is read.
#
# Under user-mode QEMU the process is QEMU: its VmRSS is QEMU's executable, heap and translated-code
# cache plus the guest's pages. Two estimates of the guest alone:
#   1. minus a trivial static armel program (pause()) under the same QEMU: QEMU's base cost. An upper
#      bound: QEMU's translation cache and its bookkeeping grow with the guest code run.
#   2. the guest's address space: a 32-bit guest lives in one 4 GiB window of QEMU's address space
#      (the guest executable's own mappings are in it); the resident pages of the mappings in that
#      window are what the program itself touched, as on the Pi (same 4 KiB pages).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build/armel}"
settle_s="${EO_BENCH_SETTLE_S:-30}"
qemu=(qemu-arm-static -cpu arm1176)

chargepoint="$build/chargepoint/eo-chargepoint" csms_lite="$build/csms-lite/csms-lite"
board_sim="$build/hal/eo/eo-board-sim" simctl="$build/hal/sim/eo-simctl"
if [[ ! -x "$chargepoint" || ! -x "$csms_lite" || ! -x "$board_sim" ]]; then
  [[ $# -eq 0 ]] || { echo "bench: $build lacks the armel executables (scripts/cross-build.sh armel)" >&2; exit 2; }
  "$root/scripts/cross-build.sh" armel
fi

echo "== stripped sizes ($build)"
printf '%-16s %12s %9s %12s %9s %9s %s\n' executable bytes MiB text data bss ""
for binary in "$chargepoint" "$csms_lite" "$board_sim" "$simctl"; do
  [[ -x "$binary" ]] || continue
  read -r text data bss _ < <(arm-linux-gnueabi-size "$binary" | tail -n1)
  note="stripped, static"
  readelf -S "$binary" | grep -q '\.symtab' && note="NOT stripped"
  readelf -d "$binary" 2>/dev/null | grep -q NEEDED && note="$note, NEEDS SHARED LIBRARIES"
  size=$(stat -c %s "$binary")
  printf '%-16s %12s %9s %12s %9s %9s %s\n' "${binary##*/}" "$size" "$(awk -v s="$size" 'BEGIN { printf "%.2f", s / 1048576 }')" \
    "$text" "$data" "$bss" "$note"
done

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# kB from /proc/PID/status.
status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
# kB resident in the 4 GiB window holding the guest executable's mappings (estimate 2).
guest_kb() {
  python3 - "$1" "$2" <<'PY'
import sys
pid, exe = sys.argv[1], sys.argv[2]
maps, start, name = [], 0, ""
for line in open(f"/proc/{pid}/smaps"):
    fields = line.split()
    if "-" in fields[0] and len(fields) >= 5:
        start, name = int(fields[0].split("-")[0], 16), (fields[5] if len(fields) > 5 else "")
    elif fields[0] == "Rss:":
        maps.append((start, name, int(fields[1])))
window = min(s for s, n, _ in maps if n == exe) // 2**32 * 2**32
print(sum(kb for s, _, kb in maps if window <= s < window + 2**32))
PY
}
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k * 1024 / 1e6 }'; }
report() {
  local name="$1" pid="$2" exe="$3" rss anon file guest
  rss=$(status_kb "$pid" VmRSS) anon=$(status_kb "$pid" RssAnon) file=$(status_kb "$pid" RssFile)
  guest=$(guest_kb "$pid" "$exe")
  printf '%-30s VmRSS %-8s (anon %s, file %s)  guest window %-8s  VmRSS - baseline %s\n' "$name" "$(mb "$rss")" \
    "$(mb "$anon")" "$(mb "$file")" "$(mb "$guest")" "$([[ -n "$baseline_kb" ]] && mb $(( rss - baseline_kb )) || echo -)"
}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo
echo "== memory under ${qemu[*]} after ${settle_s} s (QEMU's own memory included; see the header of this script)"
printf '#include <unistd.h>\nint main(void) { pause(); return 0; }\n' >"$work/trivial.c"
arm-linux-gnueabi-gcc -static -Os -s -o "$work/trivial" "$work/trivial.c"
"${qemu[@]}" "$work/trivial" & pids+=($!)
baseline_pid=$!

port=$(free_port)
cat >"$work/csms-lite.conf" <<EOF
[http]
address = 127.0.0.1
port = $port
web_root = $root/web
[ocpp]
charge_points = eo-charger
[storage]
database = $work/csms-lite.db
EOF
cat >"$work/chargepoint.conf" <<EOF
[ocpp]
central_system_url = ws://127.0.0.1:$port/ocpp
charge_point_id = eo-charger
[storage]
database = $work/chargepoint.db
[hardware]
driver = sim
[simulator]
control_socket = $work/sim.sock
EOF
"${qemu[@]}" "$csms_lite" --config "$work/csms-lite.conf" >"$work/csms-lite.log" 2>&1 & pids+=($!)
csms_pid=$!
for _ in $(seq 100); do
  grep -q "listening\|first start" "$work/csms-lite.log" 2>/dev/null && break
  sleep 0.2
done
"${qemu[@]}" "$chargepoint" --config "$work/chargepoint.conf" >"$work/chargepoint.log" 2>&1 & pids+=($!)
cp_pid=$!
sleep "$settle_s"
for pid in "$csms_pid" "$cp_pid"; do
  kill -0 "$pid" 2>/dev/null || { echo "bench: a daemon exited early:" >&2; tail -5 "$work"/*.log >&2; exit 1; }
done
accepted="no"
grep -qi "accepted" "$work/chargepoint.log" && accepted="yes"

baseline_kb=""
report "trivial static program" "$baseline_pid" "$work/trivial"
baseline_kb=$(status_kb "$baseline_pid" VmRSS)
report "csms-lite" "$csms_pid" "$csms_lite"
report "eo-chargepoint (sim, idle)" "$cp_pid" "$chargepoint"
echo "eo-chargepoint's BootNotification accepted by csms-lite (log): $accepted"
