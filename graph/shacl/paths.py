"""SHACL property paths (a node of the shapes graph) as SPARQL 1.1 property paths.

Every SHACL path has a SPARQL counterpart: a predicate ``<p>``, an inverse ``^p``, a sequence
(an RDF list) ``(a/b)``, an alternative ``(a|b)`` and the ``*``, ``+`` and ``?`` paths.
"""

from __future__ import annotations

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from graph.shacl.model import Unsupported
from graph.shacl.vocab import RDF_FIRST, SH

_UNARY = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}


def sparql_path(graph: Graph, node: Node) -> str:
    """The path as SPARQL text with full IRIs; ``Unsupported`` for a malformed path."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if not isinstance(node, BNode):
        raise Unsupported(f"a path must be an IRI or a blank node, not {node!r}")
    if graph.value(node, RDF_FIRST) is not None:
        steps = [sparql_path(graph, step) for step in graph.items(node)]
        return steps[0] if len(steps) == 1 else "(" + "/".join(steps) + ")"
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return f"^{sparql_path(graph, inverse)}"
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        options = [sparql_path(graph, option) for option in graph.items(alternatives)]
        if not options:
            raise Unsupported("an empty sh:alternativePath")
        return "(" + "|".join(options) + ")"
    for predicate, suffix in _UNARY.items():
        inner = graph.value(node, predicate)
        if inner is not None:
            return f"({sparql_path(graph, inner)}){suffix}"
    raise Unsupported(f"blank node {node} is not a SHACL path")


def result_path(graph: Graph, node: Node | None) -> str | None:
    """How a result names its path: the IRI of a predicate path, the SPARQL text otherwise."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        return str(node)
    return sparql_path(graph, node)
