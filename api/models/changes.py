"""Change proposals (``/v1/changes``) and the version history of a definition."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from api.models.base import ApiModel, absent_when_none
from api.models.conflicts import Conflict
from api.models.paging import Page
from graph.changes import ConceptChangeView, ConflictDelta, FieldChange, History, Note, ProposalView, Summary
from graph.changes import Version as VersionRecord


class FieldDiff(ApiModel):
    """One field that differs: its old and new value (a text, a list of texts, or null)."""

    field: str
    old: str | list[str] | None
    new: str | list[str] | None

    @classmethod
    def of(cls, change: FieldChange) -> FieldDiff:
        return cls(field=change.field, old=change.old, new=change.new)


class Comment(ApiModel):
    """A comment, or a review with its ``decision``."""

    author: str
    at: str
    text: str
    decision: str | None = absent_when_none(description="alleen bij een beoordeling")

    @classmethod
    def of(cls, note: Note) -> Comment:
        return cls(author=note.author, at=note.at, text=note.text, decision=note.decision)


class ProposalSummary(ApiModel):
    """A proposal in the list."""

    id: str
    status: str
    created: str
    motivation: str
    author: str
    concepts: int

    @classmethod
    def of(cls, summary: Summary) -> ProposalSummary:
        return cls(id=summary.id, status=summary.status, created=summary.created,
                   motivation=summary.motivation, author=summary.author, concepts=summary.concepts)


class ProposalPage(Page[ProposalSummary]):
    """``GET /v1/changes``: a page of proposals, newest first."""


class TripleDiff(ApiModel):
    added: list[str] = Field(description="N-Triples")
    removed: list[str] = Field(description="N-Triples")


class ConceptChange(ApiModel):
    """One concept of a proposal with the field and triple diffs of the change."""

    concept: str
    id: str
    op: str
    lifecycle: str | None
    fields: list[FieldDiff]
    triples: TripleDiff

    @classmethod
    def of(cls, change: ConceptChangeView) -> ConceptChange:
        return cls(concept=change.concept, id=change.ref, op=change.op, lifecycle=change.lifecycle,
                   fields=[FieldDiff.of(f) for f in change.fields],
                   triples=TripleDiff(added=change.added, removed=change.removed))


class Conflicts(ApiModel):
    """The conflicts a proposal would introduce and those it would resolve."""

    introduced: list[Conflict]
    resolved: list[Conflict]

    @classmethod
    def of(cls, delta: ConflictDelta) -> Conflicts:
        return cls(introduced=[Conflict.of(c) for c in delta.introduced],
                   resolved=[Conflict.of(c) for c in delta.resolved])


class RequestEcho(ApiModel):
    """The request as stored (normalised)."""

    motivation: str
    changes: list[dict[str, Any]]


class Proposal(ApiModel):
    """``GET /v1/changes/{id}`` (and the answer to every change of a proposal); ``conflicts`` is
    null in the answers to mutations."""

    id: str
    iri: str
    status: str
    author: str
    created: str
    motivation: str
    based_on: list[str]
    stale: bool
    changes: list[ConceptChange]
    conflicts: Conflicts | None
    comments: list[Comment]
    reviews: list[Comment]
    request: RequestEcho

    @classmethod
    def of(cls, view: ProposalView) -> Proposal:
        p = view.proposal
        return cls(id=p.id, iri=p.iri.value, status=p.status, author=p.author.name, created=p.created,
                   motivation=p.motivation, based_on=sorted(p.based_on), stale=view.stale,
                   changes=[ConceptChange.of(c) for c in view.changes],
                   conflicts=Conflicts.of(view.conflicts) if view.conflicts is not None else None,
                   comments=[Comment.of(c) for c in p.comments], reviews=[Comment.of(r) for r in p.reviews],
                   request=RequestEcho(motivation=p.request.motivation,
                                       changes=[c.json() for c in p.request.changes]))


class HistoryVersion(ApiModel):
    """One version of a definition: its fields, validity, who made it, why, and what changed."""

    iri: str
    number: int | None
    term: str | None
    definition: str | None
    status: str | None
    alt_labels: list[str]
    replaced_by: str | None
    valid_from: str | None
    valid_to: str | None
    generated_at: str | None
    author: str | None
    reviewer: str | None
    why: str | None
    previous: str | None
    proposal: str | None
    changes: list[FieldDiff]

    @classmethod
    def of(cls, version: VersionRecord) -> HistoryVersion:
        return cls.model_validate({
            "iri": version.iri, "number": version.number, **version.fields, "valid_from": version.valid_from,
            "valid_to": version.valid_to, "generated_at": version.generated_at, "author": version.author,
            "reviewer": version.reviewer, "why": version.why, "previous": version.previous,
            "proposal": version.proposal, "changes": [FieldDiff.of(c) for c in version.changes]})


class DefinitionHistory(ApiModel):
    """``GET /v1/definitions/{id}/history``."""

    id: str
    iri: str
    on: str | None
    current_definition: str | None
    versions: list[HistoryVersion]

    @classmethod
    def of(cls, ref: str, found: History, on: str | None) -> DefinitionHistory:
        return cls(id=ref, iri=found.concept, on=on, current_definition=found.current_definition,
                   versions=[HistoryVersion.of(v) for v in found.versions])
