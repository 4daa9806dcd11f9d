"""The project's shapes, tested as data: valid/*.ttl conform, invalid/*.ttl have violations."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from graph.sources.gate import shapes_graph, validate_rdflib

HERE = Path(__file__).resolve().parent
SHAPE_FILES = tuple(sorted(p.stem for p in (HERE.parents[1] / "shapes").glob("*.ttl")))


@pytest.mark.parametrize("path", sorted((HERE / "valid").glob("*.ttl")), ids=lambda p: p.stem)
def test_valid_examples_conform(path: Path) -> None:
    report = validate_rdflib(rdflib.Graph().parse(path), shapes_graph(SHAPE_FILES))
    assert report.conforms, report.results


@pytest.mark.parametrize("path", sorted((HERE / "invalid").glob("*.ttl")), ids=lambda p: p.stem)
def test_invalid_examples_violate_with_a_message(path: Path) -> None:
    report = validate_rdflib(rdflib.Graph().parse(path), shapes_graph(SHAPE_FILES))
    assert report.violations >= 1
    assert all(r.message and r.focus for r in report.results)
