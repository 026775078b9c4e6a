#!/bin/bash
# The systemd units as shipped (packaging/systemd): `systemd-analyze verify` finds no unknown directive
# or bad value, and the system call architectures let the armhf package's 32-bit ARM executables run
# under a 64-bit systemd. Exits 77 (ctest: skipped) without systemd-analyze.
source "$(dirname "$0")/lib.sh"
units="$(cd "$(dirname "$0")/../../packaging/systemd" && pwd)"
command -v systemd-analyze >/dev/null || { echo "SKIP: no systemd-analyze (package systemd)"; exit 77; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Anything but the executables being absent on this machine (the package puts them in /usr/bin).
verify() { systemd-analyze verify "$@" 2>&1 | grep -v "is not executable"; }

case_start "systemd-analyze sees a bad value (the check is not blind)"
sed 's/^SystemCallArchitectures=.*/SystemCallArchitectures=native armx/' "$units/eo-csms-lite.service" \
  >"$work/eo-csms-lite.service"
verify "$work/eo-csms-lite.service" >"$work/out"
expect_grep 'Failed to parse system call architecture "armx"' "$work/out"

case_start "systemd-analyze verify: both units clean"
cp "$units/eo-chargepoint.service" "$units/eo-csms-lite.service" "$work/"
verify "$work/eo-chargepoint.service" "$work/eo-csms-lite.service" >"$work/out"
[[ -s "$work/out" ]] && fail "systemd-analyze verify: $(cat "$work/out")"

case_start "32-bit ARM system calls allowed besides the native ones (64-bit Raspberry Pi OS)"
for unit in eo-chargepoint.service eo-csms-lite.service; do
  expect_eq "$(grep '^SystemCallArchitectures=' "$units/$unit")" "SystemCallArchitectures=native arm" "$unit"
done

echo "all unit cases passed"
