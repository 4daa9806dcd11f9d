"""The audit log (Logius *Logboek Dataverwerkingen* + BIO2 8.15) as RDF in a private graph.

Each record is one ``AuditEvent``. It is written either inside the same SPARQL update as the
change it accounts for (``audit_update`` / ``audit_quads``: one transaction, so after a crash
the log and the store always agree) or on its own with ``record`` (reads of restricted data,
refused attempts). An acknowledged Oxigraph transaction survives ``kill -9`` (findings §7), so
a record is durable before the response that depends on it is sent.

The log is append-only: there is no update or delete of records anywhere in the code, and the
audit graph lives under ``iris.private_prefix`` so no public read (SPARQL, REST, /doc) sees it.
Records never hold a token, a password or a BSN: ``actor`` is a ``Principal.subject``
(``token:<id>``), and a data subject id that looks like a BSN is refused.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from importlib import metadata
from typing import Any

from graph import queries
from graph.rdf import iris
from graph.rdf.namespaces import PROV, RDF, STG
from graph.rdf.rdfio import ntriples_line
from graph.rdf.terms import XSD_DATETIME, Literal, NamedNode, Quad, Term, Triple, lit
from graph.rdf.vocab import xsd_datetime
from graph.store.base import GraphStore, Row

STATUS_UNSET, STATUS_OK, STATUS_ERROR = 0, 1, 2
"""Logboek ``status_code``: 0 unset (also client errors), 1 explicitly ok, 2 server-side error."""

ACTIVITIES: dict[str, str] = {
    "begripsbeheer": "Beheer van begrippen: wijzigingsvoorstellen indienen, beoordelen en publiceren.",
    "toegangsbeheer": "Beheer van toegang: tokens aanmaken en intrekken, toegang verlenen en weigeren.",
    "verantwoording": "Verantwoording: het logboek dataverwerkingen raadplegen.",
    "bronbeheer": "Beheer van bronnen: bronnen laden en verwijderen.",
}
"""Our processing activities (verwerkingsactiviteiten); ``processing_activity`` gives their IRI."""

_HEX32 = re.compile(r"[0-9a-f]{32}")
_HEX16 = re.compile(r"[0-9a-f]{16}")
_NINE_DIGITS = re.compile(r"\D*(?:\d\D*){9}")
_SECRET = re.compile(r"sg_[A-Za-z0-9_-]{20,}")


def _resource() -> str:
    try:
        return f"stelselgraaf/{metadata.version('stelselgraaf')}"
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "stelselgraaf"


RESOURCE = _resource()


@dataclass(frozen=True)
class AuditEvent:
    """One Logboek record. Times are timezone-aware UTC; ids are lower-case hex."""

    trace_id: str
    span_id: str
    name: str
    start_time: datetime
    end_time: datetime
    actor: str
    processing_activity_id: str
    action: str
    status_code: int = STATUS_UNSET
    parent_span_id: str | None = None
    resource: str = RESOURCE
    object: str | None = None
    result: str = ""
    origin: str = "api"
    data_subject_id: str | None = None
    data_subject_id_type: str | None = None

    def __post_init__(self) -> None:
        if not _HEX32.fullmatch(self.trace_id) or set(self.trace_id) == {"0"}:
            raise ValueError("trace_id must be 16 bytes as 32 lower-case hex digits, not all zero")
        for span in (self.span_id, self.parent_span_id):
            if span is not None and (not _HEX16.fullmatch(span) or set(span) == {"0"}):
                raise ValueError("span ids must be 8 bytes as 16 lower-case hex digits, not all zero")
        if self.status_code not in (STATUS_UNSET, STATUS_OK, STATUS_ERROR):
            raise ValueError("status_code must be 0, 1 or 2")
        if self.start_time.tzinfo is None or self.end_time.tzinfo is None:
            raise ValueError("start_time and end_time must be timezone-aware")
        if self.data_subject_id is not None and _NINE_DIGITS.fullmatch(self.data_subject_id):
            raise ValueError("a data subject id must be pseudonymised (never a BSN in clear)")
        for value in (self.actor, self.name, self.action, self.result, self.origin, self.object):
            if value is not None and _SECRET.search(value):
                raise ValueError("an audit record must never contain a token")

    def logboek(self) -> dict[str, Any]:
        """The record as Logboek Dataverwerkingen JSON (BIO2 fields in ``dpl.stelselgraaf.*``)."""
        attributes = {
            "dpl.core.processing_activity_id": self.processing_activity_id,
            "dpl.core.data_subject_id": self.data_subject_id,
            "dpl.core.data_subject_id_type": self.data_subject_id_type,
            "dpl.stelselgraaf.actor": self.actor,
            "dpl.stelselgraaf.action": self.action,
            "dpl.stelselgraaf.object": self.object,
            "dpl.stelselgraaf.result": self.result,
            "dpl.stelselgraaf.origin": self.origin,
        }
        return {
            "trace_id": self.trace_id, "span_id": self.span_id, "parent_span_id": self.parent_span_id,
            "name": self.name, "start_time": iso(self.start_time), "end_time": iso(self.end_time),
            "status_code": self.status_code,
            "resource": {"attributes": {"service.name": self.resource.split("/")[0],
                                        "service.version": self.resource.partition("/")[2]}},
            "attributes": {k: v for k, v in attributes.items() if v is not None},
        }

    @classmethod
    def from_logboek(cls, data: dict[str, Any]) -> AuditEvent:
        """Inverse of ``logboek`` (for events kept in the token database's outbox)."""
        attrs = data["attributes"]
        res = data["resource"]["attributes"]
        return cls(
            trace_id=data["trace_id"], span_id=data["span_id"], parent_span_id=data["parent_span_id"],
            name=data["name"], start_time=datetime.fromisoformat(data["start_time"]),
            end_time=datetime.fromisoformat(data["end_time"]), status_code=data["status_code"],
            resource="/".join(p for p in (res["service.name"], res["service.version"]) if p),
            actor=attrs["dpl.stelselgraaf.actor"], action=attrs["dpl.stelselgraaf.action"],
            processing_activity_id=attrs["dpl.core.processing_activity_id"],
            object=attrs.get("dpl.stelselgraaf.object"), result=attrs.get("dpl.stelselgraaf.result", ""),
            origin=attrs.get("dpl.stelselgraaf.origin", "api"),
            data_subject_id=attrs.get("dpl.core.data_subject_id"),
            data_subject_id_type=attrs.get("dpl.core.data_subject_id_type"),
        )


def new_trace_id() -> str:
    """A random W3C Trace Context trace id (16 bytes hex)."""
    return secrets.token_hex(16)


def new_span_id() -> str:
    """A random span id (8 bytes hex)."""
    return secrets.token_hex(8)


def utcnow() -> datetime:
    """Now, UTC, millisecond precision (the Logboek's timestamp resolution)."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def processing_activity(base: str, key: str) -> str:
    """IRI of one of our processing activities (a key of ``ACTIVITIES``)."""
    if key not in ACTIVITIES:
        raise ValueError(f"unknown processing activity {key!r}; known: {', '.join(ACTIVITIES)}")
    return iris.thing(base, "verwerkingsactiviteit", key).value


def event(
    base: str, *, name: str, actor: str, action: str, activity: str, start_time: datetime | None = None,
    trace_id: str | None = None, parent_span_id: str | None = None, **extra: Any,
) -> AuditEvent:
    """A new event with fresh ids, ending now; ``activity`` is a key of ``ACTIVITIES``."""
    end = utcnow()
    return AuditEvent(
        trace_id=trace_id or new_trace_id(), span_id=new_span_id(), parent_span_id=parent_span_id,
        name=name, start_time=start_time or end, end_time=end, actor=actor, action=action,
        processing_activity_id=processing_activity(base, activity), **extra,
    )


def finished(started: AuditEvent, **changes: Any) -> AuditEvent:
    """``started`` with ``end_time`` now and the given fields (e.g. ``status_code``, ``result``)."""
    return replace(started, end_time=utcnow(), **changes)


# ---------------------------------------------------------------- RDF
def audit_graph(base: str) -> NamedNode:
    """The private graph that holds the audit log."""
    return iris.private_graph(base, "audit")


def record_iri(base: str, event: AuditEvent) -> NamedNode:
    """The IRI of one record (private: no public read resolves it)."""
    return iris.private_graph(base, "audit", event.trace_id, event.span_id)


def _triples(base: str, event: AuditEvent) -> Iterator[Triple]:
    node = record_iri(base, event)
    values: list[tuple[NamedNode, Term | None]] = [
        (RDF.type, STG.Logregel), (STG.traceId, lit(event.trace_id)), (STG.spanId, lit(event.span_id)),
        (STG.parentSpanId, lit(event.parent_span_id) if event.parent_span_id else None),
        (STG.operatie, lit(event.name)), (PROV.startedAtTime, _dt(event.start_time)),
        (PROV.endedAtTime, _dt(event.end_time)), (STG.statuscode, lit(event.status_code)),
        (STG.resource, lit(event.resource)), (STG.actor, lit(event.actor)),
        (STG.verwerkingsactiviteit, NamedNode(event.processing_activity_id)),
        (STG.handeling, lit(event.action)), (STG.resultaat, lit(event.result)),
        (STG.herkomst, lit(event.origin)),
        (STG.betreft, NamedNode(event.object) if event.object else None),
        (STG.betrokkene, lit(event.data_subject_id) if event.data_subject_id else None),
        (STG.betrokkeneType, lit(event.data_subject_id_type) if event.data_subject_id_type else None),
    ]
    yield from (Triple(node, p, o) for p, o in values if o is not None)


def audit_quads(base: str, event: AuditEvent) -> list[Quad]:
    """The record as quads in the audit graph (to write in the same update as a change)."""
    graph = audit_graph(base)
    return [Quad(t.subject, t.predicate, t.object, graph) for t in _triples(base, event)]


def audit_update(base: str, event: AuditEvent) -> str:
    """One ``INSERT DATA`` operation for the record; join it with ``;`` to a change's update."""
    body = "\n".join(ntriples_line(t) for t in _triples(base, event))
    return queries.update("audit_insert", graph=audit_graph(base), triples=body)


def record(store: GraphStore, event: AuditEvent) -> None:
    """Write one record on its own (one transaction, durable when acknowledged)."""
    store.update(audit_update(store.settings.base_iri, event), private=True, durable=True)


DETAILS_CHUNK = 500
"""Records per details query (one VALUES block each)."""
ALL = NamedNode("urn:stelselgraaf:alle")
EARLIEST = datetime(1, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)


@dataclass(frozen=True)
class AuditPage:
    """A page of records, newest first, and the total that matched the filters."""

    events: list[AuditEvent]
    total: int


def query_audit(
    store: GraphStore, *, actor: str | None = None, name: str | None = None, object: str | None = None,
    since: datetime | None = None, until: datetime | None = None, limit: int = 100, offset: int = 0,
) -> AuditPage:
    """Records matching every given filter (``since`` inclusive, ``until`` exclusive on start_time)."""
    graph = audit_graph(store.settings.base_iri)
    bindings: dict[str, Term] = {  # every filter is bound; the defaults let everything through
        "auditGraph": graph, "actorFilter": lit(actor or ""), "nameFilter": lit(name or ""),
        "objectFilter": NamedNode(object) if object else ALL,
        "since": _dt(since or EARLIEST), "until": _dt(until or LATEST),
    }
    matched = [row["e"] for row in store.select(queries.query("audit_events"), bindings)]
    page = matched[offset:offset + limit]
    if not page:
        return AuditPage([], len(matched))
    by_iri: dict[str, AuditEvent] = {}
    for start in range(0, len(page), DETAILS_CHUNK):
        chunk = page[start:start + DETAILS_CHUNK]
        text = queries.with_values(queries.query("audit_details"), "e", chunk)  # type: ignore[arg-type]
        by_iri.update((row["e"].value, _event(row)) for row in store.select(text, {"auditGraph": graph}))
    return AuditPage([by_iri[e.value] for e in page if e.value in by_iri], len(matched))


def _event(row: Row) -> AuditEvent:
    def opt(key: str) -> str | None:
        return row[key].value if key in row else None

    return AuditEvent(
        trace_id=row["trace"].value, span_id=row["span"].value, parent_span_id=opt("parent"),
        name=row["name"].value, start_time=_parse_dt(row["start"].value), end_time=_parse_dt(row["end"].value),
        status_code=int(row["status"].value), resource=row["resource"].value, actor=row["actor"].value,
        processing_activity_id=row["activity"].value, action=row["action"].value,
        result=row["result"].value, origin=row["origin"].value, object=opt("object"),
        data_subject_id=opt("subject"), data_subject_id_type=opt("subjectType"),
    )


def iso(moment: datetime) -> str:
    """``moment`` in UTC as ISO 8601 with milliseconds and ``Z``."""
    return xsd_datetime(moment)


def _parse_dt(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _dt(moment: datetime) -> Literal:
    return Literal(iso(moment), datatype=XSD_DATETIME)


FIELDS = tuple(f.name for f in fields(AuditEvent))
