#!/usr/bin/env bash
# Install Stelselgraaf into .venv (if needed) and run the service on the embedded store with
# the project's seed content. Only Python 3.11+ is required on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
if ! .venv/bin/python -c "import api, graph, loaders" 2>/dev/null || [ pyproject.toml -nt .venv/.installed ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e .
  touch .venv/.installed
fi
export STELSELGRAAF_STORE="${STELSELGRAAF_STORE:-var/store}"
if [ -d ../shared/data ]; then  # the real laws and begrippenkaders; unchanged sources are skipped
  .venv/bin/stelselgraaf seed
  .venv/bin/stelselgraaf load-shared ../shared/data || echo "load-shared: some sources invalid (see above)" >&2
fi
exec .venv/bin/stelselgraaf serve --seed "$@"
