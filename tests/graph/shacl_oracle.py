"""Helpers for the SHACL oracle tests: rdflib graphs into a real store, pySHACL's report."""

from __future__ import annotations

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Quad
from pyshacl import validate

from graph.settings import Settings
from graph.shacl import ShaclResult, from_report
from graph.store import EmbeddedStore

GRAPH = NamedNode("urn:stelselgraaf:test:data")


def to_store_term(node: rdflib.term.Node) -> NamedNode | BlankNode | Literal:
    if isinstance(node, rdflib.URIRef):
        return NamedNode(str(node))
    if isinstance(node, rdflib.BNode):
        return BlankNode(str(node))
    assert isinstance(node, rdflib.Literal)
    if node.language:
        return Literal(str(node), language=node.language)
    if node.datatype is not None:
        return Literal(str(node), datatype=NamedNode(str(node.datatype)))
    return Literal(str(node))


def store_with(data: rdflib.Graph) -> EmbeddedStore:
    """A real in-memory store holding ``data`` in ``GRAPH`` (blank node ids kept)."""
    store = EmbeddedStore(Settings(store=":memory:"), None)  # type: ignore[call-arg]
    store.stage(GRAPH, (Quad(to_store_term(s), to_store_term(p), to_store_term(o), GRAPH)  # type: ignore[arg-type]
                        for s, p, o in data))
    return store


def pyshacl_results(data: rdflib.Graph, shapes: rdflib.Graph) -> list[ShaclResult]:
    """pySHACL's report as the gate runs it (no inference, advanced, no JS, no imports)."""
    _conforms, report, _text = validate(data, shacl_graph=shapes, inference="none", advanced=True, js=False,
                                        do_owl_imports=False, allow_warnings=True)
    assert isinstance(report, rdflib.Graph)
    return from_report(report)


def comparable(results: list[ShaclResult], shapes: rdflib.Graph) -> set[tuple[str | None, ...]]:
    """Results as comparable tuples; the message counts where the shape has an sh:message (else
    pySHACL makes up its own text)."""
    with_message = set(shapes.subjects(rdflib.URIRef("http://www.w3.org/ns/shacl#message"), None))
    return {r.key(messages=r.shape in with_message) for r in results}
