#!/bin/bash
# install-on-pi.sh against a fake root (EO_INSTALL_ROOT) with dpkg, apt-get, journalctl, systemctl
# and hostname faked (PATH): the checks that refuse, the kept package, and the setup link taken from
# csms-lite's log line (the format of csms-lite/api/http_api.cpp's setup_link_message).
source "$(dirname "$0")/lib.sh"
script="$(cd "$(dirname "$0")/../.." && pwd)/scripts/install-on-pi.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

setup() {
  rm -rf "${work:?}"/*
  root="$work/root" bin="$work/bin" f="$work/fake"
  mkdir -p "$root/proc/device-tree" "$root/etc/eo-ocpp" "$root/run" "$bin" "$f"
  printf 'Raspberry Pi Zero W Rev 1.1\0' >"$root/proc/device-tree/model"
  printf '[http]\naddress = 0.0.0.0\nport = 8080\n' >"$root/etc/eo-ocpp/csms-lite.conf"
  printf 'Package: eo-ocpp\nVersion: 1.0\nArchitecture: armhf\n' >"$work/eo-ocpp_1.0_armhf.deb"
  : >"$f/calls"
  echo armhf >"$f/arch"
  export FAKE="$f" EO_INSTALL_ROOT="$root"
  fake "$bin" id '[[ "$1" == -u ]] && echo 0'
  fake "$bin" dpkg-deb '[[ "$1" == --field ]] || exit 2; sed -n "s/^$3: //p" "$2"; grep -q "^$3: " "$2"'
  fake "$bin" dpkg '[[ "$1" == --print-architecture ]] && cat "$FAKE/arch"; exit 0'
  fake "$bin" apt-get 'echo "apt-get $*" >>"$FAKE/calls"'
  fake "$bin" journalctl 'cat "$FAKE/journal" 2>/dev/null'
  fake "$bin" systemctl '[[ "$*" == *--quiet* ]] && exit 0; echo active'
  fake "$bin" hostname '[[ "$1" == -I ]] && echo "192.168.1.42 fd00::42" || echo eo-charger'
  fake "$bin" sleep 'echo "sleep $1" >>"$FAKE/calls"'
  export PATH="$bin:$PATH"
}
run() { set +e; "$script" "$@" >"$work/out" 2>&1; status=$?; }

case_start "installs with apt, keeps the package, prints the address and the setup link from the log"
setup
cat >"$f/journal" <<'LOG'
Nov 22 12:00:01 eo-charger csms-lite[412]: info    [csms-lite] csms-lite 0.1.0 starting
Nov 22 12:00:02 eo-charger csms-lite[412]: info    [csms-lite] first start: set the admin password at http://0.0.0.0:8080/setup?code=Ab3_x-Yz (the link works once, until 2026-11-23 12:00 UTC)
LOG
touch "$root/run/reboot-required"
run "$work/eo-ocpp_1.0_armhf.deb"
expect_eq "$status" 0 "exit status"
expect_grep "apt-get install --yes --allow-downgrades .*--force-confold.* $work/eo-ocpp_1.0_armhf.deb" "$f/calls"
cmp -s "$work/eo-ocpp_1.0_armhf.deb" "$root/var/lib/eo-ocpp-update/current.deb" || fail "package not kept for rollback"
expect_eq "$(stat -c %a "$root/var/lib/eo-ocpp-update")" 700 "kept package folder mode"
expect_grep "Web UI:  http://192.168.1.42:8080" "$work/out"
expect_grep "open http://192.168.1.42:8080/setup?code=Ab3_x-Yz and choose the admin password" "$work/out"
expect_grep "reboot now" "$work/out"

case_start "no setup line yet (or the password is set): says where to look; another port"
setup
printf '[http]\nport = 9000\n' >"$root/etc/eo-ocpp/csms-lite.conf"
run "$work/eo-ocpp_1.0_armhf.deb"
expect_eq "$status" 0 "exit status"
expect_grep "Web UI:  http://192.168.1.42:9000" "$work/out"
expect_grep "journalctl -u eo-csms-lite | grep setup" "$work/out"
expect_no_grep "reboot now" "$work/out"

case_start "not a Raspberry Pi: refused unless --force"
setup
rm "$root/proc/device-tree/model"
run "$work/eo-ocpp_1.0_armhf.deb"
expect_eq "$status" 1 "exit status"
expect_grep "does not look like a Raspberry Pi" "$work/out"
expect_eq "$(grep -c apt-get "$f/calls")" 0 "apt-get calls"
run --force "$work/eo-ocpp_1.0_armhf.deb"
expect_eq "$status" 0 "exit status with --force"

case_start "64-bit Raspberry Pi OS: refused with the reason"
setup
echo arm64 >"$f/arch"
run "$work/eo-ocpp_1.0_armhf.deb"
expect_eq "$status" 1 "exit status"
expect_grep "the package is for armhf, this system is arm64" "$work/out"
expect_grep "Raspberry Pi OS Lite (32-bit)" "$work/out"

case_start "not the eo-ocpp package, or no file: refused"
setup
printf 'Package: other\n' >"$work/other.deb"
run "$work/other.deb"
expect_eq "$status" 1 "exit status"
expect_grep "is not the eo-ocpp package" "$work/out"
run "$work/missing.deb"
expect_eq "$status" 1 "exit status"
expect_grep "no such file" "$work/out"
run
expect_eq "$status" 2 "exit status without an argument"
expect_eq "$(grep -c apt-get "$f/calls")" 0 "apt-get calls"

echo "all install-on-pi cases passed"
