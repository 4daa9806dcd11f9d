"""The load gate checks encoding (issue #12.6) with the detector of the quality check.

Mojibake (``coÃ¶peratie``) and invalid characters are warnings of the load; text that is at
least half invalid characters is a violation and the load is refused; the same text is what
``stelselgraaf quality`` calls an encoding error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from api.cli import main
from graph import sources
from graph.errors import ShapeViolation
from graph.quality.checks import run_checks, source_graph
from graph.store.base import GraphStore
from graph.text import encoding_defect
from loaders.pipeline import load

SCHEME = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <http://example.org/begrip/> .
ex:kader a skos:ConceptScheme ; skos:prefLabel "Kader"@nl .
ex:coop a skos:Concept ; skos:inScheme ex:kader ; skos:topConceptOf ex:kader ;
    skos:prefLabel "{label}"@nl ;
    skos:definition "{definition}"@nl .
"""


def _scheme(tmp_path: Path, label: str, definition: str = "een vereniging van leden") -> Path:
    path = tmp_path / "kader.ttl"
    path.write_text(SCHEME.format(label=label, definition=definition), encoding="utf-8")
    return path


def test_mojibake_is_a_warning_of_the_load(memory_store: GraphStore, tmp_path: Path) -> None:
    report = load(memory_store, [_scheme(tmp_path, "coÃ¶peratie")], name="kader")
    [finding] = [r for r in report.validation.results if "Tekstcoderingsfout" in r.message]
    assert (finding.severity, finding.focus, finding.value) == (
        "Warning", "http://example.org/begrip/coop", "coÃ¶peratie")
    assert finding.path == "http://www.w3.org/2004/02/skos/core#prefLabel"
    assert "'Ã¶'" in finding.message and report.validation.conforms
    [record] = [r for r in sources.list_sources(memory_store) if r.name == "kader"]
    assert record.warnings == report.validation.warnings >= 1
    # the quality check finds the same text, with the same detector
    [quality] = run_checks(memory_store, source_graph(memory_store, "kader"), ["encoding-error"])
    assert "'Ã¶'" in quality.message


@pytest.mark.parametrize("text, sample", [("co\ufffdperatie", "U+FFFD"), ("co\u0007operatie", "U+0007"),
                                          ("co\u0085operatie", "U+0085")])
def test_invalid_characters_are_warnings(memory_store: GraphStore, tmp_path: Path, text: str,
                                         sample: str) -> None:
    escaped = text.encode("unicode_escape").decode("ascii").replace("\\x", "\\u00")
    report = load(memory_store, [_scheme(tmp_path, escaped)], name="kader")
    [finding] = [r for r in report.validation.results if "Ongeldig teken" in r.message]
    assert finding.severity == "Warning" and sample in finding.message and finding.value == text


def test_unreadable_text_is_refused(memory_store: GraphStore, tmp_path: Path) -> None:
    path = _scheme(tmp_path, "co\\uFFFD\\uFFFD\\uFFFD\\uFFFD\\uFFFD\\uFFFD\\uFFFD")
    with pytest.raises(ShapeViolation) as refused:
        load(memory_store, [path], name="kader")
    [finding] = [r for r in refused.value.report.results if r.severity == "Violation"]  # type: ignore[attr-defined]
    assert finding.message.startswith("Onleesbare tekst") and finding.focus.endswith("/coop")
    assert "kader" not in {r.name for r in sources.list_sources(memory_store)}


def test_unreadable_text_exits_1_from_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _scheme(tmp_path, "ok", definition="\\uFFFD\\uFFFD\\uFFFD \\uFFFD\\uFFFD")
    code = main(["--store", str(tmp_path / "store"), "--quiet", "load", str(path), "--source", "kader"])
    assert code == 1
    assert "Onleesbare tekst" in capsys.readouterr().err


def test_clean_text_has_no_encoding_findings(memory_store: GraphStore, tmp_path: Path) -> None:
    report = load(memory_store, [_scheme(tmp_path, "coöperatie", "één of meer “leden”\\tmet\\nregels")],
                  name="kader")
    assert report.validation.results == ()


@pytest.mark.parametrize("text, kind", [
    ("coÃ¶peratie", "mojibake"), ("â€œaanhalingâ€\u009d", "mojibake"), ("Ã©Ã©n", "mojibake"),
    ("a\ufffdb", "invalid-character"), ("\ufffd\ufffd", "unreadable"), ("ab \ufffd\ufffd", "unreadable"),
    ("coöperatie", None), ("tab\tnieuwe\nregel\r", None),
])
def test_encoding_defect_kinds(text: str, kind: str | None) -> None:
    defect = encoding_defect(text)
    assert (defect.kind if defect else None) == kind
