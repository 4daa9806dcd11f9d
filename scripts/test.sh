#!/usr/bin/env bash
# Install Stelselgraaf with its test extras into .venv and run the whole test suite.
# Everything a test needs (oxigraph server binary, pytest plugins) comes from the test extras.
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
exec .venv/bin/python -m pytest -n 2 "$@"
