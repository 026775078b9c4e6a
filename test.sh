#!/usr/bin/env bash
# Builds everything and runs every test: unit tests (GoogleTest), integration tests with real processes
# on loopback (Node.js + the npm package ocpp-rpc as an independent OCPP peer), the web UI in headless
# Chromium (tests/web), a short fuzz run, and the
# Pi build: the armel cross build of both daemons and the pure unit tests, run under QEMU as the Pi
# Zero's CPU (tests/cross). EO_CROSS=0 skips the cross build and its tests.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD

scripts/install-build-deps.sh --test
export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=1
jobs=$(nproc)

# The fuzz target needs clang's libFuzzer; it is a separate, small build (only the ocpp library).
CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz -G Ninja -DEO_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/fuzz --target frame_fuzzer -j "$jobs"

# The box's static release build: the packaging test (tests/packaging) builds and checks the .deb
# from it. EO_RELEASE=0 skips it (that test then reports itself skipped).
if [[ ${EO_RELEASE:-1} != 0 ]]; then
  cmake --preset release >/dev/null
  started=$(date +%s)
  cmake --build --preset release -j "$jobs"
  echo "release build: $(( $(date +%s) - started )) s"
fi

armel_dir=""
if [[ ${EO_CROSS:-1} != 0 ]]; then
  scripts/cross-build.sh armel --tests  # prints its own build time
  armel_dir="$root/build/armel"
fi

cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEO_FUZZ_BUILD_DIR="$root/build/fuzz" \
      -DEO_ARMEL_BUILD_DIR="$armel_dir" >/dev/null
started=$(date +%s)
cmake --build build/test -j "$jobs"
echo "build: $(( $(date +%s) - started )) s"

(cd tests/integration && npm ci --no-audit --no-fund --loglevel=error)
(cd tests/web && npm ci --no-audit --no-fund --loglevel=error)

ctest --test-dir build/test --output-on-failure -j "$jobs" --timeout 600
