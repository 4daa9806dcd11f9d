"""graph.catalogue and the dump generator on the embedded (memory, disk) and remote (`oxigraph serve`)
backends: the same catalogue from the same seed, and a dump that holds exactly the source's quads."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import catalogue, sources
from graph.catalogue import vocabularies
from graph.open import open_store
from graph.rdf.rdfio import parse_rdf
from graph.rdf.terms import NamedNode
from graph.store.base import GraphStore
from loaders.seed import load_seed
from tests.conftest import make_settings

BASE = "https://stelselgraaf.nl/"


@pytest.fixture(params=["memory", "disk", "remote"])
def seeded(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    opened = open_store(make_settings(request.param, tmp_path, request))
    if request.param == "remote":
        opened.clear()
    list(load_seed(opened))
    yield opened
    opened.close()


def test_the_seed_gives_registers_sources_and_services(seeded: GraphStore) -> None:
    found = catalogue.catalogue(seeded)
    registers = found.of_kind("register")
    assert sorted(d.name for d in registers) == ["BAG", "BGT", "BLAU", "BRI", "BRK", "BRO", "BRP", "BRT", "BRV",
                                                 "NHR", "WOZ"]
    assert all(d.themes and d.access in vocabularies.ACCESS_RIGHTS and d.legislation for d in registers)
    records = {r.name: r for r in sources.list_sources(seeded)}
    others = [d for d in found.datasets if d.kind != "register"]
    assert {d.name for d in others} == set(records)
    for dataset in others:
        assert dataset.modified == records[dataset.name].loaded_at
        assert dataset.distributions[0].download_url == f"{BASE}v1/sources/{dataset.name}/dump"
    assert {s.name for s in found.services} == {"sparql", "reconcile", "api"}
    assert catalogue.catalogue(seeded) is found  # cached for the generation


def test_the_dump_is_the_sources_graph(seeded: GraphStore) -> None:
    dump = sources.source_dump(seeded, "stelselcatalogus")
    body = gzip.decompress(b"".join(sources.gzip_nquads(seeded, dump.graph, batch=100)))
    graph = NamedNode("urn:x:g")
    parsed = {f"{q.subject} {q.predicate} {q.object}" for q in parse_rdf(body, "nquads", base_iri=None, graph=graph)}
    assert parsed == {f"{q.subject} {q.predicate} {q.object}" for q in seeded.quads(dump.graph)}
    assert dump.key == dump.graph.value.rsplit("/", 1)[-1] and len(parsed) > 1000


def test_only_listed_values_are_accepted() -> None:
    assert vocabularies.theme("GOVE").endswith("/data-theme/GOVE")
    assert vocabularies.theme_code(vocabularies.theme("REGI")) == "REGI"
    assert vocabularies.access_code("http://publications.europa.eu/resource/authority/access-right/SENSITIVE") is None
    with pytest.raises(ValueError):
        vocabularies.theme("BEWONERS")
    with pytest.raises(ValueError):
        vocabularies.access("OPEN")
