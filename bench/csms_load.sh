#!/usr/bin/env bash
# Load benchmark of csms-lite: N simulated charge points (bench/README.md, "csms_load.sh").
#   bench/csms_load.sh              the static release csms-lite in build/release (built first, like
#                                   bench/run.sh), all scenarios (about 10 minutes)
#   bench/csms_load.sh BUILD_DIR    the csms-lite of an existing build (e.g. build/test)
#   bench/csms_load.sh --smoke [BUILD_DIR]   50 charge points for 5 s: does the benchmark work?
#   bench/csms_load.sh --boost ...  the same at a higher CPU share than the other sessions' work
#                                   (root; for a machine shared with compiles, see bench/README.md)
# EO_LOAD_SCENARIOS (steady,connected,restart), EO_LOAD_WORKERS (2), EO_LOAD_RAMP (500 connections/s),
# EO_LOAD_WINDOW_S (30), EO_LOAD_KEEP=1 (keep csms-lite's folder and log): see bench/csms_load.mjs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ "${1:-}" == "--boost" ]]; then
  shift
  # With autogroups (kernel.sched_autogroup_enabled=1) CFS shares the CPUs between sessions first,
  # so plain `nice` only ranks processes inside one session: a session of our own, reniced.
  exec setsid bash -c 'echo -10 > /proc/self/autogroup && exec "$0" "$@"' "$0" "$@"
fi
if [[ "${1:-}" == "--smoke" ]]; then
  export EO_LOAD_SCENARIOS=smoke
  shift
fi
build="${1:-}"
if [[ -z "$build" ]]; then
  build="$root/build/release"
  if [[ ! -x "$build/csms-lite/csms-lite" ]] && [[ -x "$root/build/csms-lite/csms-lite" ]]; then
    build="$root/build"  # no release build and none wanted: the test build
  else
    (cd "$root" && export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1 &&
     cmake --preset release >/dev/null && cmake --build --preset release --target csms-lite)
  fi
fi
build="$(cd "$build" && pwd)"
export EO_CSMS_LITE_BIN="$build/csms-lite/csms-lite"
export EO_WEB_ROOT="$root/web"
[[ -x "$EO_CSMS_LITE_BIN" ]] || { echo "bench: $EO_CSMS_LITE_BIN is missing; build csms-lite in $build" >&2; exit 2; }
if [[ ! -d "$root/bench/node_modules/ws" ]]; then
  (cd "$root/bench" && npm ci --no-audit --no-fund)
fi

# 10,000 charge points are 10,000 sockets in csms-lite and as many in the generator, plus files.
want=24000
hard="$(ulimit -Hn)"
if [[ "$hard" != unlimited ]] && (( hard < want )); then want="$hard"; fi
ulimit -n "$want"
if (( want < 10100 )); then
  echo "bench: ulimit -n is at most $want here; the 10,000-connection scenario needs more" >&2
fi

echo "build: $build ($(grep -m1 CMAKE_BUILD_TYPE: "$build/CMakeCache.txt" | cut -d= -f2)," \
     "EO_STATIC=$(grep -m1 EO_STATIC: "$build/CMakeCache.txt" | cut -d= -f2 || echo OFF)); ulimit -n $(ulimit -n)"
echo "machine: $(nproc) CPUs, $(uptime); autogroup: $(cat /proc/self/autogroup 2>/dev/null || echo none)"
exec node "$root/bench/csms_load.mjs"
