#!/usr/bin/env bash
# Runs the ARM executable named by EO_ARMEL_EXECUTABLE as the Pi Zero's CPU (ARM1176, ARMv6) under
# user-mode QEMU, with this script's arguments. The integration helpers start it as if it were the daemon.
# exec: the process the harness signals (SIGTERM) is QEMU itself, which passes it on to the program.
set -euo pipefail
: "${EO_ARMEL_EXECUTABLE:?set EO_ARMEL_EXECUTABLE to the armel executable}"
exec qemu-arm-static -cpu arm1176 "$EO_ARMEL_EXECUTABLE" "$@"
