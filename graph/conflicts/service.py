"""Definition conflicts: what the API, the CLI and change proposals ask of them.

* ``conflicts_for(store, records)``: the conflicts that (possibly hypothetical, not yet stored)
  definitions would be part of together with the rest of the store — for change proposals.
* ``list_conflicts`` / ``get_conflict`` / ``update_status``: the read and review side.

Detection lives in ``graph.conflicts.classify`` (which kind), ``graph.conflicts.synonyms``
(candidates across terms without comparing all pairs), ``graph.conflicts.index`` (incremental
upkeep) and ``graph.conflicts.model`` (the record, its IRI and explanation). One
``ConflictIndex`` is kept in the store's runtime state (``index_for``) and updated when the store's
generation moves, by diffing its definitions: only the touched terms and synonym candidates are
recomputed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.begrippen.definitions import DefinitionRecord
from graph.conflicts.index import ConflictIndex
from graph.conflicts.model import Conflict, source_key
from graph.conflicts.status import set_status, statuses, with_statuses
from graph.errors import InvalidQuery, NotFound
from graph.rdf.vocab import CONFLICT_STATUSES, CONFLICT_TYPES
from graph.store.base import GraphStore
from graph.text.normalise import fold, term_key

__all__ = ["Conflict", "ConflictIndex", "ConflictPage", "conflicts_for",
           "get_conflict", "index_for", "list_conflicts", "update_status"]



def index_for(store: GraphStore) -> ConflictIndex:
    """The conflict index of ``store``, brought up to date with its current generation."""
    index = store.state.kept("conflicts", lambda: ConflictIndex(store.settings.base_iri))
    index.refresh(store)
    return index


def conflicts_for(store: GraphStore, records: Sequence[DefinitionRecord]) -> list[Conflict]:
    """The conflicts ``records`` would be part of together with the rest of the store; a record
    replaces the stored definition with the same IRI. Nothing is written."""
    return index_for(store).preview(records)


@dataclass(frozen=True)
class ConflictPage:
    total: int
    items: list[Conflict]


def _matches_source(conflict: Conflict, source: str) -> bool:
    wanted = fold(source)
    return any(fold(source_key(r)) == wanted or fold(r.scheme_label or "") == wanted
               or fold(r.source.title or "") == wanted for r in conflict.records)


def _check(kind: str | None, status: str | None, limit: int, offset: int) -> None:
    if kind is not None and kind not in CONFLICT_TYPES:
        raise InvalidQuery(f"unknown conflict type {kind!r}; known: {', '.join(CONFLICT_TYPES)}")
    if status is not None and status not in CONFLICT_STATUSES:
        raise InvalidQuery(f"unknown status {status!r}; known: {', '.join(CONFLICT_STATUSES)}")
    if not 1 <= limit <= 1000 or offset < 0:
        raise InvalidQuery("limit must be 1…1000 and offset ≥ 0")


def list_conflicts(store: GraphStore, *, term: str | None = None, kind: str | None = None,
                   source: str | None = None, status: str | None = None, limit: int = 50,
                   offset: int = 0) -> ConflictPage:
    """Conflicts filtered by normalised term (also a member's term), type, source (BWB id,
    begrippenkader IRI or title) and editorial status; one page of them with the total."""
    _check(kind, status, limit, offset)
    found = index_for(store).conflicts()
    if kind is not None:
        found = [c for c in found if c.type == kind]
    if term is not None:
        key = term_key(term)
        found = [c for c in found if c.key == key or any(term_key(r.term) == key for r in c.records)]
    if source is not None:
        found = [c for c in found if _matches_source(c, source)]
    found = with_statuses(found, statuses(store))
    if status is not None:
        found = [c for c in found if c.status == status]
    return ConflictPage(len(found), found[offset:offset + limit])


def get_conflict(store: GraphStore, ref: str) -> Conflict:
    """One conflict by id, with its editorial status; NotFound when there is none."""
    conflict = index_for(store).get(ref)
    if conflict is None:
        raise NotFound(f"no definition conflict with id {ref!r}")
    return with_statuses([conflict], statuses(store))[0]


def update_status(store: GraphStore, ref: str, status: str, note: str | None = None,
                  actor: str = "systeem") -> Conflict:
    """Set the editorial status of one conflict (NotFound, InvalidQuery for a bad status)."""
    if status not in CONFLICT_STATUSES:
        raise InvalidQuery(f"unknown status {status!r}; known: {', '.join(CONFLICT_STATUSES)}")
    index = index_for(store)
    with index.lock:
        conflict = get_conflict(store, ref)
        before = store.generation()
        changed = set_status(store, conflict, status, note, actor)
        index.note_own_write(before, store.generation())
    return changed
