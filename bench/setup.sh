#!/usr/bin/env bash
# Install the load generator for bench/resolver.py (Debian package `wrk`); run as root.
# Another process may hold the dpkg lock (apt run elsewhere): wait and retry.
set -euo pipefail
if command -v wrk >/dev/null 2>&1; then
  echo "wrk present: $(command -v wrk)"
  exit 0
fi
for attempt in $(seq 1 30); do
  if apt-get install -y --no-install-recommends wrk; then
    exit 0
  fi
  if [ "$attempt" -eq 1 ]; then
    apt-get update || true
  fi
  echo "apt-get failed (dpkg lock held?); retry ${attempt}/30 in 10 s" >&2
  sleep 10
done
echo "could not install wrk" >&2
exit 2
