"""Validation against a shapes graph that a user uploads (``POST /v1/validate``).

Shapes the compiler supports (``graph.shacl``) run as SPARQL over a scratch in-memory store; the
others go to pySHACL. SHACL Core only by default: SPARQL-based constraints, SPARQL targets, rules
and functions are refused (``UnsupportedShapes``) unless the operator sets ``allow_sparql_shapes``; JavaScript
(``sh:js``…) is always refused, and so is any SPARQL text with ``SERVICE``/``LOAD`` (rdflib's
engine would make the request). ``owl:imports`` are never followed; they are reported back.
Uploads are parsed by pyoxigraph (no remote JSON-LD context is fetched, no DTD).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import rdflib
from pyshacl import validate as pyshacl_validate
from rdflib.namespace import OWL as RDFLIB_OWL
from rdflib.namespace import RDF as RDFLIB_RDF

from graph.begrippen.schemes import scheme as find_scheme
from graph.begrippen.schemes import scheme_iri
from graph.errors import InvalidInput, InvalidQuery, PayloadTooLarge, UnsupportedShapes
from graph.quality.checks import source_graph
from graph.queries import query
from graph.queries.lexical import outbound_keyword, unescape_codepoints
from graph.rdf.rdfio import RdfSyntaxError, parse_rdf
from graph.rdf.terms import NamedNode, Quad, Triple
from graph.settings import Settings
from graph.shacl import Unsupported, compile_shapes, from_rdflib, report_graph, run_on_triples
from graph.sources.gate import ValidationReport, _results, as_validation_results, check_user_shapes, to_rdflib
from graph.store.base import GraphStore

MAX_SHAPES_BYTES = 2 * 1024 * 1024
"""Largest uploaded shapes graph."""
MAX_DATA_TRIPLES = 200_000
"""Largest data graph (uploaded or referenced) validated (pySHACL: ~0.2 ms per focus node)."""
UPLOAD_GRAPH = NamedNode("urn:stelselgraaf:upload")

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
SPARQL_TYPES = (SH.SPARQLConstraint, SH.SPARQLTarget, SH.SPARQLTargetType, SH.SPARQLConstraintComponent,
                SH.SPARQLAskValidator, SH.SPARQLSelectValidator, SH.SPARQLFunction, SH.SPARQLRule,
                SH.SPARQLValuesDeriver, SH.TripleRule)
SPARQL_PREDICATES = (SH.validator, SH.nodeValidator, SH.propertyValidator, SH.target, SH.construct, SH.update)
JS_TERMS = ("js", "jsFunctionName", "jsLibrary", "jsLibraryURL", "JSConstraint", "JSFunction", "JSTarget",
            "JSTargetType", "JSRule", "JSValidator", "JSExecutable", "JSLibrary")
QUERY_TEXTS = (SH.select, SH.ask, SH.construct, SH.update)


@dataclass(frozen=True)
class UserValidation:
    """The outcome of validating data against uploaded shapes."""

    report: ValidationReport
    report_graph: rdflib.Graph
    data_triples: int
    ignored_imports: tuple[str, ...]

    def turtle(self) -> bytes:
        return self.report_graph.serialize(format="turtle", encoding="utf-8")


def parse_upload(body: bytes, fmt: str, part: str, *, max_bytes: int | None = None) -> rdflib.Graph:
    """An uploaded RDF document (``fmt``: turtle, ntriples, jsonld) as an rdflib graph."""
    if max_bytes is not None and len(body) > max_bytes:
        raise PayloadTooLarge(f"{part}: {len(body)} bytes, over the limit of {max_bytes}")
    if fmt not in ("turtle", "ntriples", "jsonld"):
        raise InvalidInput(f"{part}: unsupported format {fmt!r}; send Turtle, N-Triples or JSON-LD")
    graph = rdflib.Graph()
    try:
        _add(graph, parse_rdf(body, fmt, base_iri=None, graph=UPLOAD_GRAPH))
    except RdfSyntaxError as error:
        where = f" at line {error.line}, column {error.column}" if error.line is not None else ""
        problem = InvalidInput(f"{part}: malformed {fmt}{where}: {error}")
        problem.problem_extra = {"part": part, "line": error.line, "column": error.column}  # type: ignore[attr-defined]
        raise problem from None
    return graph


def _add(graph: rdflib.Graph, quads: Iterable[Quad]) -> None:
    for count, quad in enumerate(quads, 1):
        if count > MAX_DATA_TRIPLES:
            raise PayloadTooLarge(f"more than {MAX_DATA_TRIPLES} triples; validate a smaller graph")
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))


def stored_data(store: GraphStore, graphs: Iterable[NamedNode]) -> rdflib.Graph:
    """The union of some named graphs of the store as an rdflib graph (size-limited)."""
    names = list(graphs)
    size = sum(int(row["n"].value) for g in names for row in store.select(query("graph_size"), {"g": g}) if "n" in row)
    if size > MAX_DATA_TRIPLES:
        raise PayloadTooLarge(f"the referenced data has {size} triples, over the limit of {MAX_DATA_TRIPLES}; "
                              "validate a smaller graph")
    graph = rdflib.Graph()
    _add(graph, (q for g in names for q in store.quads(g)))
    return graph


def _uses(shapes: rdflib.Graph, predicates: Iterable[rdflib.URIRef], types: Iterable[rdflib.URIRef]) -> list[str]:
    found = [str(p) for p in predicates if next(shapes.subject_objects(p), None) is not None]
    return found + [str(t) for t in types if next(shapes.subjects(RDFLIB_RDF.type, t), None) is not None]


def refuse_unsupported(shapes: rdflib.Graph, *, allow_sparql: bool) -> tuple[str, ...]:
    """Raise UnsupportedShapes for features this service does not run; return ignored imports."""
    js = _uses(shapes, [SH[t] for t in JS_TERMS if t[0].islower()], [SH[t] for t in JS_TERMS if t[0].isupper()])
    if js:
        raise UnsupportedShapes(f"JavaScript-based SHACL (SHACL-JS) is not supported: {', '.join(js)}")
    if not allow_sparql:
        try:
            check_user_shapes(shapes, allow_sparql=False)
        except InvalidQuery as error:
            raise UnsupportedShapes(str(error)) from None
        sparql = _uses(shapes, SPARQL_PREDICATES, SPARQL_TYPES)
        if sparql:
            raise UnsupportedShapes("SPARQL-based SHACL (targets, constraint components, rules) is not "
                                    f"accepted in uploaded shapes, only SHACL Core: {', '.join(sparql)}")
    for predicate in QUERY_TEXTS:
        for _node, text in shapes.subject_objects(predicate):
            if outbound_keyword(unescape_codepoints(str(text))):
                raise UnsupportedShapes("SPARQL in shapes may not use SERVICE or LOAD (no outbound requests)")
    return tuple(sorted(str(o) for o in shapes.objects(None, RDFLIB_OWL.imports)))


def validate_user(data: rdflib.Graph, shapes: rdflib.Graph, *, allow_sparql: bool) -> UserValidation:
    """Validate ``data`` against uploaded ``shapes`` (checked first with ``refuse_unsupported``):
    compiled to SPARQL over a scratch store when the compiler supports them, else by pySHACL."""
    ignored = refuse_unsupported(shapes, allow_sparql=allow_sparql)
    try:
        compiled = compile_shapes(shapes)
    except Unsupported:
        compiled = None
    if compiled is not None:
        triples = (Triple(from_rdflib(s), from_rdflib(p), from_rdflib(o)) for s, p, o in data)  # type: ignore[arg-type]
        results = run_on_triples(Settings(store=":memory:"), triples, compiled)
        return UserValidation(ValidationReport(tuple(as_validation_results(results))),
                              report_graph(results, shapes), len(data), ignored)
    _conforms, report, _text = pyshacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=allow_sparql, js=False,
        do_owl_imports=False, allow_warnings=True, meta_shacl=False,
    )
    assert isinstance(report, rdflib.Graph)
    return UserValidation(ValidationReport(tuple(_results(report))), report, len(data), ignored)


def referenced_data(store: GraphStore, *, source: str | None, scheme: str | None) -> rdflib.Graph:
    """The data of a loaded source (by name) or of a begrippenkader (by id: the graphs of the
    sources that declare it)."""
    if source is not None:
        return stored_data(store, [source_graph(store, source)])
    if scheme is None:
        raise InvalidInput("send data (Turtle) or name a loaded source (source=) or begrippenkader (scheme=)")
    try:
        iri = scheme_iri(store.settings.base_iri, scheme)
    except ValueError as error:
        raise InvalidInput(str(error)) from error
    return stored_data(store, [NamedNode(g) for g in find_scheme(store, iri).graphs])
