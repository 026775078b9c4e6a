#!/usr/bin/env bash
# Installs, from Debian's (or Raspberry Pi OS's) own packages, whatever is missing to build the project;
# with --test also what the tests need (the armel cross build under QEMU included); with --cross only
# what scripts/cross-build.sh needs besides the build tools. Idempotent: nothing is touched when all is
# present.
set -euo pipefail

packages=(cmake ninja-build g++ ccache lld pkg-config
          libboost1.81-dev libssl-dev nlohmann-json3-dev libsqlite3-dev libspdlog-dev libfmt-dev)
# The armel cross compiler (glibc and libstdc++ for armel included) and user-mode QEMU to run its output.
cross=(g++-arm-linux-gnueabi qemu-user-static)
if [[ "${1:-}" == "--test" ]]; then
  # chromium: the web UI tests drive Debian's headless Chromium (tests/web).
  # debootstrap: the package test in a real Debian 12 root (tests/packaging/test_debootstrap.sh).
  packages+=(libgtest-dev libgmock-dev clang-14 libclang-rt-14-dev chromium debootstrap "${cross[@]}")
elif [[ "${1:-}" == "--cross" ]]; then
  packages+=("${cross[@]}")
fi
# The build fetches the OCPP schemas with npm. Keep an existing Node.js (it may be newer than Debian's).
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
