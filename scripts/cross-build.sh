#!/usr/bin/env bash
# Cross-builds the fully static executables for a Raspberry Pi (or any ARMv5TE-or-later Linux box).
#   scripts/cross-build.sh armel            eo-chargepoint, csms-lite and the simulator tools in build/armel
#   scripts/cross-build.sh armel --tests    also the pure unit test executables CI runs under QEMU
# Environment: EO_CROSS_BUILD_DIR (default build/<arch>), EO_CROSS_JOBS (default: nproc).
#
# armel (ARMv5TE, soft float) is the one Debian port whose code runs on the Pi Zero / Pi 1 (ARM1176)
# as well as on the Pi 2 and 3: Debian armhf is ARMv7 and dies with SIGILL on the Pi Zero. Everything
# (glibc, libstdc++, OpenSSL, SQLite) is linked in, so the Pi needs no libraries at all; the cost is that
# a host name is looked up through /etc/hosts and DNS only (no mDNS / NSS plugins; see README).
# The result (stripped): build/armel/chargepoint/eo-chargepoint, build/armel/csms-lite/csms-lite, and
# for a demo without a power board build/armel/hal/eo/eo-board-sim (the board on a pseudo-terminal)
# and build/armel/hal/sim/eo-simctl (the built-in simulated box's control client).
set -euo pipefail

arch="${1:-}"
if [[ "$arch" != armel ]]; then
  echo "usage: scripts/cross-build.sh armel [--tests]" >&2
  exit 2
fi
with_tests=false
[[ "${2:-}" == "--tests" ]] && with_tests=true

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${EO_CROSS_BUILD_DIR:-$root/build/$arch}"
jobs="${EO_CROSS_JOBS:-$(nproc)}"

"$root/scripts/install-build-deps.sh" --cross
sysroot="$("$root/scripts/make-armel-sysroot.sh" "$root/build/armel-sysroot")"

export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
targets=(eo-chargepoint csms-lite eo-board-sim eo-simctl)
tests=OFF
if $with_tests; then
  # Kept in step with tests/cross/CMakeLists.txt. Only suites without sockets or Beast: the Beast-heavy
  # translation units cost 40-65 CPU s each, and these link nothing the daemon does not already need.
  targets+=(unit_ocpp unit_chargepoint_domain unit_chargepoint_limits unit_hal_eo)
  tests=ON
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/armel.cmake" \
      -DEO_ARMEL_SYSROOT="$sysroot" -DCMAKE_BUILD_TYPE=MinSizeRel -DEO_STATIC=ON -DEO_BUILD_TESTS=$tests >/dev/null
started=$(date +%s)
cmake --build "$build" --target "${targets[@]}" -j "$jobs"
echo "armel build: $(( $(date +%s) - started )) s"
for binary in "$build/chargepoint/eo-chargepoint" "$build/csms-lite/csms-lite" "$build/hal/eo/eo-board-sim" \
              "$build/hal/sim/eo-simctl"; do
  echo "  $binary  $(( $(stat -c %s "$binary") / 1024 )) KiB"
done
