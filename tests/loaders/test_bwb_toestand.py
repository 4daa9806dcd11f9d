"""The toestand format: consolidated versions, validity intervals and the RDF version history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph.rdf.namespaces import SKOS, STG
from graph.rdf.terms import BlankNode, NamedNode
from loaders.base import Source
from loaders.bwb import LegalDefinition, extract_definitions, law_documents, load_bwb

DHW = "bwb-toestand-2015/BWBR0002458"
BASE = "https://example.org/"


@pytest.fixture(scope="module")
def dhw(shared_data: Path) -> list[LegalDefinition]:
    return extract_definitions(shared_data / DHW)


def on(defs: list[LegalDefinition], term: str, day: date) -> LegalDefinition:
    """What ``term`` meant on ``day`` (latest-known expression for that day)."""
    hits = [d for d in defs if d.term == term and d.valid_from is not None
            and d.valid_from <= day and (d.valid_to is None or day <= d.valid_to)]
    return max(hits, key=lambda d: d.version_id or "")


def test_all_sixteen_versions_are_read(shared_data: Path) -> None:
    docs = law_documents(shared_data / DHW)
    assert len(docs) == 16
    assert {d.title for d in docs} == {"Drank- en Horecawet"}
    first = docs[0]
    assert (first.version_id, first.valid_from, first.valid_to) == (
        "2000-11-01_0", date(2000, 11, 1), date(2002, 6, 30))
    assert docs[-1].version_id == "2015-01-01_0" and docs[-1].valid_to is None
    assert all(len(d.definitions) >= 15 for d in docs)


def test_wijn_changed_between_2001_and_2015(dhw: list[LegalDefinition]) -> None:
    old = on(dhw, "wijn", date(2001, 1, 1))
    new = on(dhw, "wijn", date(2015, 6, 1))
    assert old.text.startswith("de drank, die door alcoholische gisting is verkregen")
    assert new.text.startswith("de categorieën alcoholhoudende dranken als opgesomd in Bijlage IV")
    assert old.text != new.text


def test_sterke_drank_unchanged(dhw: list[LegalDefinition]) -> None:
    assert on(dhw, "sterke drank", date(2001, 1, 1)).text == on(
        dhw, "sterke drank", date(2015, 6, 1)).text


def test_terms_that_came_and_went(dhw: list[LegalDefinition]) -> None:
    assert any(d.term == "inspecteur" and d.version_id == "2000-11-01_0" for d in dhw)
    assert not any(d.term == "inspecteur" and d.version_id == "2015-01-01_0" for d in dhw)
    assert any(d.term == "barvrijwilliger" and d.version_id == "2015-01-01_0" for d in dhw)


def test_dash_items_and_list_continuation(dhw: list[LegalDefinition]) -> None:
    bezoeker = on(dhw, "bezoeker", date(2015, 6, 1))
    assert bezoeker.text.startswith(
        "een ieder die zich in een inrichting bevindt, met uitzondering van: 1°. leidinggevenden")


def test_rdf_versions(shared_data: Path) -> None:
    graph = NamedNode(BASE + "graph/source/bwb-dhw")
    source = Source("bwb-dhw", (shared_data / DHW,), graph, BASE)
    quads = list(load_bwb(source))
    assert quads == list(load_bwb(source))
    assert all(q.graph_name == graph for q in quads)
    assert not any(isinstance(t, BlankNode) for q in quads for t in (q.subject, q.object))
    wijn = NamedNode(BASE + "id/begrip/BWBR0002458/wijn")
    versions = [q.object for q in quads if q.subject == wijn and q.predicate == STG.versie]
    assert len(versions) >= 2
    newest = next(q.object.value for q in quads if q.subject == wijn
                  and q.predicate == SKOS.definition)
    assert newest.startswith("de categorieën alcoholhoudende dranken")
    ends = [q for q in quads if q.subject in versions and q.predicate == STG.geldigTot]
    assert len(ends) == len(versions) - 1


def test_version_variants_prefer_latest_knowledge(shared_data: Path) -> None:
    graph = NamedNode(BASE + "graph/source/x")
    quads = list(load_bwb(Source("x", (shared_data / DHW,), graph, BASE)))
    ids = {q.object.value for q in quads if q.predicate.value.endswith("/identifier")}
    assert "2013-01-01_0" not in ids


def test_treaty_and_single_newest_version(shared_data: Path) -> None:
    btw = extract_definitions(shared_data / "bwb-toestand-2015/BWBR0002629")
    assert len(btw) >= 41
    assert {d.valid_from for d in btw} == {date(2015, 1, 1)}
    treaty = extract_definitions(shared_data / "bwb-toestand-2015/BWBV0001109")
    assert [d.term for d in treaty] == ["maatregel"]
