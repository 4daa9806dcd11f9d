"""A proposal as a person reads it: per concept the field-level and triple-level diff, the
conflicts the change would introduce or resolve, its comments and reviews."""

from __future__ import annotations

from typing import Any

from graph.begrippen.definitions import definition_ref, definitions_for
from graph.changes.apply import status_of
from graph.changes.diff import field_diff, record_from_triples, triple_diff
from graph.changes.records import Proposal, Summary
from graph.changes.service import concept_of
from graph.conflicts.service import Conflict, conflicts_for
from graph.rdf.terms import NamedNode, Triple
from graph.store.base import GraphStore

LIFECYCLE_PENDING = {"create": "voorgesteld", "update": "herzien-en-opnieuw-voorgesteld",
                     "describe": "herzien-en-opnieuw-voorgesteld", "deprecate": "voorgesteld",
                     "replace": "voorgesteld"}
"""NL-SBB status a concept has *in the proposal* while it waits for review (its published state
keeps its own status until the proposal is approved)."""


def proposal_item(store: GraphStore, p: Proposal, *, stale: bool, conflicts: bool = True) -> dict[str, Any]:
    """The JSON shape of ``GET /v1/changes/{id}``; ``conflicts`` False leaves them out (null): the
    answers to mutations skip that work."""
    base = store.settings.base_iri
    ops = _ops(p, base)
    return {
        "id": p.id, "iri": p.iri.value, "status": p.status, "author": p.author.name, "created": p.created,
        "motivation": p.motivation, "based_on": sorted(p.based_on), "stale": stale,
        "changes": [_concept_item(base, p, concept, ops.get(concept, "describe")) for concept in p.concepts],
        "conflicts": None if not conflicts else _conflicts(store, p) if p.status == "voorgesteld"
        else {"introduced": [], "resolved": []},
        "comments": [c.item() for c in p.comments], "reviews": [r.item() for r in p.reviews],
        "request": {"motivation": p.request.motivation, "changes": [c.json() for c in p.request.changes]},
    }


def summary_item(summary: Summary) -> dict[str, Any]:
    return summary.item()


def _ops(p: Proposal, base: str) -> dict[str, str]:
    return {concept_of(change, base).value: change.op for change in p.request.changes}


def _own(triples: frozenset[Triple], concept: NamedNode) -> list[Triple]:
    return [t for t in triples if t.subject == concept]


def _concept_item(base: str, p: Proposal, concept: str, op: str) -> dict[str, Any]:
    node = NamedNode(concept)
    before, after = _own(p.before, node), _own(p.after, node)
    added, removed = triple_diff(before, after)
    published = status_of(after)
    lifecycle = LIFECYCLE_PENDING.get(op) if p.status == "voorgesteld" else (
        published.value.rsplit("/", 1)[-1] if published and p.status == "gepubliceerd" else None)
    return {"concept": concept, "id": definition_ref(base, concept), "op": op, "lifecycle": lifecycle,
            "fields": [c.item() for c in field_diff(before, after)],
            "triples": {"added": added, "removed": removed}}


def _conflicts(store: GraphStore, p: Proposal) -> dict[str, list[dict[str, Any]]]:
    """Conflicts after minus conflicts now (introduced) and now minus after (resolved)."""
    base = store.settings.base_iri
    concepts = [NamedNode(c) for c in p.concepts]
    now = definitions_for(store, concepts)
    hypothetical = [r for r in (record_from_triples(base, c, p.after) for c in concepts) if r is not None]
    before = _keyed(conflicts_for(store, now) if now else [], p.concepts)
    after = _keyed(conflicts_for(store, hypothetical) if hypothetical else [], p.concepts)
    return {"introduced": [after[k].item() for k in sorted(set(after) - set(before))],
            "resolved": [before[k].item() for k in sorted(set(before) - set(after))]}


def _keyed(found: list[Conflict], concepts: tuple[str, ...]) -> dict[tuple[str, tuple[str, ...]], Conflict]:
    """Conflicts that involve the proposal's concepts, by (type, members)."""
    return {(c.type, tuple(sorted(c.members))): c for c in found if set(c.members) & set(concepts)}
