#!/usr/bin/env bash
# Install Debian's chromium for the real-browser UI tests (tests/ui). Idempotent: does nothing when
# /usr/bin/chromium exists. Retries while another process holds the dpkg/apt lock. Fails loudly.
set -euo pipefail
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-browser: $CHROMIUM is missing and we are not root (no sudo)" >&2; exit 1
  fi
else
  SUDO=""
fi
export DEBIAN_FRONTEND=noninteractive
for attempt in $(seq 1 30); do
  if $SUDO apt-get -o DPkg::Lock::Timeout=60 update -q \
     && $SUDO apt-get -o DPkg::Lock::Timeout=60 install -y -q --no-install-recommends chromium; then
    break
  fi
  echo "install-browser: attempt $attempt failed (dpkg lock?), retrying in 10s" >&2
  sleep 10
done
if [ ! -x "$CHROMIUM" ]; then
  echo "install-browser: could not install chromium ($CHROMIUM still missing)" >&2
  exit 1
fi
"$CHROMIUM" --version 2>/dev/null
