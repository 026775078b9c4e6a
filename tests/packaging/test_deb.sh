#!/bin/bash
# Builds the amd64 package with scripts/make-deb.sh from the static release build and checks what is
# in it: files and their modes, conffiles, control fields, static executables, maintainer scripts
# (identical to packaging/deb/scripts, which test_maintainer_scripts.sh exercises), and that the
# default configuration files are accepted by the packaged daemons themselves.
# Usage: test_deb.sh [release build folder]. Exits 77 (ctest: skipped) without a release build.
source "$(dirname "$0")/lib.sh"
src="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$src/build/release}"
if [[ ! -x "$build/chargepoint/eo-chargepoint" || ! -x "$build/csms-lite/csms-lite" ]]; then
  echo "SKIP: no static release build in $build (cmake --preset release && cmake --build --preset release)"
  exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

case_start "make-deb.sh amd64 builds eo-ocpp_<version>_amd64.deb"
deb="$(EO_DEB_BUILD_DIR="$build" EO_DEB_OUT="$work" EO_DEB_VERSION=1.2.3+4.gabc "$src/scripts/make-deb.sh" amd64)" ||
  fail "make-deb.sh failed"
expect_eq "$deb" "$work/eo-ocpp_1.2.3+4.gabc_amd64.deb" "package file"

case_start "control fields"
expect_eq "$(dpkg-deb --field "$deb" Package)" eo-ocpp "Package"
expect_eq "$(dpkg-deb --field "$deb" Version)" 1.2.3+4.gabc "Version"
expect_eq "$(dpkg-deb --field "$deb" Architecture)" amd64 "Architecture"
expect_eq "$(dpkg-deb --field "$deb" Depends)" "passwd, curl" "Depends (static executables: no libraries)"
[[ "$(dpkg-deb --field "$deb" Installed-Size)" -gt 1000 ]] || fail "Installed-Size too small"

case_start "files, owners and modes"
dpkg-deb --contents "$deb" | awk '{ print $1, $2, $6 }' >"$work/contents"
for entry in \
  "-rwxr-xr-x root/root ./usr/bin/eo-chargepoint" \
  "-rwxr-xr-x root/root ./usr/bin/csms-lite" \
  "-rwxr-xr-x root/root ./usr/sbin/eo-ocpp-update" \
  "-rwxr-xr-x root/root ./usr/sbin/eo-ocpp-make-certs" \
  "-rw-r--r-- root/root ./usr/share/eo-ocpp/web/index.html" \
  "-rw-r--r-- root/root ./lib/systemd/system/eo-chargepoint.service" \
  "-rw-r--r-- root/root ./lib/systemd/system/eo-csms-lite.service" \
  "-rw-r--r-- root/root ./lib/systemd/journald.conf.d/60-eo-ocpp.conf" \
  "-rw-r--r-- root/root ./etc/eo-ocpp/chargepoint.conf" \
  "-rw-r--r-- root/root ./etc/eo-ocpp/csms-lite.conf" \
  "-rw-r--r-- root/root ./usr/share/doc/eo-ocpp/copyright" \
  "-rw-r--r-- root/root ./usr/share/doc/eo-ocpp/changelog.gz"; do
  grep -qxF -- "$entry" "$work/contents" || fail "missing or wrong: $entry"
done
expect_no_grep "usr/lib/systemd/system" "$work/contents"
# Nothing writable by others, nothing outside the expected trees.
awk '$1 ~ /^.{8}w/ { print }' "$work/contents" | grep . && fail "world-writable entries"
grep -vE ' \./($|usr/|lib/|etc/)' "$work/contents" | grep . && fail "files outside /usr, /lib, /etc"

case_start "conffiles and maintainer scripts"
dpkg-deb --control "$deb" "$work/control"
expect_eq "$(cat "$work/control/conffiles")" "$(printf '/etc/eo-ocpp/chargepoint.conf\n/etc/eo-ocpp/csms-lite.conf')" "conffiles"
for script in postinst prerm postrm; do
  [[ -x "$work/control/$script" ]] || fail "$script missing or not executable"
  sh -n "$work/control/$script" || fail "$script: syntax error"
  cmp -s "$work/control/$script" "$src/packaging/deb/scripts/$script" || fail "$script differs from packaging/deb/scripts"
done
(cd "$work" && mkdir tree && dpkg-deb --extract "$deb" tree && cd tree && md5sum --quiet -c ../control/md5sums) ||
  fail "md5sums do not match the files"

case_start "the executables are static"
for binary in eo-chargepoint csms-lite eo-board-sim eo-simctl; do
  # The simulator tools are packaged when the build has them (the release preset builds them).
  [[ -e "$work/tree/usr/bin/$binary" ]] || [[ ! -x "$build/hal/eo/eo-board-sim" ]] || fail "$binary not packaged"
  [[ -e "$work/tree/usr/bin/$binary" ]] || continue
  readelf -d "$work/tree/usr/bin/$binary" 2>/dev/null | grep -q NEEDED && fail "$binary needs shared libraries"
done

case_start "the default configuration is valid for the packaged daemons"
"$work/tree/usr/bin/eo-chargepoint" --config "$work/tree/etc/eo-ocpp/chargepoint.conf" --check-config >"$work/out" 2>&1 ||
  fail "eo-chargepoint refuses its default config: $(cat "$work/out")"
"$work/tree/usr/bin/csms-lite" --config "$work/tree/etc/eo-ocpp/csms-lite.conf" --check-config >"$work/out" 2>&1 ||
  fail "csms-lite refuses its default config: $(cat "$work/out")"
# The charge point talks to the bundled csms-lite on the port csms-lite listens on, with an id it accepts.
expect_grep "^central_system_url = ws://127.0.0.1:8080/ocpp$" "$work/tree/etc/eo-ocpp/chargepoint.conf"
expect_grep "^port = 8080$" "$work/tree/etc/eo-ocpp/csms-lite.conf"
expect_grep "^charge_points = eo-charger$" "$work/tree/etc/eo-ocpp/csms-lite.conf"
expect_grep "^charge_point_id = eo-charger$" "$work/tree/etc/eo-ocpp/chargepoint.conf"
expect_grep "^driver = auto$" "$work/tree/etc/eo-ocpp/chargepoint.conf"
# A car plugged in starts charging on its own, and csms-lite accepts that tag (and the UI's).
expect_grep "^plug_and_charge_id_tag = EO-HOME$" "$work/tree/etc/eo-ocpp/chargepoint.conf"
expect_grep "^unknown_id_tags = accept$" "$work/tree/etc/eo-ocpp/csms-lite.conf"

case_start "the units point at the packaged files"
expect_grep "^ExecStart=/usr/bin/eo-chargepoint --config /etc/eo-ocpp/chargepoint.conf$" "$work/tree/lib/systemd/system/eo-chargepoint.service"
expect_grep "^ExecStart=/usr/bin/csms-lite --config /etc/eo-ocpp/csms-lite.conf$" "$work/tree/lib/systemd/system/eo-csms-lite.service"
if command -v systemd-analyze >/dev/null; then
  # Unknown or misspelt directives, bad values: anything but the executables being absent on this host.
  systemd-analyze verify "$work/tree/lib/systemd/system/eo-chargepoint.service" \
    "$work/tree/lib/systemd/system/eo-csms-lite.service" 2>&1 | grep -v "is not executable" >"$work/verify"
  [[ -s "$work/verify" ]] && fail "systemd-analyze verify: $(cat "$work/verify")"
fi

# Real dpkg into a fake root: dpkg --root with --force-script-chrootless runs the maintainer scripts
# on this machine with DPKG_ROOT set, the account and service commands faked (PATH). Needs root (dpkg
# sets owners); skipped otherwise.
if [[ "$(id -u)" == 0 ]]; then
  case_start "dpkg: install, upgrade with a changed conffile, remove, purge"
  r="$work/root" bin="$work/bin"
  mkdir -p "$r/var/lib/dpkg/info" "$r/var/lib/dpkg/updates" "$r/var/lib/dpkg/triggers" "$r/run/systemd/system" \
    "$r/proc/device-tree" "$r/boot/firmware" "$bin"
  touch "$r/var/lib/dpkg/status" "$r/var/lib/dpkg/available"
  printf 'Raspberry Pi 3 Model B Rev 1.2\0' >"$r/proc/device-tree/model"
  echo "dtparam=audio=on" >"$r/boot/firmware/config.txt"
  export CALLS="$work/calls"
  fake "$bin" useradd 'echo "useradd $*" >>"$CALLS"; touch "$CALLS.user"'
  fake "$bin" getent '[[ "$1" == passwd ]] && { [[ -f "$CALLS.user" ]]; exit; }; [[ "$2" == dialout ]]'
  fake "$bin" id '[[ "$1" == -nG ]] && echo "$2"'
  fake "$bin" usermod 'echo "usermod $*" >>"$CALLS"'
  fake "$bin" chown 'echo "chown $*" >>"$CALLS"'
  fake "$bin" systemctl 'echo "systemctl $*" >>"$CALLS"'
  fake "$bin" deb-systemd-helper 'echo "deb-systemd-helper $*" >>"$CALLS"'
  fake "$bin" deb-systemd-invoke 'echo "deb-systemd-invoke $*" >>"$CALLS"'
  dpkg_root() { PATH="$bin:$PATH" dpkg --root="$r" --force-script-chrootless --force-depends "$@" >>"$work/dpkg.log" 2>&1; }
  dpkg_root --install "$deb" || fail "dpkg --install: $(tail -5 "$work/dpkg.log")"
  expect_eq "$(grep -c '^useradd' "$CALLS")" 1 "useradd calls"
  expect_grep "usermod -a -G dialout eo-ocpp" "$CALLS"
  expect_grep "deb-systemd-invoke start eo-csms-lite.service eo-chargepoint.service" "$CALLS"
  expect_eq "$(grep -c '^dtparam=spi=on$' "$r/boot/firmware/config.txt")" 1 "dtparam lines"
  expect_file "$r/usr/bin/eo-chargepoint"
  echo "data" >"$r/var/lib/eo-ocpp/chargepoint.db"
  sed -i 's/^charge_point_id = .*/charge_point_id = garage/' "$r/etc/eo-ocpp/chargepoint.conf"
  upgrade="$(EO_DEB_BUILD_DIR="$build" EO_DEB_OUT="$work/v2" EO_DEB_VERSION=1.2.4 "$src/scripts/make-deb.sh" amd64)"
  : >"$CALLS"
  dpkg_root --force-confold --install "$upgrade" || fail "dpkg upgrade: $(tail -5 "$work/dpkg.log")"
  expect_eq "$(dpkg --root="$r" --status eo-ocpp | sed -n 's/^Version: //p')" 1.2.4 "installed version"
  expect_grep "^charge_point_id = garage$" "$r/etc/eo-ocpp/chargepoint.conf"
  expect_file "$r/var/lib/eo-ocpp/chargepoint.db"
  expect_eq "$(grep -c '^useradd' "$CALLS")" 0 "useradd calls on upgrade"
  expect_grep "deb-systemd-invoke restart eo-csms-lite.service eo-chargepoint.service" "$CALLS"
  expect_eq "$(grep -c '^dtparam=spi=on$' "$r/boot/firmware/config.txt")" 1 "dtparam lines after upgrade"
  dpkg_root --remove eo-ocpp || fail "dpkg --remove: $(tail -5 "$work/dpkg.log")"
  expect_grep "systemctl stop eo-chargepoint.service eo-csms-lite.service" "$CALLS"
  expect_no_file "$r/usr/bin/eo-chargepoint"
  expect_grep "^charge_point_id = garage$" "$r/etc/eo-ocpp/chargepoint.conf"
  expect_file "$r/var/lib/eo-ocpp/chargepoint.db"
  dpkg_root --purge eo-ocpp || fail "dpkg --purge: $(tail -5 "$work/dpkg.log")"
  expect_no_file "$r/etc/eo-ocpp"
  expect_file "$r/var/lib/eo-ocpp/chargepoint.db"
else
  echo "--- (not root: the real dpkg install/upgrade/remove/purge case is skipped)"
fi

if command -v lintian >/dev/null; then
  case_start "lintian (informational)"
  lintian --no-tag-display-limit "$deb" || true
fi
echo "all package cases passed"
