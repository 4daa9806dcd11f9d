"""Running compiled shapes over one named graph of the store."""

from __future__ import annotations

from collections.abc import Iterable

from graph.rdf.terms import NamedNode, Quad, Term, Triple
from graph.settings import Settings
from graph.shacl.compile import Check, CompiledShapes
from graph.shacl.results import ShaclResult, to_rdflib
from graph.shacl.sparql_text import RDF_TYPE, SUBCLASS_OF
from graph.store.base import GraphStore
from graph.store.embedded import EmbeddedStore


def focus_values(focus: Iterable[Term] | None) -> str:
    """A ``VALUES ?this {…}`` block (terms serialised by pyoxigraph), or nothing."""
    if focus is None:
        return ""
    return "VALUES ?this { " + " ".join(str(t) for t in focus) + " }"


def subclasses(store: GraphStore, graph: NamedNode, compiled: CompiledShapes) -> dict[str, tuple[str, ...]]:
    """Every target class with itself and its subclasses in ``graph``; a class with a blank node
    among its subclasses is left out (its checks keep the ``rdfs:subClassOf*`` path)."""
    classes = sorted({c for check in compiled.checks for c in check.focus.classes})
    if not classes:
        return {}
    union = " UNION ".join(f"{{ ?sub {SUBCLASS_OF}+ {c} BIND({c} AS ?cls) }}" for c in classes)
    rows = store.select_graph(graph, f"SELECT ?cls ?sub WHERE {{ {union} }}")  # a constant start: Virtuoso
    found: dict[str, set[str]] = {c: {c} for c in classes}
    for row in rows:
        found[str(row["cls"])].add(str(row["sub"]))
    return {c: tuple(sorted(subs)) for c, subs in found.items() if not any(s.startswith("_:") for s in subs)}


def instantiated(store: GraphStore, graph: NamedNode, classes: dict[str, tuple[str, ...]],
                 values: str) -> dict[str, tuple[str, ...]]:
    """``classes`` with only the members that have an instance (among the focus nodes in
    ``values``, when given): checks of classes without any are skipped."""
    members = sorted({m for subs in classes.values() for m in subs})
    if not members:
        return classes
    rows = store.select_graph(graph, f"SELECT ?cls WHERE {{ VALUES ?cls {{ {' '.join(members)} }} "
                                     f"FILTER EXISTS {{ {values} ?this {RDF_TYPE} ?cls }} }}")
    present = {str(row["cls"]) for row in rows}
    return {c: tuple(m for m in subs if m in present) for c, subs in classes.items()}


def _idle(check: Check, classes: dict[str, tuple[str, ...]]) -> bool:
    """True when a check targets only classes that have no instance."""
    targets = check.focus
    return not targets.others and all(not classes.get(c, (c,)) for c in targets.classes)


def run_compiled(store: GraphStore, graph: NamedNode, compiled: CompiledShapes,
                 focus: Iterable[Term] | None = None) -> list[ShaclResult]:
    """Every result of the compiled checks over ``graph`` (also a hidden, staged one);
    ``focus``: validate only these focus nodes (incremental)."""
    values = focus_values(focus)
    classes = instantiated(store, graph, subclasses(store, graph, compiled), values)
    found: list[ShaclResult] = []
    for check in compiled.checks:
        if _idle(check, classes):
            continue
        for row in store.select_graph(graph, check.sparql(values, classes)):
            value = row.get("value")
            found.append(ShaclResult(
                focus=to_rdflib(row["this"]), path=check.path if check.path_var is None else row["path"].value,
                value=None if value is None else to_rdflib(value), shape=check.shape,
                component=check.component, severity=check.severity, messages=check.messages,
            ))
    return found


SCRATCH = NamedNode("urn:stelselgraaf:shacl:scratch")


def run_on_triples(settings: Settings, triples: Iterable[Triple], compiled: CompiledShapes,
                   focus: Iterable[Term] | None = None) -> list[ShaclResult]:
    """Run the checks over a few triples (a proposal's concepts as they would be) in a scratch
    in-memory store: the store's own graphs are never touched."""
    scratch = EmbeddedStore(settings, None)
    try:
        scratch.stage(SCRATCH, (Quad(t.subject, t.predicate, t.object, SCRATCH) for t in triples))
        return run_compiled(scratch, SCRATCH, compiled, focus)
    finally:
        scratch.close()
