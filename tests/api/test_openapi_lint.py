"""The OpenAPI document passes the official NL API Design Rules linter (Logius' Spectral ruleset).

Spectral is installed by scripts/install-spectral.sh (scripts/test.sh runs it). The harness is
first checked on the linter's own conformance cases: it must report exactly what their
expected output lists, so a silent linter cannot make the real check pass.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from graph.settings import Settings

REPO = Path(__file__).resolve().parents[2]
SPECTRAL = REPO / ".tools" / "spectral" / "node_modules" / ".bin" / "spectral"
EXPECTED_LINE = re.compile(r"^\s*\d+:\d+\s+(error|warning|info|hint)\s+(\S+)\s", re.M)
SEVERITY = {0: "error", 1: "warning", 2: "info", 3: "hint"}
STANDARD_NAMES = {"default-graph-uri", "named-graph-uri"}
"""Query parameter names fixed by the SPARQL 1.1 Protocol: not ours to camelCase."""


@pytest.fixture(scope="module")
def adr(shared_data: Path) -> Path:
    if not SPECTRAL.exists():
        pytest.fail(f"{SPECTRAL} missing: run scripts/install-spectral.sh (scripts/test.sh does)")
    return shared_data / "logius-api-design-rules"


def lint(ruleset: Path, document: Path) -> list[dict[str, Any]]:
    done = subprocess.run([str(SPECTRAL), "lint", "-q", "-f", "json", "-r", str(ruleset), str(document)],
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().startswith("["), done.stdout + done.stderr
    return list(json.loads(done.stdout))


@pytest.mark.parametrize("case", ["baseline", "contact-missing", "error-type", "paths-kebab-incorrect"])
def test_harness_reproduces_the_linters_own_cases(adr: Path, case: str) -> None:
    folder = adr / "linter" / "testcases" / case
    expected = sorted(EXPECTED_LINE.findall((folder / "expected-output.txt").read_text()))
    found = sorted((SEVERITY[r["severity"]], r["code"]) for r in lint(adr / "media" / "linter.yaml",
                                                                        folder / "openapi.json"))
    assert found == expected


def test_our_openapi_passes_the_api_design_rules(adr: Path, tmp_path: Path) -> None:
    document = tmp_path / "openapi.json"
    document.write_text(json.dumps(create_app(Settings(store=":memory:")).openapi()))
    results = lint(adr / "media" / "linter.yaml", document)
    standard = [r for r in results if r["code"] == "nlgov:query-keys-camel-case"
                and any(name in r["message"] for name in STANDARD_NAMES)]
    rest = [(r["code"], ".".join(map(str, r["path"])), r["message"]) for r in results if r not in standard]
    assert rest == []
    assert len(standard) == 4  # default-graph-uri and named-graph-uri on GET and POST /sparql
