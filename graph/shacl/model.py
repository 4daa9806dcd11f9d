"""The shapes graph read into what the compiler translates: shapes, their targets and constraints.

A shape is what pySHACL takes for one (typed ``sh:NodeShape``/``sh:PropertyShape``, the subject of
a target, ``sh:property`` or ``sh:node``, or the value of a shape-expecting parameter); those with
targets (explicit, or implicit: the shape is also an ``rdfs:Class``) are validated. Anything
outside the supported model raises ``Unsupported``: the caller then validates with pySHACL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graph.shacl.vocab import (
    LIST_OF_SHAPES,
    NODE_KINDS,
    RDF_TYPE,
    RDFS_CLASS,
    RDFS_SUBCLASSOF,
    SH,
    SHAPE_VALUED,
    SUPPORTED_PREDICATES,
    SUPPORTED_TYPES,
    TARGETS,
    XSD,
)


class Unsupported(Exception):
    """The shapes use something the compiler does not translate; validate them with pySHACL."""


@dataclass(frozen=True)
class Constraint:
    """One constraint: its component (local name, e.g. ``MinCount``) and its parameter value."""

    component: str
    value: Any


@dataclass(frozen=True)
class Shape:
    """A node or property shape (``path`` is None for a node shape)."""

    node: Node
    path: Node | None
    severity: URIRef
    messages: tuple[str, ...]
    deactivated: bool
    constraints: tuple[Constraint, ...]
    properties: tuple[Shape, ...]


@dataclass(frozen=True)
class Targets:
    """The targets of a shape, as terms of the shapes graph."""

    classes: tuple[Node, ...] = ()
    nodes: tuple[Node, ...] = ()
    subjects_of: tuple[Node, ...] = ()
    objects_of: tuple[Node, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.classes or self.nodes or self.subjects_of or self.objects_of)


_SINGLE = {SH.datatype: "Datatype", SH.nodeKind: "NodeKind", SH.minCount: "MinCount", SH.maxCount: "MaxCount",
           SH.minLength: "MinLength", SH.maxLength: "MaxLength", SH.uniqueLang: "UniqueLang",
           SH.languageIn: "LanguageIn", SH["in"]: "In", SH.pattern: "Pattern", SH.minInclusive: "MinInclusive",
           SH.maxInclusive: "MaxInclusive", SH.minExclusive: "MinExclusive", SH.maxExclusive: "MaxExclusive"}
_NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                              "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger")}
_RANGES = {"MinInclusive": ">=", "MaxInclusive": "<=", "MinExclusive": ">", "MaxExclusive": "<"}
_COUNTS = ("MinCount", "MaxCount", "MinLength", "MaxLength")


def check_vocabulary(graph: Graph) -> None:
    """Unsupported when the shapes graph uses a ``sh:`` predicate or class outside the model."""
    for predicate in sorted(set(graph.predicates()), key=str):
        if str(predicate).startswith(str(SH)) and predicate not in SUPPORTED_PREDICATES:
            raise Unsupported(f"{predicate} is not compiled")
    for kind in sorted(set(graph.objects(None, RDF_TYPE)), key=str):
        if str(kind).startswith(str(SH)) and kind not in SUPPORTED_TYPES:
            raise Unsupported(f"shapes of type {kind} are not compiled")


def shape_nodes(graph: Graph) -> set[Node]:
    """Every node pySHACL takes for a shape."""
    found = set(graph.subjects(RDF_TYPE, SH.NodeShape)) | set(graph.subjects(RDF_TYPE, SH.PropertyShape))
    for predicate in (*TARGETS, SH.property, SH.node):
        found |= set(graph.subjects(predicate, None))
    for predicate in SHAPE_VALUED:
        found |= set(graph.objects(None, predicate))
    for predicate in LIST_OF_SHAPES:
        for members in graph.objects(None, predicate):
            found |= set(graph.items(members))
    return found


def targets(graph: Graph, node: Node) -> Targets:
    """The shape's targets, with the implicit class target when it is also an rdfs:Class."""
    metaclasses = {RDFS_CLASS, *graph.subjects(RDFS_SUBCLASSOF, RDFS_CLASS)}
    implicit = (node,) if any(t in metaclasses for t in graph.objects(node, RDF_TYPE)) else ()
    return Targets(
        classes=tuple(graph.objects(node, SH.targetClass)) + implicit,
        nodes=tuple(graph.objects(node, SH.targetNode)),
        subjects_of=tuple(graph.objects(node, SH.targetSubjectsOf)),
        objects_of=tuple(graph.objects(node, SH.targetObjectsOf)),
    )


class Reader:
    """Reads shapes from one shapes graph (each once; recursive shapes are Unsupported)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._done: dict[Node, Shape] = {}
        self._reading: set[Node] = set()

    def shape(self, node: Node) -> Shape:
        if node in self._done:
            return self._done[node]
        if node in self._reading:
            raise Unsupported(f"shape {node} refers to itself (recursive shapes are not compiled)")
        self._reading.add(node)
        try:
            shape = self._read(node)
        finally:
            self._reading.discard(node)
        self._done[node] = shape
        return shape

    def _read(self, node: Node) -> Shape:
        g = self.graph
        paths = list(g.objects(node, SH.path))
        if len(paths) > 1:
            raise Unsupported(f"shape {node} has more than one sh:path")
        path = paths[0] if paths else None
        severity = g.value(node, SH.severity)
        constraints = tuple(self._constraints(node, is_property=path is not None))
        return Shape(
            node=node, path=path,
            severity=severity if isinstance(severity, URIRef) else SH.Violation,
            messages=tuple(sorted(str(m) for m in g.objects(node, SH.message))),
            deactivated=any(isinstance(d, Literal) and d.value is True for d in g.objects(node, SH.deactivated)),
            constraints=constraints,
            properties=tuple(self.shape(p) for p in _sorted(g.objects(node, SH.property))),
        )

    def _constraints(self, node: Node, *, is_property: bool) -> list[Constraint]:
        g = self.graph
        found = [Constraint("Class", _iri(c)) for c in _sorted(g.objects(node, SH["class"]))]
        found += [Constraint("HasValue", _term(v)) for v in _sorted(g.objects(node, SH.hasValue))]
        found += [Constraint("Equals", _iri(p)) for p in _sorted(g.objects(node, SH.equals))]
        found += [Constraint("Disjoint", _iri(p)) for p in _sorted(g.objects(node, SH.disjoint))]
        found += self._closed(node)
        found += [Constraint("Node", self.shape(s)) for s in _sorted(g.objects(node, SH.node))]
        found += [Constraint("Not", self.shape(s)) for s in _sorted(g.objects(node, SH["not"]))]
        for predicate in LIST_OF_SHAPES:
            name = str(predicate)[len(str(SH)):].capitalize()
            found += [Constraint(name, tuple(self.shape(s) for s in g.items(members)))
                      for members in _sorted(g.objects(node, predicate))]
        for predicate, name in _SINGLE.items():
            values = list(g.objects(node, predicate))
            if len(values) > 1:
                raise Unsupported(f"shape {node} has more than one {predicate}")
            if values:
                found += self._single(node, name, values[0], is_property=is_property)
        return found

    def _closed(self, node: Node) -> list[Constraint]:
        """sh:closed true: the allowed predicates (of the property shapes' predicate paths, and
        sh:ignoredProperties)."""
        g = self.graph
        closed = list(g.objects(node, SH.closed))
        if len(closed) > 1:
            raise Unsupported(f"shape {node} has more than one sh:closed")
        if not closed or not (isinstance(closed[0], Literal) and closed[0].value is True):
            return []
        paths = {g.value(p, SH.path) for p in g.objects(node, SH.property)}
        ignored = {i for lst in g.objects(node, SH.ignoredProperties) for i in g.items(lst)}
        return [Constraint("Closed", tuple(_sorted(_iri(p) for p in (paths | ignored) if isinstance(p, URIRef))))]

    def _single(self, node: Node, name: str, value: Node, *, is_property: bool) -> list[Constraint]:
        if name in ("MinCount", "MaxCount", "UniqueLang") and not is_property:
            raise Unsupported(f"sh:{name[0].lower() + name[1:]} on node shape {node}")
        if name in _COUNTS or name == "UniqueLang":
            return _count_or_flag(node, name, value)
        if name == "NodeKind" and value not in NODE_KINDS:
            raise Unsupported(f"unknown sh:nodeKind {value}")
        if name == "Datatype":
            return [Constraint(name, _iri(value))]
        if name in _RANGES:
            return [_range(name, value)]
        if name == "LanguageIn":
            return [Constraint(name, tuple(str(v).lower() for v in self.graph.items(value)))]
        if name == "In":
            return [Constraint(name, tuple(_term(v) for v in self.graph.items(value)))]
        if name == "Pattern":
            flags = self.graph.value(node, SH.flags)
            return [Constraint(name, (str(value), "" if flags is None else str(flags)))]
        return [Constraint(name, value)]


def _count_or_flag(node: Node, name: str, value: Node) -> list[Constraint]:
    if name == "UniqueLang":
        return [Constraint(name, True)] if isinstance(value, Literal) and value.value is True else []
    if not (isinstance(value, Literal) and isinstance(value.value, int) and value.value >= 0):
        raise Unsupported(f"{name} of {node} is not a non-negative integer")
    return [Constraint(name, value.value)]


def _range(name: str, value: Node) -> Constraint:
    if not (isinstance(value, Literal) and str(value.datatype) in _NUMERIC and value.value is not None):
        raise Unsupported(f"sh:{name[0].lower() + name[1:]} {value!r}: only numeric bounds are compiled")
    return Constraint(name, (_RANGES[name], value))


def _sorted(nodes: Iterable[Node]) -> list[Node]:
    return sorted(nodes, key=str)


def _iri(node: Node) -> URIRef:
    if not isinstance(node, URIRef):
        raise Unsupported(f"expected an IRI, found {node!r}")
    return node


def _term(node: Node) -> Node:
    if isinstance(node, BNode):
        raise Unsupported("blank nodes as values (sh:in, sh:hasValue) cannot match the data's blank nodes")
    return node


def read_shapes(graph: Graph) -> list[tuple[Shape, Targets]]:
    """The shapes to validate with their targets; ``Unsupported`` when any is outside the model."""
    check_vocabulary(graph)
    reader = Reader(graph)
    found = []
    for node in _sorted(shape_nodes(graph)):
        shape = reader.shape(node)
        aims = targets(graph, node)
        if aims and not shape.deactivated:
            found.append((shape, aims))
    return found
