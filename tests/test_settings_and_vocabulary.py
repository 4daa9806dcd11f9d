"""Every setting is documented; every project term the code uses is declared in ontologies/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from graph.settings import Settings

REPO = Path(__file__).resolve().parents[1]


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    for name, field in Settings.model_fields.items():
        assert f"`STELSELGRAAF_{name.upper()}`" in readme, f"{name} missing from README settings table"
        assert field.description, f"{name} has no description"


def test_settings_read_the_environment_with_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STELSELGRAAF_RESULT_LIMIT", "42")
    monkeypatch.setenv("STELSELGRAAF_STORE", "http://127.0.0.1:7878/query")
    settings = Settings()
    assert settings.result_limit == 42 and settings.is_remote
    assert Settings().query_timeout_s == 10


@pytest.mark.parametrize("bad", [{"base_iri": "https://x.nl"}, {"port": 0}, {"query_timeout_s": 0},
                                 {"log_level": "LOUD"}])
def test_invalid_settings_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Settings(**bad)  # type: ignore[arg-type]


def _declared() -> set[str]:
    text = "\n".join(p.read_text("utf-8") for p in (REPO / "ontologies").glob("*.ttl"))
    return set(re.findall(r"^stg:([A-Za-z0-9]+)\s+a\s", text, re.MULTILINE))


def _used() -> set[str]:
    used: set[str] = set()
    for folder in ("graph", "loaders", "api", "shapes", "seed"):
        for path in (REPO / folder).rglob("*"):
            if path.suffix in {".py", ".rq", ".ru", ".ttl"}:
                text = path.read_text("utf-8")
                used |= set(re.findall(r"\bSTG\.([A-Za-z0-9]+)", text))
                used |= set(re.findall(r'\bSTG\["([A-Za-z0-9]+)"\]', text))
                used |= set(re.findall(r"(?<![\w/#])stg:([A-Za-z0-9]+)", text))
    return used


def test_every_project_term_used_is_declared() -> None:
    missing = _used() - _declared()
    assert not missing, f"used but not declared in ontologies/: {sorted(missing)}"
