#!/bin/bash
# The package's postinst, prerm and postrm run against a fake root ($DPKG_ROOT, as `dpkg --root` sets
# it) with the account and service commands replaced by fakes (PATH) that keep their own passwd and
# group files and record every call. Usage: test_maintainer_scripts.sh [folder with the scripts]
source "$(dirname "$0")/lib.sh"
scripts="${1:-$(cd "$(dirname "$0")/../.." && pwd)/packaging/deb/scripts}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for script in postinst prerm postrm; do
  sh -n "$scripts/$script" || { echo "FAIL: $script has a syntax error" >&2; exit 1; }
  if command -v checkbashisms >/dev/null; then checkbashisms "$scripts/$script" || exit 1; fi
done

# A Raspberry Pi OS root: bookworm's /boot/firmware/config.txt, systemd running, the Pi's groups.
setup() {
  rm -rf "${work:?}"/*
  root="$work/root" bin="$work/bin" f="$work/fake"
  mkdir -p "$root/proc/device-tree" "$root/boot/firmware" "$root/run/systemd/system" "$root/etc/eo-ocpp" "$bin" "$f"
  printf 'Raspberry Pi Zero W Rev 1.1\0' >"$root/proc/device-tree/model"
  printf '# For more options see config.txt(5)\ndtparam=audio=on\n' >"$root/boot/firmware/config.txt"
  echo "# settings" >"$root/etc/eo-ocpp/chargepoint.conf"
  printf 'root:x:0:0::/root:/bin/bash\npi:x:1000:1000::/home/pi:/bin/bash\n' >"$f/passwd"
  printf 'root:x:0:\ndialout:x:20:pi\nspi:x:999:pi\ngpio:x:997:pi\n' >"$f/group"
  : >"$f/calls"
  export FAKE="$f" DPKG_ROOT="$root"
  fake "$bin" getent 'grep "^$2:" "$FAKE/$1"'
  fake "$bin" id '[[ "$1" == -nG ]] || exit 2; grep -q "^$2:" "$FAKE/passwd" || exit 1
    { echo "$2"; awk -F: -v u="$2" '"'"'{ n = split($4, m, ","); for (i = 1; i <= n; i++) if (m[i] == u) print $1 }'"'"' "$FAKE/group"; } | tr "\n" " "'
  fake "$bin" useradd 'echo "useradd $*" >>"$FAKE/calls"; u="${@: -1}"
    echo "$u:x:990:990::/var/lib/$u:/usr/sbin/nologin" >>"$FAKE/passwd"; echo "$u:x:990:" >>"$FAKE/group"'
  fake "$bin" usermod 'echo "usermod $*" >>"$FAKE/calls"; sed -i "/^$3:/ { /:\$/ { s/\$/$4/; b }; s/\$/,$4/ }" "$FAKE/group"'
  fake "$bin" chown 'echo "chown $*" >>"$FAKE/calls"'
  fake "$bin" systemctl 'echo "systemctl $*" >>"$FAKE/calls"'
  # The units the admin disabled are listed in $FAKE/disabled; was-enabled is true for the others.
  fake "$bin" deb-systemd-helper 'echo "deb-systemd-helper $*" >>"$FAKE/calls"
    if [[ "$1 $2" == "--quiet was-enabled" ]]; then ! grep -qxF "$3" "$FAKE/disabled" 2>/dev/null; fi'
  fake "$bin" deb-systemd-invoke 'echo "deb-systemd-invoke $*" >>"$FAKE/calls"'
  export PATH="$bin:$PATH"
}
run() { set +e; "$scripts/$1" "${@:2}" >"$work/out" 2>&1; status=$?; }
count() { grep -c -- "$1" "$2"; }

case_start "first install on a Pi: user, groups, SPI once, reboot flagged, services enabled and started"
setup
run postinst configure
expect_eq "$status" 0 "exit status"
expect_eq "$(count '^useradd .*--system' "$f/calls")" 1 "useradd calls"
expect_grep "^dialout:x:20:pi,eo-ocpp$" "$f/group"
expect_grep "^spi:x:999:pi,eo-ocpp$" "$f/group"
expect_grep "^gpio:x:997:pi,eo-ocpp$" "$f/group"
expect_eq "$(count '^dtparam=spi=on$' "$root/boot/firmware/config.txt")" 1 "dtparam lines"
expect_grep "dtparam=audio=on" "$root/boot/firmware/config.txt"
expect_grep "reboot for it to take effect" "$work/out"
expect_file "$root/run/reboot-required"
expect_grep "^eo-ocpp$" "$root/run/reboot-required.pkgs"
expect_eq "$(stat -c %a "$root/var/lib/eo-ocpp")" 750 "data folder mode"
expect_grep "chown eo-ocpp:eo-ocpp $root/var/lib/eo-ocpp" "$f/calls"
expect_grep "systemctl daemon-reload" "$f/calls"
expect_grep "deb-systemd-helper enable eo-csms-lite.service" "$f/calls"
expect_grep "deb-systemd-helper enable eo-chargepoint.service" "$f/calls"
expect_grep "deb-systemd-invoke start eo-csms-lite.service eo-chargepoint.service" "$f/calls"
expect_no_grep "restart eo-" "$f/calls"

case_start "configure again (an upgrade) changes nothing but restarts the services"
: >"$f/calls"
cp "$f/group" "$work/group.before"
cp "$root/boot/firmware/config.txt" "$work/config.before"
run postinst configure 0.1.0+100.gabcdef
expect_eq "$status" 0 "exit status"
expect_eq "$(count '^useradd' "$f/calls")" 0 "useradd calls"
expect_eq "$(count '^usermod' "$f/calls")" 0 "usermod calls"
cmp -s "$f/group" "$work/group.before" || fail "groups changed"
cmp -s "$root/boot/firmware/config.txt" "$work/config.before" || fail "config.txt changed"
expect_no_grep "reboot" "$work/out"
expect_grep "deb-systemd-invoke restart eo-csms-lite.service eo-chargepoint.service" "$f/calls"
expect_no_grep "invoke start" "$f/calls"

case_start "a unit the admin disabled stays disabled on upgrade (only its record is updated)"
echo eo-csms-lite.service >"$f/disabled"
: >"$f/calls"
run postinst configure 0.1.0+101.gabcdef
expect_eq "$status" 0 "exit status"
expect_grep "deb-systemd-helper update-state eo-csms-lite.service" "$f/calls"
expect_no_grep "deb-systemd-helper enable eo-csms-lite.service" "$f/calls"
expect_grep "deb-systemd-helper enable eo-chargepoint.service" "$f/calls"
rm "$f/disabled"

case_start "SPI already on as part of a list: config.txt untouched"
setup
printf 'dtparam=i2c_arm=on,spi=on\n' >"$root/boot/firmware/config.txt"
run postinst configure
expect_eq "$(cat "$root/boot/firmware/config.txt")" "dtparam=i2c_arm=on,spi=on" "config.txt"
expect_no_file "$root/run/reboot-required"

case_start "a commented-out dtparam=spi=on does not count"
setup
printf '#dtparam=spi=on\n' >"$root/boot/firmware/config.txt"
run postinst configure
expect_eq "$(count '^dtparam=spi=on$' "$root/boot/firmware/config.txt")" 1 "dtparam lines"

case_start "older images: /boot/config.txt"
setup
rm -r "$root/boot/firmware"
printf 'gpu_mem=16\n' >"$root/boot/config.txt"
run postinst configure
expect_eq "$(count '^dtparam=spi=on$' "$root/boot/config.txt")" 1 "dtparam lines"
expect_grep "dtparam=spi=on in /boot/config.txt" "$work/out"

case_start "not a Raspberry Pi (a laptop): no config.txt change, missing groups skipped"
setup
rm "$root/proc/device-tree/model"
printf 'root:x:0:\ndialout:x:20:\n' >"$f/group"
run postinst configure
expect_eq "$status" 0 "exit status"
expect_eq "$(count '^dtparam' "$root/boot/firmware/config.txt")" 1 "dtparam lines (only audio)"
expect_grep "^dialout:x:20:eo-ocpp$" "$f/group"
expect_eq "$(count '^usermod' "$f/calls")" 1 "usermod calls"

case_start "a Pi without any config.txt: says so, does not fail"
setup
rm "$root/boot/firmware/config.txt"
run postinst configure
expect_eq "$status" 0 "exit status"
expect_grep "add dtparam=spi=on yourself" "$work/out"

case_start "systemd not running (a chroot, an image build): enabled for the first boot, nothing started"
setup
rm -r "$root/run/systemd"
run postinst configure
expect_eq "$status" 0 "exit status"
expect_no_grep "^systemctl" "$f/calls"
expect_no_grep "deb-systemd-invoke" "$f/calls"
expect_grep "deb-systemd-helper enable eo-chargepoint.service" "$f/calls"

case_start "remove stops, keeps config, data and enablement; purge removes config and enablement, keeps data"
setup
run postinst configure
echo "transactions" >"$root/var/lib/eo-ocpp/chargepoint.db"
mkdir -p "$root/var/lib/eo-ocpp-update/rollback" && echo deb >"$root/var/lib/eo-ocpp-update/current.deb"
: >"$f/calls"
run prerm upgrade 0.2
expect_eq "$status" 0 "prerm upgrade exit status"
expect_no_grep "systemctl" "$f/calls"
run prerm remove
expect_grep "systemctl stop eo-chargepoint.service eo-csms-lite.service" "$f/calls"
expect_no_grep "disable" "$f/calls"
run postrm remove
expect_eq "$status" 0 "postrm remove exit status"
expect_file "$root/etc/eo-ocpp/chargepoint.conf"
expect_file "$root/var/lib/eo-ocpp/chargepoint.db"
expect_no_grep "deb-systemd-helper" "$f/calls"
run postrm purge
expect_eq "$status" 0 "postrm purge exit status"
expect_grep "deb-systemd-helper purge eo-chargepoint.service eo-csms-lite.service" "$f/calls"
expect_no_file "$root/etc/eo-ocpp"
expect_no_file "$root/var/lib/eo-ocpp-update"
expect_file "$root/var/lib/eo-ocpp/chargepoint.db"
expect_grep "kept the data in /var/lib/eo-ocpp" "$work/out"

case_start "purge with EO_OCPP_PURGE_DATA=yes removes the data too"
EO_OCPP_PURGE_DATA=yes run postrm purge
expect_eq "$status" 0 "exit status"
expect_no_file "$root/var/lib/eo-ocpp"

case_start "unknown arguments are refused"
for script in postinst prerm postrm; do
  run "$script" frobnicate
  expect_eq "$status" 1 "$script exit status"
done

echo "all maintainer script cases passed"
