"""The official NL-SBB profile (skos-ap-nl) through pySHACL reproduces the published reports.

Options are those of ``graph.sources.gate.validate_rdflib`` (inference none, advanced on, no
JS, no owl:imports); with them the IMGeo export gives exactly the 351 Warnings of
``val-nl-sbb-imgeo/_shacl-report-imgeo.ttl``, result for result.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import rdflib
from pyshacl import validate
from rdflib.namespace import RDF, SH

Key = tuple[str, str | None, str, str]


def _report(data: rdflib.Graph, shapes: rdflib.Graph) -> rdflib.Graph:
    _conforms, report, _text = validate(
        data, shacl_graph=shapes, inference="none", advanced=True, js=False,
        do_owl_imports=False, allow_warnings=True)
    assert isinstance(report, rdflib.Graph)
    return report


def _keys(report: rdflib.Graph) -> Counter[Key]:
    def text(node: rdflib.term.Node, predicate: rdflib.URIRef) -> str | None:
        value = report.value(node, predicate)
        return None if value is None else str(value)

    return Counter(
        (text(r, SH.focusNode) or "", text(r, SH.resultPath),
         text(r, SH.sourceConstraintComponent) or "", text(r, SH.resultSeverity) or "")
        for r in report.subjects(RDF.type, SH.ValidationResult))


def _graph(path: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(path, format="turtle")


@pytest.fixture(scope="module")
def profile(shared_data: Path) -> rdflib.Graph:
    return _graph(shared_data / "geonovum-nl-sbb" / "profiles_skos-ap-nl.ttl")


def test_imgeo_reproduces_published_report(shared_data: Path, profile: rdflib.Graph) -> None:
    folder = shared_data / "val-nl-sbb-imgeo"
    ours = _keys(_report(_graph(folder / "tmp-imgeo.ttl"), profile))
    published = _keys(_graph(folder / "_shacl-report-imgeo.ttl"))
    assert sum(published.values()) == 351
    assert {k[3] for k in published} == {str(SH.Warning)}
    assert ours == published


def test_netbeheer_has_no_results(shared_data: Path, profile: rdflib.Graph) -> None:
    report = _report(_graph(shared_data / "netbeheer-begrippen" / "begrippenkader.ttl"), profile)
    assert _keys(report) == Counter()


def test_mini_shacl_part_of_planted_defects(shared_data: Path, profile: rdflib.Graph) -> None:
    """The defects SHACL can see: labels, class of the broader, unique prefLabel (10 Warnings)."""
    mini = shared_data / "geonovum-nl-sbb" / "validator-rules" / "voorbeeld-imgeo-mini.ttl"
    keys = _keys(_report(_graph(mini), profile))
    assert sum(keys.values()) == 10
    local = {(k[0].rsplit("/", 1)[-1], k[1] and k[1].rsplit("#", 1)[-1]) for k in keys}
    assert ("Functiewegdeel", "prefLabel") in local  # collectie zonder skos:prefLabel
    assert {("Bak", "broaderGeneric"), ("Begroeidterreindeel", "broaderGeneric")} <= local
    assert {("Plustype_wegdeel", None), ("Plustype_terrein", None)} <= local
