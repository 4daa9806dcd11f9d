"""A proposal as a person reads it: per concept the field-level and triple-level diff, the
conflicts the change would introduce or resolve, its comments and reviews."""

from __future__ import annotations

from dataclasses import dataclass

from graph.begrippen.definitions import definition_ref, definitions_for
from graph.changes.apply import status_of
from graph.changes.diff import FieldChange, field_diff, record_from_triples, triple_diff
from graph.changes.records import Proposal
from graph.changes.service import concept_of
from graph.conflicts.service import Conflict, conflicts_for
from graph.rdf.terms import NamedNode, Triple
from graph.store.base import GraphStore

LIFECYCLE_PENDING = {"create": "voorgesteld", "update": "herzien-en-opnieuw-voorgesteld",
                     "describe": "herzien-en-opnieuw-voorgesteld", "deprecate": "voorgesteld",
                     "replace": "voorgesteld"}
"""NL-SBB status a concept has *in the proposal* while it waits for review (its published state
keeps its own status until the proposal is approved)."""


@dataclass(frozen=True)
class ConceptChangeView:
    """One concept of a proposal: what the change does to it, field by field and triple by triple."""

    concept: str
    ref: str
    op: str
    lifecycle: str | None
    fields: list[FieldChange]
    added: list[str]
    removed: list[str]


@dataclass(frozen=True)
class ConflictDelta:
    """The conflicts a proposal would introduce and those it would resolve."""

    introduced: list[Conflict]
    resolved: list[Conflict]


@dataclass(frozen=True)
class ProposalView:
    """What ``GET /v1/changes/{id}`` shows; ``conflicts`` None when they were not computed."""

    proposal: Proposal
    stale: bool
    changes: list[ConceptChangeView]
    conflicts: ConflictDelta | None


def proposal_view(store: GraphStore, p: Proposal, *, stale: bool, conflicts: bool = True) -> ProposalView:
    """The proposal as a person reads it; ``conflicts`` False leaves them out (None): the answers
    to mutations skip that work."""
    base = store.settings.base_iri
    ops = _ops(p, base)
    changes = [_concept_change(base, p, concept, ops.get(concept, "describe")) for concept in p.concepts]
    delta = None if not conflicts else _conflicts(store, p) if p.status == "voorgesteld" else ConflictDelta([], [])
    return ProposalView(p, stale, changes, delta)


def _ops(p: Proposal, base: str) -> dict[str, str]:
    return {concept_of(change, base).value: change.op for change in p.request.changes}


def _own(triples: frozenset[Triple], concept: NamedNode) -> list[Triple]:
    return [t for t in triples if t.subject == concept]


def _concept_change(base: str, p: Proposal, concept: str, op: str) -> ConceptChangeView:
    node = NamedNode(concept)
    before, after = _own(p.before, node), _own(p.after, node)
    added, removed = triple_diff(before, after)
    published = status_of(after)
    lifecycle = LIFECYCLE_PENDING.get(op) if p.status == "voorgesteld" else (
        published.value.rsplit("/", 1)[-1] if published and p.status == "gepubliceerd" else None)
    return ConceptChangeView(concept, definition_ref(base, concept), op, lifecycle, field_diff(before, after),
                             added, removed)


def _conflicts(store: GraphStore, p: Proposal) -> ConflictDelta:
    """Conflicts after minus conflicts now (introduced) and now minus after (resolved)."""
    base = store.settings.base_iri
    concepts = [NamedNode(c) for c in p.concepts]
    now = definitions_for(store, concepts)
    hypothetical = [r for r in (record_from_triples(base, c, p.after) for c in concepts) if r is not None]
    before = _keyed(conflicts_for(store, now) if now else [], p.concepts)
    after = _keyed(conflicts_for(store, hypothetical) if hypothetical else [], p.concepts)
    return ConflictDelta([after[k] for k in sorted(set(after) - set(before))],
                         [before[k] for k in sorted(set(before) - set(after))])


def _keyed(found: list[Conflict], concepts: tuple[str, ...]) -> dict[tuple[str, tuple[str, ...]], Conflict]:
    """Conflicts that involve the proposal's concepts, by (type, members)."""
    return {(c.type, tuple(sorted(c.members))): c for c in found if set(c.members) & set(concepts)}
