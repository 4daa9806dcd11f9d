"""Shapes-graph terms and datatype tests as SPARQL text.

Terms are serialised by pyoxigraph's term types (``graph.rdf.terms``), which validate IRIs and
escape literals: nothing from a shapes graph is pasted into a query unescaped.
"""

from __future__ import annotations

import re

from rdflib import Literal as RdflibLiteral
from rdflib import URIRef
from rdflib.term import Node

from graph.rdf.terms import Literal, NamedNode
from graph.shacl.model import Unsupported
from graph.shacl.vocab import RDF_LANGSTRING, RDFS_LITERAL, XSD

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD_STRING = XSD + "string"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS_OF = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
TYPE_OF = f"{RDF_TYPE}/{SUBCLASS_OF}*"
"""Instances of a class and of its subclasses (SHACL instance), as a property path."""

_LEXICAL = {
    # what rdflib (pySHACL's oracle) accepts as a well-formed value of the type
    XSD + "boolean": (r"^(true|false|1|0)$", ""),
    XSD + "integer": (r"^\s*[+-]?[0-9]+(_[0-9]+)*\s*$", ""),
    XSD + "decimal": (r"^\s*[+-]?(([0-9]+(_[0-9]+)*(\.([0-9]+(_[0-9]+)*)?)?|\.[0-9]+(_[0-9]+)*)"
                      r"(e[+-]?[0-9]+)?|inf|infinity|s?nan[0-9]*)\s*$", "i"),
}
_NOT_PORTABLE = re.compile(r"\(\?[=!<P]|\\[1-9]|\\Z|\\A")
"""Regex syntax Python's re (pySHACL) has and Oxigraph's Rust regex has not, or reads otherwise."""


def term(node: Node) -> str:
    """An IRI or literal of the shapes graph as SPARQL text (pyoxigraph validates and escapes)."""
    try:
        if isinstance(node, URIRef):
            return str(NamedNode(str(node)))
        if isinstance(node, RdflibLiteral):
            if node.language:
                return str(Literal(str(node), language=node.language))
            return str(Literal(str(node), datatype=NamedNode(str(node.datatype or XSD_STRING))))
    except ValueError as error:  # not a valid IRI or language tag
        raise Unsupported(f"{node!r} cannot be written into a query: {error}") from error
    raise Unsupported(f"{node!r} cannot be written into a query")


def string(text: str) -> str:
    """A plain string literal as SPARQL text (escaped)."""
    return str(Literal(text))


def well_formed(datatype: URIRef, v: str) -> str:
    """A SPARQL test that ``v`` is a well-formed literal of ``datatype``, as pySHACL decides."""
    iri = str(datatype)
    if datatype == RDFS_LITERAL:
        return f"isLiteral({v})"
    if datatype == RDF_LANGSTRING:
        return f'(isLiteral({v}) && LANG({v}) != "")'
    same = f"(isLiteral({v}) && DATATYPE({v}) = {term(datatype)}"
    if iri == XSD_STRING:
        return same + ")"
    if iri in _LEXICAL:
        regex, flags = _LEXICAL[iri]
        return f"{same} && REGEX(STR({v}), {string(regex)}, {string(flags)}))"
    if iri.startswith((XSD, RDF_NS, "http://www.w3.org/2000/01/rdf-schema#")):
        raise Unsupported(f"the well-formedness of {iri} literals is not compiled")
    return same + ")"


def portable_pattern(pattern: str) -> str:
    """``pattern``, when Python's and Oxigraph's regex engines read it alike."""
    if _NOT_PORTABLE.search(pattern):
        raise Unsupported(f"sh:pattern {pattern!r} uses regex syntax the engines read differently")
    return pattern
