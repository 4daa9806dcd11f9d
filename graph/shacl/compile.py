"""A shapes graph compiled to SPARQL: one SELECT per constraint of every validated shape.

The model (``graph.shacl.model``): targets (``sh:targetClass`` with ``rdfs:subClassOf*``, implicit
class targets, ``sh:targetNode``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``); every SHACL
path; the components ``class``, ``datatype`` (for the types whose well-formedness is known here),
``nodeKind``, ``in``, ``hasValue``, ``pattern``/``flags``, ``minLength``, ``maxLength``,
``languageIn``, ``uniqueLang``, ``minCount``, ``maxCount``, ``equals``, ``disjoint``, the value ranges
with numeric bounds (``minInclusive``…, compared as SPARQL numbers), ``closed`` (with
``ignoredProperties``), and the shape-based ``node``,
``property``, ``not``, ``and``, ``or``, ``xone`` (non-recursive). Everything else is
``Unsupported`` and validated by pySHACL.

Each ``Check`` selects the violating rows: ``?this`` (focus node), ``?value`` where the component
reports one, ``?lang`` for ``uniqueLang`` (one result per shared language). A nested shape (the
value of ``sh:node``, ``sh:not``, …) becomes a graph pattern that matches when a node does *not*
conform to it — the union of its constraints' violation patterns — used under ``EXISTS``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from graph.shacl.model import Constraint, Shape, Targets, Unsupported, read_shapes
from graph.shacl.paths import result_path, sparql_path
from graph.shacl.sparql_text import RDF_TYPE, TYPE_OF, portable_pattern, string, term, well_formed
from graph.shacl.vocab import NODE_KINDS, RDFS_RESOURCE, SH

FOCUS = "%FOCUS%"
"""Where a check's body wants the focus sub-select itself (count aggregates)."""
MAX_DISTINCT = 3
"""Counts up to this many values are joins of distinct values; larger ones aggregate."""


Subclasses = Mapping[str, tuple[str, ...]]
"""Each target class (SPARQL text) → itself and its subclasses in the data (``rdfs:subClassOf*``),
found before the checks run (``run``): ``?this rdf:type ?cls`` over a VALUES block is several
times faster in Oxigraph than the property path ``rdf:type/rdfs:subClassOf*``."""


@dataclass(frozen=True)
class Focus:
    """The focus nodes of a check: the targets of a shape, then the paths of the property shapes
    it nests (a property shape's ``sh:property`` validates its value nodes)."""

    classes: tuple[str, ...] = ()
    others: tuple[str, ...] = ()
    """Graph patterns over ``?this`` of the other targets."""
    via: tuple[str, ...] = ()

    def pattern(self, values: str = "", subclasses: Subclasses | None = None) -> str:
        """A graph pattern binding ``?this`` (a focus node may come more than once: checks select
        DISTINCT); ``values``: a ``VALUES ?this {…}`` block (incremental)."""
        branches = list(self.others)
        if self.classes:
            known = subclasses or {}
            if all(c in known for c in self.classes):
                branches.insert(0, _instances(sorted({sub for c in self.classes for sub in known[c]}), bool(values)))
            else:
                branches[:0] = [f"?this {TYPE_OF} {c} ." for c in self.classes]
        found = values + " " + (branches[0] if len(branches) == 1 else " UNION ".join(
            "{ " + b + " }" for b in branches))
        for level, path in enumerate(self.via):
            found = (f"{{ SELECT DISTINCT (?this AS ?up{level}) WHERE {{ {found} }} }} ?up{level} {path} ?this .")
        return found


def _instances(members: list[str], bound: bool) -> str:
    """Instances of any of ``members``, the form Oxigraph plans best: one class directly; with the
    focus nodes bound first (``VALUES ?this``), a filter; else a VALUES block of the classes."""
    if len(members) == 1:
        return f"?this {RDF_TYPE} {members[0]} ."
    if bound:
        return f"?this {RDF_TYPE} ?cls . FILTER(?cls IN ({', '.join(members)}))"
    return f"VALUES ?cls {{ {' '.join(members)} }} ?this {RDF_TYPE} ?cls ."


@dataclass(frozen=True)
class Check:
    """One SPARQL query and what its rows mean."""

    shape: Node
    component: URIRef
    severity: URIRef
    messages: tuple[str, ...]
    path: str | None
    focus: Focus
    body: str
    value: str | None = None
    """The variable whose binding is reported as ``sh:value``."""
    path_var: str | None = None
    """The variable whose binding is the result path (``sh:closed``: the predicate not allowed)."""
    per_language: bool = False

    def sparql(self, values: str = "", subclasses: Subclasses | None = None) -> str:
        focus = self.focus.pattern(values, subclasses)
        head = "?this" + (f" ({self.value} AS ?value)" if self.value else "") + (" ?lang" if self.per_language else "")
        head += f" ({self.path_var} AS ?path)" if self.path_var else ""
        where = self.body.replace(FOCUS, focus) if FOCUS in self.body else f"{focus} {self.body}"
        return f"SELECT DISTINCT {head} WHERE {{ {where} }}"


@dataclass(frozen=True)
class CompiledShapes:
    """Every check of a shapes graph."""

    checks: tuple[Check, ...]


def compile_shapes(graph: Graph) -> CompiledShapes:
    """Compile a shapes graph; ``Unsupported`` when any part of it is outside the model."""
    compiler = Compiler(graph)
    checks: list[Check] = []
    for shape, targets in read_shapes(graph):
        checks += compiler.checks(shape, Focus(tuple(term(c) for c in targets.classes),
                                               tuple(target_patterns(targets))))
    return CompiledShapes(tuple(checks))


def target_patterns(targets: Targets) -> list[str]:
    """One graph pattern over ``?this`` per target but the classes."""
    found = []
    for node in targets.nodes:
        if isinstance(node, BNode):
            raise Unsupported("a blank node as sh:targetNode")
        found.append(f"VALUES ?this {{ {term(node)} }}")
    found += [f"?this {term(p)} ?target{i} ." for i, p in enumerate(targets.subjects_of)]
    found += [f"?target{i} {term(p)} ?this ." for i, p in enumerate(targets.objects_of, len(found))]
    return found


Pattern = tuple[str, str | None]
"""A graph pattern that matches the violations of a constraint, and its value variable."""


class Compiler:
    """Translates shapes of one shapes graph; variables are numbered to stay distinct."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._count = 0

    def var(self, stem: str = "v") -> str:
        self._count += 1
        return f"?{stem}{self._count}"

    def path(self, shape: Shape) -> str:
        assert shape.path is not None
        return sparql_path(self.graph, shape.path)

    # ---------------------------------------------------------------- top level
    def checks(self, shape: Shape, focus: Focus) -> list[Check]:
        """The checks of a validated shape and of the property shapes it holds."""
        if shape.deactivated:
            return []
        found = [check for c in shape.constraints if (check := self.check(shape, c, focus)) is not None]
        inner = focus if shape.path is None else replace(focus, via=(*focus.via, self.path(shape)))
        for child in shape.properties:
            found += self.checks(child, inner)
        return found

    def check(self, shape: Shape, constraint: Constraint, focus: Focus) -> Check | None:
        path = result_path(self.graph, shape.path)
        base = Check(shape.node, SH[constraint.component + "ConstraintComponent"], shape.severity,
                     shape.messages, path, focus, "")
        if constraint.component in ("MinCount", "MaxCount") and constraint.value > MAX_DISTINCT:
            return replace(base, body=self.aggregate(shape, constraint))
        if constraint.component == "UniqueLang":
            return replace(base, body=self.shared_language(shape, "?this", bind=True), per_language=True)
        if constraint.component == "Closed":
            found, obj, predicate = self.closed(shape, constraint.value, "?this")
            return replace(base, body=found, value=obj, path_var=predicate)
        if constraint.component == "Equals":
            body, value = self.pair(shape, "Equals", term(constraint.value), "?this", top=True)
            return replace(base, body=body, value=value)
        pattern = self.violation(shape, constraint, "?this")
        if pattern is None:
            return None
        body, value = pattern
        return replace(base, body=body, value=value)

    def aggregate(self, shape: Shape, constraint: Constraint) -> str:
        """A count of values against a large bound, as one aggregate over the focus nodes."""
        x, n = self.var("x"), self.var("n")
        compare = "<" if constraint.component == "MinCount" else ">"
        values = f"OPTIONAL {{ ?this {self.path(shape)} {x} }}"
        return (f"{{ SELECT ?this (COUNT(DISTINCT {x}) AS {n}) WHERE {{ {FOCUS} {values} }} GROUP BY ?this }} "
                f"FILTER({n} {compare} {constraint.value})")

    # ---------------------------------------------------------------- violation patterns
    def violation(self, shape: Shape, constraint: Constraint, focus: str) -> Pattern | None:
        """The pattern of the focus nodes (and values) that violate ``constraint``; None if none can."""
        name = constraint.component
        if name in _VALUE_TESTS:
            nodes, v = self.value_nodes(shape, focus)
            test = _VALUE_TESTS[name](self, constraint.value, v)
            return None if test is None else (f"{nodes} FILTER({test})", v)
        if name == "MinCount":
            if constraint.value == 0:
                return None
            return f"FILTER NOT EXISTS {{ {self.distinct(shape, focus, constraint.value)} }}", None
        if name == "MaxCount":
            return f"FILTER EXISTS {{ {self.distinct(shape, focus, constraint.value + 1)} }}", None
        if name == "HasValue":
            if shape.path is None:
                return f"FILTER(!sameTerm({focus}, {term(constraint.value)}))", None
            return f"FILTER NOT EXISTS {{ {focus} {self.path(shape)} {term(constraint.value)} }}", None
        if name == "UniqueLang":
            return self.shared_language(shape, focus), None
        if name in ("Equals", "Disjoint"):
            return self.pair(shape, name, term(constraint.value), focus)
        if name == "Closed":
            return self.closed(shape, constraint.value, focus)[:2]
        raise Unsupported(f"sh:{name} is not compiled")  # pragma: no cover - the model reads no other

    def shared_language(self, shape: Shape, focus: str, *, bind: bool = False) -> str:
        """Two values of ``focus`` with the same (non-empty) language; ``bind``: as ``?lang``."""
        a, b = self.var("a"), self.var("b")
        p = self.path(shape)
        found = (f"{focus} {p} {a} . FILTER(LANG({a}) != \"\") {focus} {p} {b} . "
                 f"FILTER(!sameTerm({a}, {b}) && LCASE(LANG({a})) = LCASE(LANG({b})))")
        return found + (f" BIND(LCASE(LANG({a})) AS ?lang)" if bind else "")

    def closed(self, shape: Shape, allowed: Sequence[URIRef], focus: str) -> tuple[str, str, str]:
        """A value's statements with a predicate outside ``allowed`` (``rdf:type rdfs:Resource``
        aside, as pySHACL): the pattern, the object's and the predicate's variables."""
        nodes, v = self.value_nodes(shape, focus)
        p, o = self.var("p"), self.var("o")
        outside = f"{p} NOT IN ({', '.join(term(a) for a in allowed)})" if allowed else "true"
        return (f"{nodes} {v} {p} {o} . FILTER({outside} && !(sameTerm({p}, {RDF_TYPE}) && "
                f"sameTerm({o}, {term(RDFS_RESOURCE)})))"), o, p

    def pair(self, shape: Shape, name: str, other: str, focus: str, *, top: bool = False) -> Pattern:
        """sh:equals (values of one but not the other, both ways) and sh:disjoint (shared values).
        ``top``: each branch of the union joins the focus nodes itself (a branch does not see
        the bindings outside it, except under EXISTS)."""
        nodes, v = self.value_nodes(shape, focus)
        if name == "Disjoint":
            return f"{nodes} {focus} {other} {v} .", v
        w = self.var("w")
        own = f"FILTER(!sameTerm({w}, {focus}))" if shape.path is None else \
            f"FILTER NOT EXISTS {{ {focus} {self.path(shape)} {w} }}"
        start = FOCUS if top else ""
        return (f"{{ {start} {nodes} FILTER NOT EXISTS {{ {focus} {other} {v} }} BIND({v} AS {w}) }} "
                f"UNION {{ {start} {focus} {other} {w} . {own} }}"), w

    def value_nodes(self, shape: Shape, focus: str) -> tuple[str, str]:
        """The pattern binding the shape's value nodes of ``focus``, and their variable."""
        if shape.path is None:
            return "", focus
        v = self.var()
        return f"{focus} {self.path(shape)} {v} .", v

    def distinct(self, shape: Shape, focus: str, count: int) -> str:
        """A pattern that matches when ``focus`` has at least ``count`` distinct values."""
        if count > MAX_DISTINCT + 1:
            raise Unsupported(f"a count of {count} values inside a nested shape")
        xs = [self.var("x") for _ in range(count)]
        p = self.path(shape)
        joins = " ".join(f"{focus} {p} {x} ." for x in xs)
        apart = " && ".join(f"!sameTerm({a}, {b})" for i, a in enumerate(xs) for b in xs[i + 1:])
        return joins + (f" FILTER({apart})" if apart else "")

    def nonconforming(self, shape: Shape, focus: str) -> str:
        """A pattern that matches when ``focus`` does not conform to ``shape``."""
        if shape.deactivated:
            return "FILTER(false)"
        branches = [p[0] for c in shape.constraints if (p := self.violation(shape, c, focus)) is not None]
        if shape.properties:
            nodes, inner = ("", focus) if shape.path is None else self.value_nodes(shape, focus)
            branches += [f"{nodes} {self.nonconforming(child, inner)}" for child in shape.properties]
        return " UNION ".join("{ " + b + " }" for b in branches) if branches else "FILTER(false)"

    def fails(self, shape: Shape, v: str) -> str:
        return f"EXISTS {{ {self.nonconforming(shape, v)} }}"


def _languages(_c: Compiler, wanted: Sequence[str], v: str) -> str:
    if "*" in wanted:
        return f'!isLiteral({v}) || LANG({v}) = ""'
    tags = ", ".join(string(t) for t in wanted) or '""'
    lower = f"LCASE(LANG({v}))"
    return (f'!isLiteral({v}) || LANG({v}) = "" || !({lower} IN ({tags}) '
            f'|| STRBEFORE(CONCAT({lower}, "-"), "-") IN ({tags}))')


def _xone(c: Compiler, shapes: Sequence[Shape], v: str) -> str:
    return "(" + " + ".join(f"IF({c.fails(s, v)}, 0, 1)" for s in shapes) + ") != 1"


_VALUE_TESTS: dict[str, Callable[[Compiler, Any, str], str | None]] = {
    # a FILTER expression that is true when value ``v`` violates the constraint
    "Class": lambda _c, cls, v: f"NOT EXISTS {{ {v} {TYPE_OF} {term(cls)} }}",
    "Datatype": lambda _c, dt, v: f"!{well_formed(dt, v)}",
    "NodeKind": lambda _c, kind, v: "!(" + NODE_KINDS[kind].format(v=v) + ")",
    "In": lambda _c, members, v: "!(" + (" || ".join(f"sameTerm({v}, {term(m)})" for m in members) or "false") + ")",
    "Pattern": lambda _c, pf, v: (f"isBlank({v}) || !REGEX(STR({v}), {string(portable_pattern(pf[0]))}, "
                                  f"{string(pf[1])})"),
    "MinLength": lambda _c, n, v: None if n == 0 else f"isBlank({v}) || STRLEN(STR({v})) < {n}",
    "MaxLength": lambda _c, n, v: f"isBlank({v}) || STRLEN(STR({v})) > {n}",
    "LanguageIn": _languages,
    **{name: (lambda _c, bound, v: f"!COALESCE(isNumeric({v}) && {v} {bound[0]} {term(bound[1])}, false)")
       for name in ("MinInclusive", "MaxInclusive", "MinExclusive", "MaxExclusive")},
    "Node": lambda c, shape, v: c.fails(shape, v),
    "Not": lambda c, shape, v: f"!{c.fails(shape, v)}",
    "And": lambda c, shapes, v: " || ".join(c.fails(s, v) for s in shapes) or "false",
    "Or": lambda c, shapes, v: " && ".join(c.fails(s, v) for s in shapes) or "true",
    "Xone": _xone,
}
