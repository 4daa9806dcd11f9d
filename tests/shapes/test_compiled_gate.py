"""The compiled gate (graph.shacl) against pySHACL, the oracle: every project shape file on the
real data the project loads (laws, begrippenkaders, instance data through the existing loaders)
and on the example data in tests/shapes/{valid,invalid} gives the same report."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import NamedNode

from graph import sources
from graph.open import open_store
from graph.settings import Settings
from graph.shacl import compile_shapes, run_compiled, to_rdflib
from graph.sources.gate import shapes_graph, validate_graph
from graph.store.base import GraphStore
from loaders.seed import load_seed
from loaders.shared import load_shared
from tests.graph.shacl_oracle import GRAPH, comparable, pyshacl_results, store_with

HERE = Path(__file__).resolve().parent
SHAPE_FILES = tuple(sorted(p.stem for p in (HERE.parents[1] / "shapes").glob("*.ttl")))


@pytest.fixture(scope="module")
def loaded(shared_data: Path) -> Iterator[GraphStore]:
    store = open_store(Settings(store=":memory:"))
    list(load_seed(store))
    failed = [o for o in load_shared(store, shared_data) if o.status == "failed"]
    assert not failed, failed
    yield store
    store.close()


def _rdflib_graph(store: GraphStore, graph: rdflib.term.Node) -> rdflib.Graph:
    data = rdflib.Graph()
    for q in store.quads(NamedNode(str(graph))):
        data.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return data


@pytest.mark.shared_data
@pytest.mark.slow
@pytest.mark.parametrize("shape_file", SHAPE_FILES)
def test_every_loaded_source_gives_pyshacls_report(loaded: GraphStore, shape_file: str) -> None:
    logging.getLogger("pyshacl").setLevel(logging.CRITICAL)
    shapes = shapes_graph((shape_file,))
    compiled = compile_shapes(shapes)
    records = sources.list_sources(loaded)
    assert len(records) >= 10
    for record in records:
        got = run_compiled(loaded, NamedNode(record.graph), compiled)
        want = pyshacl_results(_rdflib_graph(loaded, rdflib.URIRef(record.graph)), shapes)
        assert comparable(got, shapes) == comparable(want, shapes), record.name


@pytest.mark.parametrize("path", sorted((HERE / "valid").glob("*.ttl")) + sorted((HERE / "invalid").glob("*.ttl")),
                         ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_example_data_gives_pyshacls_report(path: Path) -> None:
    data = rdflib.Graph().parse(path)
    shapes = shapes_graph(SHAPE_FILES)
    got = run_compiled(store_with(data), GRAPH, compile_shapes(shapes))
    assert comparable(got, shapes) == comparable(pyshacl_results(data, shapes), shapes)
    assert bool(got) == (path.parent.name == "invalid")


@pytest.mark.parametrize("path", sorted((HERE / "invalid").glob("*.ttl")), ids=lambda p: p.stem)
def test_the_gate_runs_the_compiled_shapes_on_a_staged_graph(path: Path) -> None:
    store = store_with(rdflib.Graph().parse(path))
    store.hide(GRAPH)  # a load being staged is hidden from every read, not from the gate
    report = validate_graph(store, GRAPH, SHAPE_FILES)
    assert report.violations >= 1
    assert all(r.message and r.focus for r in report.results)


def test_incremental_validation_sees_only_the_changed_focus_nodes() -> None:
    from graph.rdf.terms import Triple
    from graph.sources.gate import validate_triples

    data = rdflib.Graph().parse(format="turtle", data="""
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <http://example.org/bad> a skos:Concept ; skos:prefLabel "pand"@nl, "gebouw"@nl .
        <http://example.org/good> a skos:Concept ; skos:prefLabel "pand"@nl ; skos:definition "bouwwerk"@nl .""")
    store = store_with(data)
    triples = {Triple(q.subject, q.predicate, q.object) for q in store.quads(GRAPH)}
    full = validate_graph(store, GRAPH, ("core",))
    bad = sorted({r.focus for r in full.results if r.severity == "Violation"})
    good = sorted({str(s) for s in data.subjects(rdflib.RDF.type, rdflib.SKOS.Concept)} - set(bad))
    assert bad and good
    only_bad = validate_triples(Settings(store=":memory:"), triples, ("core",), [NamedNode(b) for b in bad])
    assert set(only_bad.results) == set(full.results)
    assert validate_triples(Settings(store=":memory:"), triples, ("core",), [NamedNode(g) for g in good]).conforms


@pytest.mark.parametrize("path", sorted((HERE / "invalid").glob("*.ttl")), ids=lambda p: p.stem)
def test_user_validation_runs_compiled_with_pyshacls_results(path: Path) -> None:
    from graph.quality.user_shapes import validate_user
    from graph.sources.gate import validate_rdflib

    data, shapes = rdflib.Graph().parse(path), shapes_graph(SHAPE_FILES)
    compiled = validate_user(data, shapes, allow_sparql=False)
    assert set(compiled.report.results) == set(validate_rdflib(data, shapes).results)
    report = compiled.report_graph
    (node,) = report.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/shacl#ValidationReport"))
    assert report.value(node, rdflib.URIRef("http://www.w3.org/ns/shacl#conforms")) == rdflib.Literal(False)


def test_shape_values_are_escaped_not_pasted_into_queries() -> None:
    shapes = rdflib.Graph().parse(format="turtle", data=r'''
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <http://example.org/S> a sh:NodeShape ; sh:targetClass <http://example.org/C> ;
          sh:property [ sh:path <http://example.org/p> ;
            sh:pattern "^x\" \\} \\} SELECT \\* WHERE \\{ \\?s \\?p \\?o \\} #$" ; sh:message "injected?" ] ;
          sh:property [ sh:path <http://example.org/p> ; sh:in ( "a\" || true || \"" ) ] .''')
    data = rdflib.Graph().parse(format="turtle", data='''
        <http://example.org/x> a <http://example.org/C> ; <http://example.org/p> "plain" .''')
    got = run_compiled(store_with(data), GRAPH, compile_shapes(shapes))
    assert comparable(got, shapes) == comparable(pyshacl_results(data, shapes), shapes)
    assert len(got) == 2  # the value fails the (odd) pattern and is not in the list: nothing leaked


def test_an_invalid_iri_in_uploaded_shapes_is_unsupported_not_an_error() -> None:
    from graph.shacl import Unsupported

    shapes = rdflib.Graph()
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    shape, prop = rdflib.URIRef("http://example.org/S"), rdflib.BNode()
    shapes.add((shape, sh.targetClass, rdflib.URIRef("http://example.org/C")))
    shapes.add((shape, sh.property, prop))
    shapes.add((prop, sh.path, rdflib.URIRef("http://example.org/p")))
    shapes.add((prop, sh.hasValue, rdflib.URIRef("http://example.org/a b")))
    with pytest.raises(Unsupported, match="cannot be written"):
        compile_shapes(shapes)
