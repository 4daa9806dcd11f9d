"""Validation results as the compiled engine and pySHACL (the oracle) both give them.

Terms are rdflib terms, as pySHACL's report has them; ``key()`` is the form two reports are
compared in (N-Triples-like text, literals as rdflib normalises them, language tags lower-cased).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import rdflib
from rdflib import BNode, URIRef
from rdflib.term import Node

from graph.rdf.terms import BlankNode, Literal, NamedNode, Term
from graph.shacl.paths import result_path
from graph.shacl.vocab import SH

XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
ResultKey = tuple[str | None, ...]


@dataclass(frozen=True)
class ShaclResult:
    """One validation result with every field of a SHACL report that identifies it."""

    focus: Node
    path: str | None
    """The IRI of a predicate path, the SPARQL text of another path."""
    value: Node | None
    shape: Node
    component: URIRef
    severity: URIRef
    messages: tuple[str, ...]

    def key(self, *, messages: bool = True) -> ResultKey:
        """The result as comparable text (``messages=False`` leaves the messages out)."""
        text = "|".join(sorted(self.messages)) if messages else None
        return (term_key(self.focus), self.path, None if self.value is None else term_key(self.value),
                term_key(self.shape), str(self.component), str(self.severity), text)


def term_key(node: Node) -> str:
    """A term as text; a store cannot tell ``"a"`` from ``"a"^^xsd:string``, nor ``@EN`` from ``@en``."""
    if isinstance(node, rdflib.Literal) and node.language:
        return rdflib.Literal(str(node), lang=node.language.lower()).n3()
    if isinstance(node, rdflib.Literal) and node.datatype == XSD_STRING:
        return rdflib.Literal(str(node)).n3()
    if isinstance(node, rdflib.Literal) and isinstance(node.value, int | float | Decimal) and \
            not isinstance(node.value, bool):  # Oxigraph keeps numbers canonical: "4.0"^^xsd:decimal is "4"
        number = node.value.normalize() if isinstance(node.value, Decimal) else node.value
        return f"{number}^^<{node.datatype}>"
    return node.n3()


def to_rdflib(term: Term) -> Node:
    """A store term (pyoxigraph) as rdflib term."""
    if isinstance(term, NamedNode):
        return URIRef(term.value)
    if isinstance(term, BlankNode):
        return BNode(term.value)
    if isinstance(term, Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD_STRING):  # RDF 1.1: the same term; rdflib tells them apart
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


def from_report(report: rdflib.Graph) -> list[ShaclResult]:
    """The results of a SHACL validation report graph (pySHACL's, or a test's expected one)."""
    found = []
    for node in report.objects(None, SH.result):
        path = report.value(node, SH.resultPath)
        found.append(ShaclResult(
            focus=_one(report, node, SH.focusNode), path=result_path(report, path),
            value=report.value(node, SH.value), shape=_one(report, node, SH.sourceShape),
            component=_iri(report.value(node, SH.sourceConstraintComponent)),
            severity=_iri(report.value(node, SH.resultSeverity)),
            messages=tuple(sorted(str(m) for m in report.objects(node, SH.resultMessage))),
        ))
    return found


def keys(results: Iterable[ShaclResult], *, messages: bool = True) -> set[ResultKey]:
    return {r.key(messages=messages) for r in results}


def _one(report: rdflib.Graph, node: Node, predicate: URIRef) -> Node:
    value = report.value(node, predicate)
    return URIRef("urn:stelselgraaf:none") if value is None else value


def _iri(node: Node | None) -> URIRef:
    return node if isinstance(node, URIRef) else URIRef("urn:stelselgraaf:none")
