"""Definition conflicts: ``GET /v1/conflicts/{id}`` and the items of the list."""

from __future__ import annotations

from api.models.base import ApiModel
from api.models.definitions import Definition
from api.models.paging import Page
from graph.conflicts import Conflict as ConflictRecord


class Conflict(ApiModel):
    """A group of definitions that overlap or contradict each other, with what to do about it."""

    id: str
    iri: str
    type: str
    type_label: str
    type_iri: str
    term: str
    key: str
    explanation: str
    status: str
    note: str | None
    modified: str | None
    member_count: int
    members: list[Definition]
    meanings: list[list[str]]

    @classmethod
    def of(cls, conflict: ConflictRecord) -> Conflict:
        return cls(id=conflict.ref, iri=conflict.iri, type=conflict.type, type_label=conflict.type_label,
                   type_iri=conflict.type_iri, term=conflict.term, key=conflict.key,
                   explanation=conflict.explanation, status=conflict.status, note=conflict.note,
                   modified=conflict.modified, member_count=len(conflict.records),
                   members=[Definition.of(r) for r in conflict.records],
                   meanings=[list(m) for m in conflict.meanings])


class ConflictPage(Page[Conflict]):
    """``GET /v1/conflicts``: a page of conflicts."""
