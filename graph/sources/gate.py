"""The SHACL gate: validate a graph against shape files and return a frozen report.

Shapes the compiler supports (``graph.shacl``: SHACL Core as one SPARQL query per constraint) run
in the store over the staged graph; any other shapes graph goes to pySHACL, as follows.
Only the part of the graph that the shapes target is handed to pySHACL (findings.md: extract
the sub-graph; ``focus_nodes=`` is the slow way): nodes of targeted classes, their triples and
the triples of the nodes they point to.

Every literal of the graph is also checked for encoding defects with the detector of the
``encoding-error`` quality check (``graph.text.encoding``): mojibake and invalid characters
(control characters, U+FFFD) are warnings, unreadable text is a violation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import rdflib
from pyshacl import validate as pyshacl_validate
from rdflib.namespace import RDF as RDFLIB_RDF
from rdflib.namespace import SH as RDFLIB_SH

from graph.errors import InvalidQuery
from graph.rdf.terms import BlankNode, Literal, NamedNode, Quad, Term, Triple
from graph.settings import Settings
from graph.shacl import (
    CompiledShapes,
    ShaclResult,
    Unsupported,
    compile_shapes,
    generic_message,
    run_compiled,
    run_on_triples,
)
from graph.store.base import GraphStore
from graph.text import describe, encoding_defect

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
SEVERITY = {str(RDFLIB_SH.Violation): "Violation", str(RDFLIB_SH.Warning): "Warning",
            str(RDFLIB_SH.Info): "Info"}


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL finding, readable by a person."""

    severity: str
    focus: str
    path: str | None
    message: str
    shape: str | None
    value: str | None


@dataclass(frozen=True)
class ValidationReport:
    """All findings of one validation run."""

    results: tuple[ValidationResult, ...]

    @property
    def violations(self) -> int:
        return sum(r.severity == "Violation" for r in self.results)

    @property
    def warnings(self) -> int:
        return sum(r.severity == "Warning" for r in self.results)

    @property
    def conforms(self) -> bool:
        return self.violations == 0


@cache
def shapes_graph(names: tuple[str, ...]) -> rdflib.Graph:
    """The project's shape files ``shapes/{name}.ttl``, merged."""
    graph = rdflib.Graph()
    for name in names:
        graph.parse(data=resources.files("shapes").joinpath(f"{name}.ttl").read_text("utf-8"),
                    format="turtle")
    return graph


def to_rdflib(term: object) -> rdflib.term.Node:
    """Convert a pyoxigraph term to rdflib."""
    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:  # RDF 1.1: "a" is "a"^^xsd:string; rdflib tells them apart
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


def targeted_subgraph(quads: Callable[[], Iterable[Quad]], shapes: rdflib.Graph) -> rdflib.Graph:
    """The triples of targeted focus nodes and of the nodes they reference.

    ``quads`` is called once per pass (three streaming passes), so memory holds only the
    targeted part, never the whole graph.
    """
    classes = {str(o) for o in shapes.objects(None, RDFLIB_SH.targetClass)}
    rdf_type = str(RDFLIB_RDF.type)
    focus = {q.subject for q in quads() if q.predicate.value == rdf_type
             and isinstance(q.object, NamedNode) and q.object.value in classes}
    linked = focus | {q.object for q in quads() if q.subject in focus}
    graph = rdflib.Graph()
    for q in quads():
        if q.subject in linked:
            graph.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return graph


def validate_rdflib(data: rdflib.Graph, shapes: rdflib.Graph) -> ValidationReport:
    """Run pySHACL (no inference, no JS, no imports) and turn its report into data."""
    _conforms, report, _text = pyshacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=True, js=False,
        do_owl_imports=False, allow_warnings=True,
    )
    return ValidationReport(tuple(_results(report)))


def encoding_results(quads: Iterable[Quad]) -> Iterable[ValidationResult]:
    """A finding per literal with an encoding defect: Warning, or Violation when unreadable."""
    for quad in quads:
        text = quad.object.value if isinstance(quad.object, Literal) else None
        defect = encoding_defect(text) if text else None
        if defect is not None:
            yield ValidationResult(
                severity="Violation" if defect.unreadable else "Warning",
                focus=str(getattr(quad.subject, "value", quad.subject)), path=quad.predicate.value,
                message=describe(defect), shape=None, value=text)


@cache
def compiled_shapes(names: tuple[str, ...]) -> CompiledShapes | None:
    """The project's shape files compiled to SPARQL, or None when pySHACL must run them."""
    try:
        return compile_shapes(shapes_graph(names))
    except Unsupported:
        return None


def validate_graph(store: GraphStore, graph: NamedNode, shape_names: tuple[str, ...]) -> ValidationReport:
    """Validate one named graph of the store against project shape files and for encoding."""
    encoding = tuple(encoding_results(store.quads(graph)))
    if not shape_names:
        return ValidationReport(encoding)
    compiled = compiled_shapes(shape_names)
    if compiled is not None:
        return ValidationReport(_report(run_compiled(store, graph, compiled)).results + encoding)
    shapes = shapes_graph(shape_names)
    shacl = validate_rdflib(targeted_subgraph(lambda: store.quads(graph), shapes), shapes)
    return ValidationReport(shacl.results + encoding)


def validate_triples(settings: Settings, triples: frozenset[Triple] | set[Triple], shape_names: tuple[str, ...],
                     focus: list[Term]) -> ValidationReport:
    """Validate only the ``focus`` nodes (a proposal's concepts) over ``triples``, their sub-graph."""
    compiled = compiled_shapes(shape_names)
    if compiled is not None:
        return _report(run_on_triples(settings, triples, compiled, focus))
    shapes = shapes_graph(shape_names)
    quads = [Quad(t.subject, t.predicate, t.object) for t in triples]
    return validate_rdflib(targeted_subgraph(lambda: quads, shapes), shapes)


def as_validation_results(results: list[ShaclResult]) -> list[ValidationResult]:
    """Compiled results as the gate reports them, each once, in a stable order."""
    return sorted({ValidationResult(
        severity=SEVERITY.get(str(r.severity), "Violation"), focus=str(r.focus), path=r.path,
        message=r.messages[0] if r.messages else generic_message(r),
        shape=str(r.shape), value=None if r.value is None else str(r.value),
    ) for r in results}, key=lambda v: (v.focus, v.shape or "", v.message, v.value or ""))


def _report(results: list[ShaclResult]) -> ValidationReport:
    return ValidationReport(tuple(as_validation_results(results)))


def check_user_shapes(shapes: rdflib.Graph, *, allow_sparql: bool) -> None:
    """Refuse SPARQL-based constraints in uploaded shapes unless the operator allows them."""
    if allow_sparql:
        return
    for predicate in (RDFLIB_SH.sparql, RDFLIB_SH.select, RDFLIB_SH.ask, RDFLIB_SH.rule):
        if next(shapes.subject_objects(predicate), None) is not None:
            raise InvalidQuery("SPARQL-based constraints (sh:sparql) are not accepted in "
                               "uploaded shapes; only SHACL Core")


def _results(report: rdflib.Graph) -> Iterable[ValidationResult]:
    sh = RDFLIB_SH
    for node in report.subjects(RDFLIB_RDF.type, sh.ValidationResult):
        def one(predicate: rdflib.URIRef, node: rdflib.term.Node = node) -> str | None:
            value = report.value(node, predicate)
            return None if value is None else str(value)

        yield ValidationResult(
            severity=SEVERITY.get(one(sh.resultSeverity) or "", "Violation"),
            focus=one(sh.focusNode) or "", path=one(sh.resultPath),
            message=one(sh.resultMessage) or "constraint not met",
            shape=one(sh.sourceShape), value=one(sh.value),
        )
