#!/usr/bin/env bash
# Install axe-core (the accessibility checker) into .tools/axe for the real-browser page tests
# (tests/ui/test_workspace_pages.py). Idempotent; needs node + npm (Debian nodejs/npm).
set -euo pipefail
cd "$(dirname "$0")/.."
FILE=.tools/axe/node_modules/axe-core/axe.min.js
[ -f "$FILE" ] && exit 0
if ! command -v npm >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=60 install -y --no-install-recommends nodejs npm \
    || { $SUDO apt-get update && $SUDO env DEBIAN_FRONTEND=noninteractive \
         apt-get -o DPkg::Lock::Timeout=60 install -y --no-install-recommends nodejs npm; }
fi
mkdir -p .tools/axe
npm install --prefix .tools/axe --no-audit --no-fund --silent axe-core@4
[ -f "$FILE" ] || { echo "axe-core could not be installed" >&2; exit 1; }
