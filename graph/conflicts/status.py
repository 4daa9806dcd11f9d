"""Editorial status of definition conflicts, kept in a private graph of the store.

The conflicts are computed from the definitions; what a reviewer decided about one (open,
geaccepteerd, opgelost, with a note and the time) is state, stored per conflict IRI in
``{base}graaf/prive/conflicten``. A conflict whose IRI changes (its type or terms changed) is a
new conflict and starts ``open``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from graph.conflicts.model import STATUS_TERMS, Conflict
from graph.errors import InvalidQuery
from graph.queries import query, update
from graph.rdf.iris import private_graph
from graph.rdf.namespaces import STG
from graph.rdf.terms import XSD_DATETIME, Literal, NamedNode
from graph.rdf.vocab import CONFLICT_STATUSES, CONFLICT_TYPE_TERMS, xsd_datetime
from graph.store.base import GraphStore
from graph.trust import audit

_STATUS_OF = {STG[term].value: name for name, term in STATUS_TERMS.items()}


@dataclass(frozen=True)
class StatusRecord:
    status: str
    modified: str | None
    note: str | None


def status_graph(base: str) -> NamedNode:
    """The private graph that holds the editorial statuses."""
    return private_graph(base, "conflicten")


def statuses(store: GraphStore) -> dict[str, StatusRecord]:
    """Every stored status by conflict IRI."""
    rows = store.select(query("conflict_statuses"), {"graph": status_graph(store.settings.base_iri)})
    found: dict[str, StatusRecord] = {}
    for row in rows:
        status = _STATUS_OF.get(row["status"].value)
        if status is None:
            continue
        note = row.get("note")
        modified = row.get("modified")
        found[row["conflict"].value] = StatusRecord(
            status, modified.value if modified is not None else None,
            note.value if note is not None and note.value else None)
    return found


def with_statuses(conflicts: list[Conflict], stored: dict[str, StatusRecord]) -> list[Conflict]:
    """The conflicts with their stored editorial status (``open`` when none)."""
    return [c.with_status(s.status, s.note, s.modified) if (s := stored.get(c.iri)) else c
            for c in conflicts]


def set_status(store: GraphStore, conflict: Conflict, status: str, note: str | None,
               actor: str = "systeem") -> Conflict:
    """Store the editorial status of ``conflict`` and its audit record in one durable update
    (private graphs only); InvalidQuery for an unknown status."""
    if status not in CONFLICT_STATUSES:
        raise InvalidQuery(f"unknown status {status!r}; known: {', '.join(CONFLICT_STATUSES)}")
    base = store.settings.base_iri
    modified = xsd_datetime(datetime.now(UTC), precision="seconds", utc="+00:00")  # as it always was
    change = update(
        "conflict_status_set", graph=status_graph(base),
        conflict=NamedNode(conflict.iri), type=STG[CONFLICT_TYPE_TERMS[conflict.type]],
        status=STG[STATUS_TERMS[status]], modified=Literal(modified, datatype=XSD_DATETIME),
        note=Literal(note or ""))
    record = audit.event(base, name="conflictstatus zetten", actor=actor, action="status zetten",
                         activity="begripsbeheer", object=conflict.iri, result=status,
                         status_code=audit.STATUS_OK)
    store.update(change + " ;\n" + audit.audit_update(base, record), private=True, durable=True)
    return conflict.with_status(status, note or None, modified)
