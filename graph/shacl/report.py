"""A SHACL validation report graph (rdflib) from compiled results, as pySHACL writes one."""

from __future__ import annotations

from collections.abc import Iterable

import rdflib
from rdflib import BNode, Literal
from rdflib.term import Node

from graph.rdf.terms import BlankNode, NamedNode, Term
from graph.rdf.terms import Literal as StoreLiteral
from graph.shacl.results import ShaclResult
from graph.shacl.vocab import RDF_TYPE, SH


def generic_message(result: ShaclResult) -> str:
    """The text of a result whose shape has no sh:message."""
    component = str(result.component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
    where = f" on {result.path}" if result.path else ""
    value = f" (value {result.value.n3()})" if result.value is not None else ""
    return f"{component} constraint not met{where}{value}"


def report_graph(results: Iterable[ShaclResult], shapes: rdflib.Graph) -> rdflib.Graph:
    """``sh:ValidationReport`` with one ``sh:ValidationResult`` per result; a path that is not a
    predicate is copied from the shapes graph."""
    graph = rdflib.Graph()
    graph.bind("sh", SH)
    report = BNode()
    graph.add((report, RDF_TYPE, SH.ValidationReport))
    conforms = True
    for result in results:
        conforms = conforms and result.severity != SH.Violation
        node = BNode()
        graph.add((report, SH.result, node))
        graph.add((node, RDF_TYPE, SH.ValidationResult))
        for predicate, value in ((SH.focusNode, result.focus), (SH.value, result.value),
                                 (SH.sourceShape, result.shape), (SH.sourceConstraintComponent, result.component),
                                 (SH.resultSeverity, result.severity)):
            if value is not None:
                graph.add((node, predicate, value))
        for message in result.messages or (generic_message(result),):
            graph.add((node, SH.resultMessage, Literal(message)))
        path = shapes.value(result.shape, SH.path)
        if path is not None:
            graph.add((node, SH.resultPath, path))
            _copy(shapes, path, graph)
    graph.add((report, SH.conforms, Literal(conforms)))
    return graph


def _copy(source: rdflib.Graph, node: Node, into: rdflib.Graph) -> None:
    if isinstance(node, BNode):
        for p, o in source.predicate_objects(node):
            into.add((node, p, o))
            _copy(source, o, into)


def from_rdflib(node: Node) -> Term:
    """An rdflib term as store term (blank node ids kept)."""
    if isinstance(node, rdflib.URIRef):
        return NamedNode(str(node))
    if isinstance(node, BNode):
        return BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return StoreLiteral(str(node), language=node.language)
        if node.datatype is not None:
            return StoreLiteral(str(node), datatype=NamedNode(str(node.datatype)))
        return StoreLiteral(str(node))
    raise TypeError(f"unsupported term {node!r}")
