#!/usr/bin/env bash
# Builds everything and runs every test: unit tests (GoogleTest), integration tests with real processes
# on loopback (Node.js + the npm package ocpp-rpc as an independent OCPP peer), and a short fuzz run.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD

scripts/install-build-deps.sh --test
export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=1
jobs=$(nproc)

# The fuzz target needs clang's libFuzzer; it is a separate, small build (only the ocpp library).
CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz -G Ninja -DEO_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/fuzz --target frame_fuzzer -j "$jobs"

cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEO_FUZZ_BUILD_DIR="$root/build/fuzz" >/dev/null
started=$(date +%s)
cmake --build build/test -j "$jobs"
echo "build: $(( $(date +%s) - started )) s"

(cd tests/integration && npm ci --no-audit --no-fund --loglevel=error)

ctest --test-dir build/test --output-on-failure -j "$jobs" --timeout 600
