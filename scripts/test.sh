#!/usr/bin/env bash
# Install Stelselgraaf with its test extras into .venv and run the whole test suite.
# Everything a test needs comes from here: the test extras (oxigraph server binary, pytest plugins),
# Debian's chromium (UI tests) and virtuoso-opensource (remote-store tests), and Spectral (npm).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
if ! .venv/bin/python -c "import api, graph, loaders, pytest, xdist" 2>/dev/null \
   || [ ! -x .venv/bin/oxigraph ] || [ pyproject.toml -nt .venv/.installed-test ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
  touch .venv/.installed-test
fi
./scripts/install-browser.sh   # chromium for the real-browser UI tests (tests/ui)
./scripts/install-virtuoso.sh  # Virtuoso for the remote-store tests (tests/virtuoso.py)
./scripts/install-spectral.sh  # Spectral for the API Design Rules lint of the OpenAPI document
./scripts/install-axe.sh       # axe-core for the accessibility checks of the pages (tests/ui)
exec .venv/bin/python -m pytest -n 2 "$@"
