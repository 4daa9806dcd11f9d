"""SHACL and RDF terms the compiler reads, as rdflib terms (the shapes graph is rdflib)."""

from __future__ import annotations

from rdflib import Namespace, URIRef

SH = Namespace("http://www.w3.org/ns/shacl#")
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDF_FIRST = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#first")
RDF_LANGSTRING = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")
RDFS_CLASS = URIRef("http://www.w3.org/2000/01/rdf-schema#Class")
RDFS_RESOURCE = URIRef("http://www.w3.org/2000/01/rdf-schema#Resource")
RDFS_LITERAL = URIRef("http://www.w3.org/2000/01/rdf-schema#Literal")
RDFS_SUBCLASSOF = URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf")
XSD = "http://www.w3.org/2001/XMLSchema#"

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
SHAPE_VALUED = (SH.property, SH.node, SH["not"], SH.qualifiedValueShape)
LIST_OF_SHAPES = (SH["and"], SH["or"], SH.xone)

SUPPORTED_PREDICATES = frozenset(SH[name] for name in (
    # targets, paths and shape structure
    "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "path", "inversePath",
    "alternativePath", "zeroOrMorePath", "oneOrMorePath", "zeroOrOnePath", "property",
    # constraint parameters the compiler translates
    "node", "not", "and", "or", "xone", "class", "datatype", "nodeKind", "minCount", "maxCount",
    "minLength", "maxLength", "pattern", "flags", "uniqueLang", "languageIn", "in", "hasValue", "equals", "disjoint",
    "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "closed", "ignoredProperties",
    # what a result carries, and non-validating annotations
    "severity", "message", "deactivated", "name", "description", "order", "group", "defaultValue",
    # validation report vocabulary (test manifests keep expected reports beside the shapes)
    "conforms", "result", "focusNode", "resultPath", "value", "sourceShape", "sourceConstraintComponent",
    "resultSeverity", "resultMessage", "detail", "sourceConstraint",
))
"""Every ``sh:`` predicate the compiler understands; a shapes graph using any other one (lessThan,
qualified shapes, sh:sparql, rules, SHACL-JS…) is not compiled."""

SUPPORTED_TYPES = frozenset(SH[name] for name in (
    "NodeShape", "PropertyShape", "Shape", "PropertyGroup", "ValidationReport", "ValidationResult"))
"""Every ``sh:`` class the compiler accepts as an ``rdf:type`` in the shapes graph."""

NODE_KINDS = {
    SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "!isLiteral({v})", SH.BlankNodeOrLiteral: "!isIRI({v})", SH.IRIOrLiteral: "!isBlank({v})",
}
"""``sh:nodeKind`` values as SPARQL tests of ``{v}``."""
