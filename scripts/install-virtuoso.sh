#!/usr/bin/env bash
# Install Debian's Virtuoso Open Source (virtuoso-t, isql-vt) for the remote-store tests.
# Idempotent; the tests start their own throw-away server (tests/virtuoso.py), never the system one.
set -euo pipefail
if command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
for attempt in 1 2 3 4 5; do
  if $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=60 install -y --no-install-recommends virtuoso-opensource \
     || { $SUDO apt-get update && $SUDO env DEBIAN_FRONTEND=noninteractive \
          apt-get -o DPkg::Lock::Timeout=60 install -y --no-install-recommends virtuoso-opensource; }; then
    break
  fi
  echo "apt-get failed (attempt $attempt; another apt may hold the lock); retrying" >&2
  sleep 10
done
command -v virtuoso-t >/dev/null || { echo "virtuoso-t could not be installed" >&2; exit 1; }
