#!/usr/bin/env bash
# Builds the eo-ocpp Debian package from a fully static build:
#   scripts/make-deb.sh armel   → build/packages/eo-ocpp_<version>_armhf.deb  (the Raspberry Pi)
#   scripts/make-deb.sh amd64   → build/packages/eo-ocpp_<version>_amd64.deb  (laptops, tests)
# armel uses build/armel (scripts/cross-build.sh armel), amd64 build/release (cmake --preset release);
# a missing build is made first. Environment: EO_DEB_BUILD_DIR (the build folder), EO_DEB_VERSION
# (default <project version>+<commit count>.g<hash>), EO_DEB_OUT (default build/packages).
#
# Why the armel build is packaged as Architecture: armhf: the executables are static (no shared
# library, no dependency on the distribution's ABI), and ARMv5TE soft-float code runs on every 32-bit
# Raspberry Pi OS, whose dpkg architecture is armhf. An "armel" package would need
# `dpkg --add-architecture armel` on the Pi for no gain. A 64-bit Raspberry Pi OS (arm64) refuses it.
set -euo pipefail

arch="${1:-}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "$arch" in
  armel) deb_arch=armhf; build="${EO_DEB_BUILD_DIR:-$root/build/armel}" ;;
  amd64) deb_arch=amd64; build="${EO_DEB_BUILD_DIR:-$root/build/release}" ;;
  *) echo "usage: scripts/make-deb.sh armel|amd64" >&2; exit 2 ;;
esac
out="${EO_DEB_OUT:-$root/build/packages}"

if [[ ! -x "$build/chargepoint/eo-chargepoint" || ! -x "$build/csms-lite/csms-lite" ]]; then
  echo "make-deb: no executables in $build: building them" >&2
  if [[ "$arch" == armel ]]; then
    EO_CROSS_BUILD_DIR="$build" "$root/scripts/cross-build.sh" armel
  else
    (cd "$root" && cmake --preset release >/dev/null && cmake --build --preset release)
  fi
fi

project_version="$(sed -n 's/^project([a-z_]* VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")"
if [[ -z "${EO_DEB_VERSION:-}" ]]; then
  git_suffix=""
  if git -C "$root" rev-parse HEAD >/dev/null 2>&1; then
    # The commit count makes every later commit a higher version, which apt and eo-ocpp-update rely on.
    git_suffix="+$(git -C "$root" rev-list --count HEAD).g$(git -C "$root" rev-parse --short=8 HEAD)"
  fi
  EO_DEB_VERSION="$project_version$git_suffix"
fi
version="$EO_DEB_VERSION"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
pkg="$stage/eo-ocpp"

# The same install rules as `cmake --install`, per folder: a build folder need not have every target
# (an older cross build has only the two daemons), and the top-level install would ask for all of them.
# The simulator tools (eo-board-sim, eo-simctl) are packaged when built: demos without a power board;
# no unit starts them.
for dir in chargepoint csms-lite packaging hal/sim hal/eo; do
  case "$dir" in
    hal/sim) [[ -x "$build/hal/sim/eo-simctl" ]] || continue ;;
    hal/eo) [[ -x "$build/hal/eo/eo-board-sim" ]] || continue ;;
  esac
  DESTDIR="$pkg" cmake --install "$build/$dir" --prefix /usr >/dev/null
done
# Debian 12 / Raspberry Pi OS bookworm packages keep units in /lib (the /usr/lib move came with trixie).
mkdir -p "$pkg/lib/systemd"
mv "$pkg/usr/lib/systemd/system" "$pkg/lib/systemd/system"
rmdir -p --ignore-fail-on-non-empty "$pkg/usr/lib/systemd"
install -D -m 644 "$root/packaging/deb/journald-eo-ocpp.conf" "$pkg/lib/systemd/journald.conf.d/60-eo-ocpp.conf"
install -D -m 755 "$root/packaging/eo-ocpp-update" "$pkg/usr/sbin/eo-ocpp-update"
# certs/make-certs.sh, for wss:// and https:// on the box (certs/README.md)
install -D -m 755 "$root/certs/make-certs.sh" "$pkg/usr/sbin/eo-ocpp-make-certs"
install -D -m 644 "$root/packaging/deb/etc/chargepoint.conf" "$pkg/etc/eo-ocpp/chargepoint.conf"
install -D -m 644 "$root/packaging/deb/etc/csms-lite.conf" "$pkg/etc/eo-ocpp/csms-lite.conf"
install -D -m 644 "$root/packaging/deb/copyright" "$pkg/usr/share/doc/eo-ocpp/copyright"
install -D -m 644 "$root/packaging/deb/lintian-overrides" "$pkg/usr/share/lintian/overrides/eo-ocpp"
printf 'eo-ocpp (%s) unstable; urgency=medium\n\n  * Built from %s.\n\n -- EO OCPP developers <eo-ocpp@users.noreply.github.com>  %s\n' \
  "$version" "$(git -C "$root" rev-parse HEAD 2>/dev/null || echo "a source tree")" \
  "$(date -R -d "@${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}")" |
  gzip -9n >"$pkg/usr/share/doc/eo-ocpp/changelog.gz"
chmod 644 "$pkg/usr/share/doc/eo-ocpp/changelog.gz"
find "$pkg/usr/bin" -type f -exec chmod 755 {} +
find "$pkg/usr/share/eo-ocpp" -type d -exec chmod 755 {} + -o -type f -exec chmod 644 {} +

mkdir -p "$pkg/DEBIAN"
installed_kib="$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$deb_arch/" -e "s/@INSTALLED_SIZE@/$installed_kib/" \
  "$root/packaging/deb/control.in" >"$pkg/DEBIAN/control"
(cd "$pkg" && find etc -type f | sort | sed 's|^|/|') >"$pkg/DEBIAN/conffiles"
for script in postinst prerm postrm; do
  install -m 755 "$root/packaging/deb/scripts/$script" "$pkg/DEBIAN/$script"
done
(cd "$pkg" && find . -path ./DEBIAN -prune -o -path ./etc -prune -o -type f -printf '%P\0' | sort -z |
  xargs -0 md5sum) >"$pkg/DEBIAN/md5sums"
chmod 644 "$pkg/DEBIAN/control" "$pkg/DEBIAN/conffiles" "$pkg/DEBIAN/md5sums"
find "$pkg" -type d -exec chmod 755 {} +

mkdir -p "$out"
deb="$out/eo-ocpp_${version}_${deb_arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
echo "$deb"
