"""RDF term types used across the project.

Only ``graph/`` imports pyoxigraph; loaders and the API take their term types from here.
"""

from __future__ import annotations

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Triple, Variable

Term = NamedNode | BlankNode | Literal
Subject = NamedNode | BlankNode
GraphName = NamedNode | BlankNode | DefaultGraph

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_BOOLEAN = NamedNode(XSD + "boolean")
XSD_DATE = NamedNode(XSD + "date")
XSD_DATETIME = NamedNode(XSD + "dateTime")
XSD_INTEGER = NamedNode(XSD + "integer")
XSD_DECIMAL = NamedNode(XSD + "decimal")


def value_of(term: Term | Triple) -> str:
    """A term's value as plain text: IRI, literal's lexical form, blank node id; an RDF-star
    triple term as N-Triples."""
    return str(term) if isinstance(term, Triple) else term.value


def lit(value: str | int | bool, *, lang: str | None = None, datatype: NamedNode | None = None) -> Literal:
    """A literal; ints and bools get their XSD datatype."""
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=XSD_BOOLEAN)
    if isinstance(value, int):
        return Literal(str(value), datatype=XSD_INTEGER)
    if lang is not None:
        return Literal(value, language=lang)
    if datatype is not None:
        return Literal(value, datatype=datatype)
    return Literal(value)


__all__ = [
    "XSD_BOOLEAN",
    "XSD_DATE",
    "XSD_DATETIME",
    "XSD_DECIMAL",
    "XSD_INTEGER",
    "BlankNode",
    "DefaultGraph",
    "GraphName",
    "Literal",
    "NamedNode",
    "Quad",
    "Subject",
    "Term",
    "Triple",
    "Variable",
    "lit",
    "value_of",
]
