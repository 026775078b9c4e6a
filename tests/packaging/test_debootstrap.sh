#!/bin/bash
# The amd64 package in a real Debian 12 root: debootstrap (minbase, plus curl for the package's
# Depends and systemd for offline `systemctl is-enabled`) into a cached folder, then in a chroot the
# real dpkg, useradd and deb-systemd-helper run the maintainer scripts: install, upgrade with edited
# settings and data, remove, purge, purge with the data. The architecture is the host's: what is tested
# is the scripts and the file layout, which are the same in the armhf package.
# Usage: test_debootstrap.sh [release build folder]. Needs root and debootstrap; exits 77 (ctest:
# skipped) without them or without the static release build. Environment: EO_DEBOOTSTRAP_CACHE (default
# ${XDG_CACHE_HOME:-~/.cache}/eo-ocpp/debootstrap), EO_DEBOOTSTRAP_MIRROR (default: the machine's own
# Debian mirror from /etc/apt, else debootstrap's default).
source "$(dirname "$0")/lib.sh"
src="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$src/build/release}"
skip() { echo "SKIP: $*"; exit 77; }
[[ "$(id -u)" == 0 ]] || skip "needs root (debootstrap, chroot, mount)"
command -v debootstrap >/dev/null || skip "no debootstrap (scripts/install-build-deps.sh --test installs it)"
[[ -x "$build/chargepoint/eo-chargepoint" && -x "$build/csms-lite/csms-lite" ]] ||
  skip "no static release build in $build (cmake --preset release && cmake --build --preset release)"

# --- The cached Debian 12 root --------------------------------------------------------------------
# The key names everything the root is made from; a folder without the matching stamp (an older
# recipe, an interrupted debootstrap) is made anew.
cache_key="bookworm minbase amd64 include=curl,systemd v1"
cache_base="${EO_DEBOOTSTRAP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/eo-ocpp/debootstrap}"
cache="$cache_base/bookworm-minbase-amd64"
mkdir -p "$cache_base"

debian_mirror() {
  [[ -n "${EO_DEBOOTSTRAP_MIRROR:-}" ]] && { echo "$EO_DEBOOTSTRAP_MIRROR"; return; }
  # deb822 (.sources) first, then one-line sources.list: the first entry whose suites include bookworm.
  local file
  for file in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$file" ]] || continue
    awk 'BEGIN { RS = ""; FS = "\n" }
         /\nSuites:[^\n]*[[:space:]]bookworm([[:space:]]|\n|$)/ && !/\nTypes:[^\n]*-src/ {
           for (i = 1; i <= NF; i++) if ($i ~ /^URIs:/) { split($i, u, /[[:space:]]+/); print u[2]; exit } }' \
      "$file" | grep -m1 . && return
  done
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk '$1 == "deb" && $0 ~ /[[:space:]]bookworm[[:space:]]/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }'
}

cache_valid() {
  [[ "$(cat "$cache/.eo-ocpp-cache" 2>/dev/null)" == "$cache_key" ]] && chroot "$cache" dpkg --version >/dev/null 2>&1
}

# Unmounts everything under folder $1 (deepest first), then deletes it; never through a mount that
# could not be unmounted (a bind-mounted /dev is the host's).
unmount_and_delete() {
  findmnt -rno TARGET | grep "^$1/" | sort -r | while read -r target; do
    umount "$target" 2>/dev/null || umount -l "$target" 2>/dev/null || true
  done
  if findmnt -rno TARGET | grep -q "^$1/"; then
    echo "test_debootstrap: mounts left under $1, not deleting it" >&2
    return 1
  fi
  rm -rf --one-file-system "$1"
}

exec 9>"$cache_base/.lock"
flock 9  # parallel runs share one cache
# Runs killed without their trap (ctest's timeout kills outright) left their work folders and mounts.
for stale in "$cache_base"/runs/*; do
  [[ -d "$stale" ]] && ! kill -0 "${stale##*/}" 2>/dev/null && unmount_and_delete "$stale"
done
if ! cache_valid; then
  # debootstrap mounts /proc and /sys in the root while it works: an interrupted one may have left them.
  unmount_and_delete "$cache.partial" || exit 1
  rm -rf --one-file-system "$cache"
  mirror="$(debian_mirror || true)"
  echo "--- debootstrap bookworm (minbase) into $cache${mirror:+ from $mirror}"
  started=$(date +%s)
  # shellcheck disable=SC2086 # an empty mirror is left out: debootstrap's default
  if ! debootstrap --variant=minbase --include=curl,systemd --arch=amd64 bookworm "$cache.partial" $mirror \
      >"$cache_base/debootstrap.log" 2>&1; then
    tail -20 "$cache_base/debootstrap.log" >&2
    unmount_and_delete "$cache.partial"
    echo "FAIL: debootstrap failed (log above; whole log in $cache_base/debootstrap.log)" >&2
    exit 1
  fi
  echo "$cache_key" >"$cache.partial/.eo-ocpp-cache"
  mv "$cache.partial" "$cache"
  echo "--- debootstrap took $(( $(date +%s) - started )) s (cached for the next runs)"
fi
flock -u 9

# --- A throw-away copy with /proc and /dev mounted --------------------------------------------------
# Named by this process's id, so that a later run can tell a dead run's folder from a live one's.
work="$cache_base/runs/$$"
r="$work/root"
trap 'unmount_and_delete "$work"' EXIT
trap 'exit 130' INT TERM HUP
mount_at() { mount "$@" || fail "mount $*"; }

mkdir -p "$work/upper" "$work/overlay-work" "$r" || fail "mkdir $work"
# The cache stays pristine: an overlay on it when the kernel allows, a copy otherwise.
if ! mount -t overlay overlay -o "lowerdir=$cache,upperdir=$work/upper,workdir=$work/overlay-work" "$r" 2>/dev/null; then
  cp -a "$cache/." "$r/" || fail "copying the cached root"
fi
mount -t proc proc "$r/proc" || skip "cannot mount /proc in the root (no CAP_SYS_ADMIN here?)"
mount_at --bind /dev "$r/dev"
# A Raspberry Pi as far as the postinst can tell: /proc/cpuinfo's Model line (procfs has no
# device-tree on x86) and bookworm's /boot/firmware/config.txt; Raspberry Pi OS's spi and gpio groups.
printf 'processor\t: 0\nModel\t\t: Raspberry Pi 3 Model B Rev 1.2\n' >"$work/cpuinfo"
mount_at --bind "$work/cpuinfo" "$r/proc/cpuinfo"
mkdir -p "$r/boot/firmware"
printf '# For more options see config.txt(5)\ndtparam=audio=on\n' >"$r/boot/firmware/config.txt"
in_root() { chroot "$r" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8 "$@"; }
{ in_root groupadd --system spi && in_root groupadd --system gpio; } || fail "groupadd spi, gpio"

# --- Two builds of the package ----------------------------------------------------------------------
case_start "make-deb.sh amd64 (1.2.3), and a 1.2.4 of it whose default settings changed"
deb1="$(EO_DEB_BUILD_DIR="$build" EO_DEB_OUT="$work/debs" EO_DEB_VERSION=1.2.3 "$src/scripts/make-deb.sh" amd64)" ||
  fail "make-deb.sh failed"
# The later release is the same package repacked (make-deb.sh's versioning is test_deb.sh's business):
# its default conffiles differ, so dpkg must keep an edited one and update an untouched one.
dpkg-deb -R "$deb1" "$work/v2"
sed -i 's/^Version: .*/Version: 1.2.4/' "$work/v2/DEBIAN/control"
for conf in chargepoint.conf csms-lite.conf; do echo "# 1.2.4 default" >>"$work/v2/etc/eo-ocpp/$conf"; done
deb2="$work/debs/eo-ocpp_1.2.4_amd64.deb"
dpkg-deb --root-owner-group -Zgzip -z1 -b "$work/v2" "$deb2" >/dev/null || fail "repacking 1.2.4"
cp "$deb1" "$deb2" "$r/tmp/"
v1="/tmp/${deb1##*/}" v2="/tmp/${deb2##*/}"

owner_mode() { in_root stat -c '%U:%G %a' "$1"; }  # names from the root's passwd
enabled() { in_root systemctl is-enabled "$1" 2>/dev/null; }
wants="$r/etc/systemd/system/multi-user.target.wants"
log="$work/dpkg.log"
dpkg_in_root() { in_root "$@" dpkg "${dpkg_args[@]}" >"$log" 2>&1 || fail "dpkg ${dpkg_args[*]}: $(tail -20 "$log")"; }

case_start "dpkg -i: installed and configured without a running systemd"
dpkg_args=(-i "$v1"); dpkg_in_root
expect_eq "$(in_root dpkg-query -W -f '${Status} ${Version}' eo-ocpp)" "install ok installed 1.2.3" "status"
in_root dpkg --verify eo-ocpp >"$work/verify" 2>&1 || fail "dpkg --verify: $(cat "$work/verify")"

case_start "the system user and its groups"
IFS=: read -r _ _ uid gid _ home shell <<<"$(in_root getent passwd eo-ocpp)"
[[ -n "$uid" && "$uid" -lt 1000 ]] || fail "eo-ocpp is not a system user (uid '$uid')"
expect_eq "$home:$shell" "/var/lib/eo-ocpp:/usr/sbin/nologin" "home and shell"
expect_eq "$(in_root getent group eo-ocpp | cut -d: -f3)" "$gid" "its own group"
expect_eq "$(in_root id -nG eo-ocpp | tr ' ' '\n' | sort | tr '\n' ' ')" "dialout eo-ocpp gpio spi " "groups"

case_start "files in place with owners and modes"
for entry in "/usr/bin/eo-chargepoint root:root 755" "/usr/bin/csms-lite root:root 755" \
  "/usr/bin/eo-board-sim root:root 755" "/usr/bin/eo-simctl root:root 755" "/usr/sbin/eo-ocpp-update root:root 755" \
  "/usr/share/eo-ocpp/web/index.html root:root 644" "/etc/eo-ocpp root:root 755" \
  "/etc/eo-ocpp/chargepoint.conf root:root 644" "/etc/eo-ocpp/csms-lite.conf root:root 644" \
  "/lib/systemd/system/eo-chargepoint.service root:root 644" "/lib/systemd/system/eo-csms-lite.service root:root 644" \
  "/lib/systemd/journald.conf.d/60-eo-ocpp.conf root:root 644" "/var/lib/eo-ocpp eo-ocpp:eo-ocpp 750"; do
  path="${entry%% *}"
  expect_file "$r$path"
  expect_eq "$path $(owner_mode "$path")" "$entry" "owner and mode"
done
# The daemons accept the packaged settings as the service user (what systemd runs them as).
for daemon in "eo-chargepoint --config /etc/eo-ocpp/chargepoint.conf" "csms-lite --config /etc/eo-ocpp/csms-lite.conf"; do
  # shellcheck disable=SC2086 # the command and its arguments
  in_root runuser -u eo-ocpp -- $daemon --check-config >"$work/out" 2>&1 || fail "$daemon --check-config: $(cat "$work/out")"
done

case_start "both services enabled for the next boot, the simulator tools not"
expect_eq "$(enabled eo-chargepoint.service)" enabled "eo-chargepoint"
expect_eq "$(enabled eo-csms-lite.service)" enabled "eo-csms-lite"
expect_eq "$(readlink "$wants/eo-chargepoint.service")" /lib/systemd/system/eo-chargepoint.service "symlink"
grep -rl "eo-board-sim\|eo-simctl" "$r/lib/systemd/system" "$r/etc/systemd/system" && fail "a unit starts a simulator tool"

case_start "SPI enabled once in /boot/firmware/config.txt, reboot flagged"
expect_eq "$(grep -c '^dtparam=spi=on$' "$r/boot/firmware/config.txt")" 1 "dtparam lines"
expect_grep "^dtparam=audio=on$" "$r/boot/firmware/config.txt"
expect_grep "reboot for it to take effect" "$log"
expect_grep "^eo-ocpp$" "$r/run/reboot-required.pkgs"

case_start "upgrade to 1.2.4 (--force-confold, as eo-ocpp-update): edited settings, data, user, choices kept"
sed -i 's/^charge_point_id = .*/charge_point_id = garage/' "$r/etc/eo-ocpp/chargepoint.conf"
echo "transactions" >"$r/var/lib/eo-ocpp/chargepoint.db"
in_root chown eo-ocpp:eo-ocpp /var/lib/eo-ocpp/chargepoint.db
in_root systemctl disable eo-csms-lite.service >/dev/null 2>&1 || fail "systemctl disable in the root"
dpkg_args=(--force-confold -i "$v2"); dpkg_in_root
expect_eq "$(in_root dpkg-query -W -f '${Status} ${Version}' eo-ocpp)" "install ok installed 1.2.4" "status"
expect_grep "^charge_point_id = garage$" "$r/etc/eo-ocpp/chargepoint.conf"
expect_no_grep "1.2.4 default" "$r/etc/eo-ocpp/chargepoint.conf"
expect_grep "1.2.4 default" "$r/etc/eo-ocpp/chargepoint.conf.dpkg-dist"
expect_grep "1.2.4 default" "$r/etc/eo-ocpp/csms-lite.conf"  # untouched: the new default
expect_eq "$(cat "$r/var/lib/eo-ocpp/chargepoint.db")" transactions "data"
expect_eq "$(owner_mode /var/lib/eo-ocpp/chargepoint.db)" "eo-ocpp:eo-ocpp 644" "data owner"
expect_eq "$(in_root id -u eo-ocpp)" "$uid" "uid"
expect_eq "$(enabled eo-csms-lite.service)" disabled "eo-csms-lite (disabled by the admin)"
expect_eq "$(enabled eo-chargepoint.service)" enabled "eo-chargepoint"
expect_eq "$(grep -c '^dtparam=spi=on$' "$r/boot/firmware/config.txt")" 1 "dtparam lines"

case_start "dpkg -r: executables gone; settings, data and user kept"
dpkg_args=(-r eo-ocpp); dpkg_in_root
expect_eq "$(in_root dpkg-query -W -f '${Status}' eo-ocpp)" "deinstall ok config-files" "status"
expect_no_file "$r/usr/bin/eo-chargepoint"
expect_no_file "$r/lib/systemd/system/eo-chargepoint.service"
expect_grep "^charge_point_id = garage$" "$r/etc/eo-ocpp/chargepoint.conf"
expect_file "$r/var/lib/eo-ocpp/chargepoint.db"
in_root getent passwd eo-ocpp >/dev/null || fail "user eo-ocpp removed"

case_start "dpkg -P: settings and enablement gone, data kept and said so"
dpkg_args=(-P eo-ocpp); dpkg_in_root
expect_eq "$(in_root dpkg-query -W -f '${Status}' eo-ocpp 2>/dev/null)" "" "status"
expect_no_file "$r/etc/eo-ocpp"
expect_no_file "$wants/eo-chargepoint.service"
expect_file "$r/var/lib/eo-ocpp/chargepoint.db"
expect_grep "kept the data in /var/lib/eo-ocpp" "$log"

case_start "reinstall on an older image (/boot/config.txt), then purge with EO_OCPP_PURGE_DATA=yes"
rm -r "$r/boot/firmware"
printf 'gpu_mem=16\n' >"$r/boot/config.txt"
dpkg_args=(-i "$v2"); dpkg_in_root
expect_eq "$(grep -c '^dtparam=spi=on$' "$r/boot/config.txt")" 1 "dtparam lines in /boot/config.txt"
expect_eq "$(enabled eo-csms-lite.service)" enabled "eo-csms-lite (purge forgot the admin's choice)"
expect_eq "$(cat "$r/var/lib/eo-ocpp/chargepoint.db")" transactions "data from before the purge"
dpkg_args=(-P eo-ocpp); dpkg_in_root env EO_OCPP_PURGE_DATA=yes
expect_no_file "$r/var/lib/eo-ocpp"
expect_no_file "$r/etc/eo-ocpp"

echo "all debootstrap cases passed"
