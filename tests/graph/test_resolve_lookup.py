"""The batch lookup behind POST /v1/resolve: one VALUES query per chunk, on every backend."""

from __future__ import annotations

from graph.begrippen.resolve import LOOKUP_CHUNK, lookup
from graph.rdf.terms import Literal, NamedNode, Quad
from graph.store.base import GraphStore

LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
GRAPH = NamedNode("https://stelselgraaf.nl/graph/test-lookup")


def test_lookup_finds_subjects_in_every_chunk(store: GraphStore) -> None:
    iris = [f"https://stelselgraaf.nl/id/test/{n}" for n in range(2 * LOOKUP_CHUNK + 10)]
    present = {iris[0], iris[LOOKUP_CHUNK + 3], iris[-1]}
    quads = [Quad(NamedNode(i), LABEL, Literal(f"label {i.rsplit('/', 1)[1]}"), GRAPH)
             for i in sorted(present)]
    quads.append(Quad(NamedNode(iris[-1]), LABEL, Literal("tweede label"), GRAPH))
    store.stage(GRAPH, quads)
    found = lookup(store, [*iris, iris[0]])  # duplicates are looked up once
    assert set(found) == present
    assert found[iris[0]] == {LABEL.value: ["label 0"]}
    assert sorted(found[iris[-1]][LABEL.value]) == [f"label {len(iris) - 1}", "tweede label"]


def test_lookup_of_nothing(store: GraphStore) -> None:
    assert lookup(store, []) == {}
    assert lookup(store, ["https://stelselgraaf.nl/id/test/absent"]) == {}


def test_lookup_skips_staging_and_private_graphs(store: GraphStore) -> None:
    from graph.rdf.iris import private_graph, source_graph
    from graph.sources.publication import begin

    iri = NamedNode("https://stelselgraaf.nl/id/test/hidden")
    staging = source_graph(store.settings.base_iri, "half", "1")
    begin(store, staging)  # a load being staged
    for graph in (staging, private_graph(store.settings.base_iri, "audit")):
        store.stage(graph, [Quad(iri, LABEL, Literal("niet publiek"), graph)])
    assert lookup(store, [iri.value]) == {}
    store.stage(GRAPH, [Quad(iri, LABEL, Literal("publiek"), GRAPH)])
    assert lookup(store, [iri.value]) == {iri.value: {LABEL.value: ["publiek"]}}


def test_existing_matches_lookup(store: GraphStore) -> None:
    from graph.begrippen.resolve import existing
    from graph.rdf.iris import private_graph

    iris = [f"https://stelselgraaf.nl/id/test/e{n}" for n in range(LOOKUP_CHUNK + 5)]
    store.stage(GRAPH, [Quad(NamedNode(iris[1]), LABEL, Literal("a"), GRAPH),
                        Quad(NamedNode(iris[-1]), LABEL, Literal("b"), GRAPH)])
    hidden = private_graph(store.settings.base_iri, "audit")
    store.stage(hidden, [Quad(NamedNode(iris[2]), LABEL, Literal("c"), hidden)])
    assert existing(store, iris) == set(lookup(store, iris)) == {iris[1], iris[-1]}
