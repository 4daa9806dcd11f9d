#!/usr/bin/env bash
# Install one npm package into .tools/NAME (for a test that needs it), once: npm-tool.sh NAME PACKAGE FILE
# FILE is what must exist afterwards (relative to the repository). Needs node + npm (Debian nodejs/npm).
set -euo pipefail
cd "$(dirname "$0")/.."
NAME=$1 PACKAGE=$2 FILE=$3
[ -e "$FILE" ] && exit 0
if ! command -v npm >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=60 install -y --no-install-recommends nodejs npm \
    || { $SUDO apt-get update && $SUDO env DEBIAN_FRONTEND=noninteractive \
         apt-get -o DPkg::Lock::Timeout=60 install -y --no-install-recommends nodejs npm; }
fi
mkdir -p ".tools/$NAME"
npm install --prefix ".tools/$NAME" --no-audit --no-fund --silent "$PACKAGE"
[ -e "$FILE" ] || { echo "$PACKAGE could not be installed" >&2; exit 1; }
