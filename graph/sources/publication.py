"""Loaded sources: one named graph each, with a provenance record in the metadata graph.

Publication by pointer. Every load of a source writes a graph of its own,
``{base}graph/source/{name}/{key}`` (``key``: a digest of the input files, loader and shapes,
so the same input gives the same graph). Loading is: hide the new graph → stage (bulk write)
→ validate → commit. ``commit_source`` points the source's record (``stg:graaf``) at the new
graph and writes the audit record in one small update, and in the same step the store shows the
new graph and hides the previous one, which is then dropped. Readers see the old load or the
new one, never both and never a half-written one; nothing is copied or moved (a ``MOVE`` of a
1M-triple graph cost ~12× its bulk load, docs/benchmarks.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from graph import queries
from graph.errors import ShapeViolation
from graph.rdf import iris
from graph.rdf.namespaces import DCAT, PROV, RDF, STG
from graph.rdf.rdfio import ntriples_line
from graph.rdf.terms import XSD_DATETIME, BlankNode, Literal, NamedNode, Quad, Triple, lit
from graph.rdf.vocab import xsd_datetime
from graph.sources.gate import ValidationReport, validate_graph
from graph.store.base import GraphStore
from graph.trust import audit


@dataclass(frozen=True)
class FileInfo:
    """One input file of a source."""

    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class SourceRecord:
    """What the metadata graph says about a loaded source."""

    name: str
    graph: str
    loader: str
    loader_version: str
    triples: int
    conforms: bool
    warnings: int
    loaded_at: str
    files: list[FileInfo] = field(default_factory=list)


STAGING_PREFIX = "urn:stelselgraaf:staging:"
"""Staging graphs of earlier versions (staged, then moved): dropped by ``recover``."""


@dataclass(frozen=True)
class Load:
    """What one load of a source is: its new graph, the loader that made it, the input files and
    the shapes that gate it."""

    name: str
    graph: NamedNode
    loader: str
    loader_version: str
    files: list[FileInfo]
    shapes: tuple[str, ...]


@dataclass(frozen=True)
class Published:
    """A load that is now the source's current graph."""

    record: SourceRecord
    validation: ValidationReport


def publish(store: GraphStore, load: Load, quads: Iterable[Quad], *, actor: str = "beheerder") -> Published:
    """Publish ``quads`` as the new graph of source ``load.name``: begin (hidden, empty) → stage
    (blank nodes skolemized) → SHACL gate → commit, or discard and raise. Either the source now
    points at ``load.graph`` or nothing changed (``ShapeViolation``, a loader or store error)."""
    begin(store, load.graph)
    count = stage(store, load.graph, skolemize(quads, store.settings.base_iri, load.name))
    try:
        report = validate_graph(store, load.graph, load.shapes)
    except BaseException:
        discard(store, load.graph)
        raise
    if not report.conforms:
        discard(store, load.graph)
        raise ShapeViolation(f"{load.name}: {report.violations} shape violation(s)", report)
    record = SourceRecord(
        name=load.name, graph=load.graph.value, loader=load.loader, loader_version=load.loader_version,
        triples=count, conforms=True, warnings=report.warnings, loaded_at=now(), files=load.files,
    )
    commit_source(store, load.graph, record, actor)
    return Published(record, report)


def published_graphs(store: GraphStore) -> list[NamedNode]:
    """Every visible named graph except private ones (audit, proposals)."""
    private = iris.private_prefix(store.settings.base_iri)
    return [g for g in store.graph_names() if not g.value.startswith(private)]


def current_graph(store: GraphStore, name: str) -> NamedNode | None:
    """The graph that the source ``name`` is published in, or None when it is not loaded."""
    rows = store.select(queries.query("source_graph"),
                        {"meta": iris.metadata_graph(store.settings.base_iri), "name": lit(name)})
    return rows[0]["graph"] if rows else None  # type: ignore[return-value]


def begin(store: GraphStore, graph: NamedNode) -> None:
    """Prepare ``graph`` for a new load: hidden from readers, and empty (a crashed or replaced
    load may have left quads under the same name)."""
    discard(store, graph)
    store.hide(graph)


def recover(store: GraphStore) -> list[NamedNode]:
    """Drop what interrupted loads left: graphs of loads never published (or replaced but not
    yet dropped) and old-style staging graphs. Run when a store is opened; returns them."""
    prefix = iris.source_graph_prefix(store.settings.base_iri)
    current = {NamedNode(record.graph) for record in list_sources(store)}
    orphans = [g for g in store.graph_names() if g.value.startswith(STAGING_PREFIX)
               or (g.value.startswith(prefix) and g not in current)]
    for graph in orphans:
        discard(store, graph)
    return orphans


def skolemize(quads: Iterable[Quad], base: str, source_name: str) -> Iterator[Quad]:
    """Replace blank nodes by Skolem IRIs numbered in order of first appearance.

    The same input gives the same IRIs, so reloading never grows the store (findings §8).
    """
    seen: dict[str, NamedNode] = {}

    def fix(term: object) -> object:
        if isinstance(term, BlankNode):
            if term.value not in seen:
                seen[term.value] = iris.skolem(base, source_name, len(seen))
            return seen[term.value]
        return term

    for quad in quads:  # a quad without blank nodes is passed on as is (no rebuild: ~2 µs each)
        subject, obj = quad.subject, quad.object
        if isinstance(subject, BlankNode) or isinstance(obj, BlankNode):
            yield Quad(fix(subject), quad.predicate, fix(obj), quad.graph_name)  # type: ignore[arg-type]
        else:
            yield quad


def stage(store: GraphStore, staging: NamedNode, quads: Iterable[Quad]) -> int:
    """Write quads to the staging graph; on failure the staging graph is removed."""
    try:
        return store.stage(staging, quads)
    except BaseException:
        discard(store, staging)
        raise


def discard(store: GraphStore, staging: NamedNode) -> None:
    """Hide and drop a graph that is not (or no longer) published: a failed or replaced load."""
    store.hide(staging)
    store.drop_hidden(staging)


def _bronbeheer(store: GraphStore, *, name: str, action: str, graph: str, result: str,
                actor: str) -> audit.AuditEvent:
    """The audit record (Logboek, activity bronbeheer) of a load or unload."""
    return audit.event(store.settings.base_iri, name=name, actor=actor, action=action, activity="bronbeheer",
                       object=graph, result=result, status_code=audit.STATUS_OK, origin="beheer")


def _audited(store: GraphStore, change: str, event: audit.AuditEvent, *, show: tuple[NamedNode, ...] = (),
             hide: tuple[NamedNode, ...] = ()) -> None:
    """Run ``change`` with its audit record in one durable update."""
    store.update(change + " ;\n" + audit.audit_update(store.settings.base_iri, event), durable=True, show=show,
                 hide=hide)


def commit_source(store: GraphStore, staging: NamedNode, record: SourceRecord, actor: str = "beheerder") -> None:
    """Publish the staged graph: point the source's record at it and write the audit record in
    one update; the previous graph of the source disappears with it and is dropped afterwards."""
    base = store.settings.base_iri
    subject = iris.source_record(base, record.name)
    previous = current_graph(store, record.name)
    metadata = "\n".join(ntriples_line(t) for t in _record_triples(subject, record))
    change = queries.update(
        "replace_source", meta=iris.metadata_graph(base), record=subject,
        recordPrefix=Literal(subject.value + "#"), metadata=metadata,
    )
    retired = (previous,) if previous is not None and previous != staging else ()
    event = _bronbeheer(store, name="bron laden", action="laden", graph=record.graph,
                        result=f"{record.triples} triples", actor=actor)
    _audited(store, change, event, show=(staging,), hide=retired)
    for graph in retired:
        store.drop_hidden(graph)


def drop_source(store: GraphStore, name: str, actor: str = "beheerder") -> bool:
    """Remove a source's graph and record; False when no such source is loaded."""
    base = store.settings.base_iri
    graph = current_graph(store, name)
    if graph is None:
        return False
    subject = iris.source_record(base, name)
    change = queries.update(
        "drop_source", meta=iris.metadata_graph(base), record=subject,
        recordPrefix=Literal(subject.value + "#"),
    )
    event = _bronbeheer(store, name="bron verwijderen", action="verwijderen", graph=graph.value,
                        result="verwijderd", actor=actor)
    _audited(store, change, event, hide=(graph,))
    store.drop_hidden(graph)
    return True


def list_sources(store: GraphStore) -> list[SourceRecord]:
    """Every loaded source with its provenance, sorted by name."""
    meta = iris.metadata_graph(store.settings.base_iri)
    files: dict[str, list[FileInfo]] = {}
    for row in store.select(queries.query("source_files"), {"meta": meta}):
        files.setdefault(row["record"].value, []).append(FileInfo(
            row["file"].value, row["sha256"].value, int(row["size"].value)))
    return [
        SourceRecord(
            name=row["name"].value, graph=row["graph"].value, loader=row["loader"].value,
            loader_version=row["version"].value, triples=int(row["triples"].value),
            conforms=row["conforms"].value == "true", warnings=int(row["warnings"].value),
            loaded_at=row["loadedAt"].value, files=files.get(row["record"].value, []),
        )
        for row in store.select(queries.query("sources"), {"meta": meta})
    ]


def now() -> str:
    """The current UTC time as an xsd:dateTime lexical form."""
    return xsd_datetime(datetime.now(UTC), precision="seconds")


def _record_triples(subject: NamedNode, record: SourceRecord) -> Iterator[Triple]:
    stamp = Literal(record.loaded_at, datatype=XSD_DATETIME)
    activity = NamedNode(subject.value + "#laadactie")
    yield from (Triple(subject, p, o) for p, o in (
        (RDF.type, STG.Bron), (STG.bronnaam, lit(record.name)),
        (STG.graaf, NamedNode(record.graph)), (STG.lader, lit(record.loader)),
        (STG.laderVersie, lit(record.loader_version)),
        (STG.aantalTriples, lit(record.triples)), (STG.conform, lit(record.conforms)),
        (STG.aantalWaarschuwingen, lit(record.warnings)), (PROV.generatedAtTime, stamp),
        (PROV.wasGeneratedBy, activity),
    ))
    yield Triple(activity, RDF.type, STG.Laadactie)
    yield Triple(activity, PROV.endedAtTime, stamp)
    for index, info in enumerate(record.files):
        node = NamedNode(f"{subject.value}#bestand-{index}")
        yield Triple(subject, STG.bestand, node)
        yield Triple(activity, PROV.used, node)
        yield Triple(node, STG.bestandsnaam, lit(info.name))
        yield Triple(node, STG.sha256, lit(info.sha256))
        yield Triple(node, DCAT.byteSize, lit(info.size))
