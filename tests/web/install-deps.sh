#!/bin/sh
# System packages for the web UI tests: Debian's Chromium, driven by playwright-core (tests/web/package.json).
# Never `npx playwright install`: it downloads its own browser and fails offline.
set -eu
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update
  apt-get install -y --no-install-recommends chromium
fi
cd "$(dirname "$0")" && npm ci --no-audit --no-fund
