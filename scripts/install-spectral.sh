#!/usr/bin/env bash
# Install Spectral (the linter of the NL API Design Rules ruleset) into .tools/spectral for the
# OpenAPI lint test (tests/api/test_openapi_lint.py). Idempotent; needs node + npm (Debian nodejs/npm).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.tools/spectral/node_modules/.bin/spectral
[ -x "$BIN" ] && exit 0
if ! command -v npm >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=60 install -y --no-install-recommends nodejs npm \
    || { $SUDO apt-get update && $SUDO env DEBIAN_FRONTEND=noninteractive \
         apt-get -o DPkg::Lock::Timeout=60 install -y --no-install-recommends nodejs npm; }
fi
mkdir -p .tools/spectral
npm install --prefix .tools/spectral --no-audit --no-fund --silent @stoplight/spectral-cli@6
[ -x "$BIN" ] || { echo "spectral could not be installed" >&2; exit 1; }
