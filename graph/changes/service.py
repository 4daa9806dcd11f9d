"""Change proposals with four-eyes review: submit, comment, withdraw, rebase, review, publish.

Rules (issue #6):

* Only concepts in the editorial graph (``graph.changes.apply.editorial_graph``) are edited by
  proposals, and new concepts go to an editorial scheme. Concepts of loaded sources — a law, a
  begrippenkader — are refused with 422: they change by reloading their source (a law text
  changes only when the law changes), otherwise the next reload would silently undo the edit.
* A proposal is validated against the project's shapes on the concepts as they would be after the
  change (only those concepts, not the whole store); violations → 422.
* Its author can never review it (403, whatever roles they hold). A proposal based on versions
  that have since changed gets 409 until its author rebases it.
* Every mutation writes its audit record in the same update as the change; a retry with the same
  Idempotency-Key returns the first result (the key is stored with what it made).

Mutations run one at a time per store (a lock): check-then-write must not interleave
(findings §6: let one writer run at a time).
"""

from __future__ import annotations

import functools
import json
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from graph import conflicts
from graph.changes import records as change_store
from graph.changes.apply import (
    apply_change,
    default_scheme,
    editorial_graph,
    new_concept_iri,
    references,
    schemes_of,
    without_bookkeeping,
)
from graph.changes.model import ChangeRequest, ConceptChange, request_hash
from graph.changes.publish import RECORDED, Approval, publication_update
from graph.changes.records import Agent, Proposal, data_block, in_graph, note_triples, proposal_graph, stamp
from graph.changes.versions import current_versions
from graph.errors import ChangeConflict, Forbidden, InvalidChange, NotFound, ShapeViolation
from graph.queries import query, update, with_values
from graph.rdf import iris
from graph.rdf.namespaces import SKOS, STG
from graph.rdf.terms import NamedNode, Triple
from graph.sources import ValidationReport, validate_triples
from graph.store.base import GraphStore
from graph.trust import audit

SHAPES = ("core",)


@dataclass(frozen=True)
class Caller:
    """Who calls, and the trace the audit records belong to."""

    agent: Agent
    trace_id: str | None = None
    parent_span_id: str | None = None


@dataclass(frozen=True)
class Outcome:
    """A mutation's result: the proposal, and whether an earlier identical request made it."""

    proposal: Proposal
    replayed: bool = False


def _lock(store: GraphStore) -> threading.RLock:
    return store.state.write_lock


def _now(now: datetime | None) -> datetime:
    moment = now or datetime.now(UTC)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _event(base: str, caller: Caller, action: str, obj: NamedNode, result: str) -> audit.AuditEvent:
    return audit.event(base, name=f"wijzigingsvoorstel {action}", actor=caller.agent.subject, action=action,
                       activity="begripsbeheer", trace_id=caller.trace_id, parent_span_id=caller.parent_span_id,
                       object=obj.value, result=result, status_code=audit.STATUS_OK)


def _replayed(store: GraphStore, caller: Caller, key: str | None, digest: str) -> Proposal | None:
    """The proposal an identical earlier request with this key made; 422 for another body."""
    if key is None:
        return None
    found = change_store.find_key(store, caller.agent, key)
    if found is None:
        return None
    if found[0] != digest:
        raise InvalidChange("this Idempotency-Key was already used for a different request; use a new key")
    return get(store, found[1])


def _guarded(store: GraphStore, caller: Caller, key: str | None, digest: str, work: Callable[[], Outcome]) -> Outcome:
    with _lock(store):
        earlier = _replayed(store, caller, key, digest)
        return Outcome(earlier, True) if earlier is not None else work()


F = TypeVar("F", bound=Callable[..., Outcome])
_PROPOSAL_ID = re.compile(r"[0-9a-f]{16}")
_REFUSED: dict[type[Exception], int] = {Forbidden: 403, NotFound: 404, ChangeConflict: 409, InvalidChange: 422,
                                        ShapeViolation: 422}


def _refusal_audited(action: str) -> Callable[[F], F]:
    """Audit a refused mutation (four-eyes 403, stale 409, invalid 422, …) before it is raised:
    every refused attempt leaves a record, like the accepted ones."""

    def wrap(operation: F) -> F:
        @functools.wraps(operation)
        def audited(store: GraphStore, *args: Any, **kwargs: Any) -> Outcome:
            try:
                return operation(store, *args, **kwargs)
            except tuple(_REFUSED) as error:
                caller = next(a for a in (*args, *kwargs.values()) if isinstance(a, Caller))
                # the proposal's IRI only when it is one (an id as we mint them, found): never a caller's text
                pid = args[0] if isinstance(args[0], str) and _PROPOSAL_ID.fullmatch(args[0]) else None
                base = store.settings.base_iri
                known = pid is not None and not isinstance(error, NotFound)
                target = change_store.proposal_iri(base, pid) if pid and known else NamedNode(base + "v1/changes")
                status = next(code for kind, code in _REFUSED.items() if isinstance(error, kind))
                event = audit.event(base, name=f"wijzigingsvoorstel {action}", actor=caller.agent.subject,
                                    action=action, activity="begripsbeheer", trace_id=caller.trace_id,
                                    parent_span_id=caller.parent_span_id, object=target.value,
                                    result=f"geweigerd ({status})", status_code=audit.STATUS_ERROR)
                audit.record(store, event)
                raise

        return audited  # type: ignore[return-value]

    return wrap


# ---------------------------------------------------------------- preparing a change
@dataclass(frozen=True)
class Prepared:
    concepts: tuple[str, ...]
    before: frozenset[Triple]
    after: frozenset[Triple]
    based_on: frozenset[str]


def prepare(store: GraphStore, request: ChangeRequest) -> Prepared:
    """Apply the request to the concepts' current triples and validate the result (422 if invalid).

    The versions are read *before* the triples: if a publication lands in between, the basis is
    older than the triples and the caller's check under the lock (basis still current?) redoes it.
    """
    base = store.settings.base_iri
    before: set[Triple] = set()
    after: set[Triple] = set()
    concepts = [concept_of(change, base) for change in request.changes]
    versions = current_versions(store, editorial_graph(base), concepts)
    for change, concept in zip(request.changes, concepts, strict=True):
        current = _editable(store, concept, change)
        before |= current
        after |= apply_change(change, concept, current, base)
    _check_schemes(store, after)
    _check_references(store, after, [c.value for c in concepts])
    validate(store, after, concepts)
    return Prepared(tuple(sorted(c.value for c in concepts)), frozenset(before), frozenset(after),
                    frozenset(v.iri for v in versions.values()))


def concept_of(change: ConceptChange, base: str) -> NamedNode:
    if change.concept is not None:
        return NamedNode(change.concept)
    scheme = str(change.values.get("scheme") or default_scheme(base).value)
    return new_concept_iri(base, scheme, str(change.values["term"]))


def _editable(store: GraphStore, concept: NamedNode, change: ConceptChange) -> frozenset[Triple]:
    """The concept's current editorial triples; 422 when it is not ours to edit or is missing."""
    editorial = editorial_graph(store.settings.base_iri)
    quads = store.about(concept)
    mine = [q.triple for q in quads if q.graph_name == editorial]
    elsewhere = sorted({q.graph_name.value for q in quads if q.graph_name != editorial})  # type: ignore[union-attr]
    if change.op == "annotate":  # statements about any concept, also a law's; its own text stays
        if not quads:
            raise InvalidChange(f"no concept {concept.value} to annotate")
        return without_bookkeeping(mine)
    if change.op in ("relate", "note"):
        _check_stelsel(store, concept, change)
        return frozenset()
    if elsewhere:
        raise InvalidChange(
            f"{concept.value} comes from the loaded source graph {elsewhere[0]}; concepts of loaded sources "
            "(laws, begrippenkaders) change by reloading their source, not by a proposal")
    if change.op == "create" and mine:
        raise InvalidChange(f"{concept.value} already exists; propose an update of it instead")
    if change.op not in ("create", "describe") and not mine:
        raise InvalidChange(f"no editable concept {concept.value}")
    own = store.settings.base_iri + "id/begrip/"
    if change.op == "describe" and not mine and not concept.value.startswith(own):
        raise InvalidChange(f"a new concept gets an IRI under {own}, not {concept.value}")
    return without_bookkeeping(mine)


def _check_stelsel(store: GraphStore, node: NamedNode, change: ConceptChange) -> None:
    """A relation joins two known object types and is new; a note is on something that exists."""
    if store.about(node):
        raise InvalidChange(f"{node.value} exists already")
    ends = ("from", "to") if change.op == "relate" else ("subject",)
    for end in ends:
        iri = NamedNode(str(change.values[end]))
        if change.op == "relate" and not store.ask(query("change_is_objecttype"), {"type": iri}):
            raise InvalidChange(f"{end}: {iri.value} is not a known object type")
        if not store.about(iri):
            raise InvalidChange(f"{end}: {iri.value} does not exist")


def _check_schemes(store: GraphStore, after: set[Triple]) -> None:
    base = store.settings.base_iri
    for scheme in sorted(set(schemes_of(after)) - {default_scheme(base).value}):
        if not store.ask(query("change_editable_scheme"), {"scheme": NamedNode(scheme),
                                                           "graph": editorial_graph(base)}):
            raise InvalidChange(f"{scheme} is not an editorial scheme; new concepts go to the default scheme "
                                f"{default_scheme(base).value} or another scheme maintained here")


def _check_references(store: GraphStore, after: set[Triple], concepts: list[str]) -> None:
    wanted = sorted(references(after) - set(concepts))
    if not wanted:
        return
    rows = store.select(with_values(query("change_existing_concepts"), "concept", [NamedNode(w) for w in wanted]))
    missing = sorted(set(wanted) - {r["concept"].value for r in rows})
    if missing:
        raise InvalidChange(f"the change refers to {missing[0]}, which is not a known concept")


def validate(store: GraphStore, after: frozenset[Triple] | set[Triple], concepts: list[NamedNode]) -> None:
    """Run the shapes on the changed concepts as they would be (only they are focus nodes, over
    their own triples); ShapeViolation (422) on violations."""
    report = validate_triples(store.settings, after, SHAPES, list(concepts))
    if not report.conforms:
        violations = ValidationReport(tuple(r for r in report.results if r.severity == "Violation"))
        raise ShapeViolation(f"the change would violate the shapes {violations.violations} time(s)", violations)


# ---------------------------------------------------------------- operations
def get(store: GraphStore, pid: str) -> Proposal:
    found = change_store.load(store, pid) if pid.isalnum() else None
    if found is None:
        raise NotFound(f"no change proposal {pid!r}")
    return found


@_refusal_audited("indienen")
def submit(store: GraphStore, request: ChangeRequest, caller: Caller, *, key: str | None = None,
           now: datetime | None = None) -> Outcome:
    """Validate and keep a new proposal (status ``voorgesteld``)."""
    digest = request_hash("submit", request.json())
    earlier = _replayed(store, caller, key, digest)
    if earlier is not None:
        return Outcome(earlier, True)
    prepared = prepare(store, request)  # outside the lock: validation is the slow part

    def work() -> Outcome:
        base = store.settings.base_iri
        current = current_versions(store, editorial_graph(base), [NamedNode(c) for c in prepared.concepts])
        same = frozenset(v.iri for v in current.values()) == prepared.based_on
        ready = prepared if same else prepare(store, request)
        pid = secrets.token_hex(8)
        proposal = Proposal(pid, change_store.proposal_iri(base, pid), "voorgesteld", caller.agent,
                            stamp(_now(now)).value, request.motivation, request, ready.concepts,
                            ready.based_on, ready.before, ready.after, (), ())
        quads = (in_graph(proposal_graph(base, pid), change_store.record_triples(base, proposal, key, digest))
                 + audit.audit_quads(base, _event(base, caller, "indienen", proposal.iri, "voorgesteld")))
        store.update(update("change_insert", data=data_block(quads)), private=True, durable=True)
        return Outcome(get(store, pid))

    return _guarded(store, caller, key, digest, work)


@_refusal_audited("opmerken")
def comment(store: GraphStore, pid: str, text: str, caller: Caller, *, key: str | None = None,
            now: datetime | None = None) -> Outcome:
    """Add a comment to a proposal (in any status)."""
    if not text.strip():
        raise InvalidChange("a comment needs a text")
    digest = request_hash("comment", json.dumps([pid, text]))

    def work() -> Outcome:
        base = store.settings.base_iri
        proposal = get(store, pid)
        node = iris.private_graph(base, "voorstel", pid, "opmerking", secrets.token_hex(6))
        triples = note_triples(base, node, proposal.iri, caller.agent, _now(now), text.strip(), None)
        triples += caller.agent.triples(base) + change_store.keyed(node, caller.agent, key, digest)
        quads = in_graph(proposal_graph(base, pid), triples) + audit.audit_quads(
            base, _event(base, caller, "opmerken", proposal.iri, "opmerking geplaatst"))
        store.update(update("change_insert", data=data_block(quads)), private=True, durable=True)
        return Outcome(get(store, pid))

    return _guarded(store, caller, key, digest, work)


@_refusal_audited("intrekken")
def withdraw(store: GraphStore, pid: str, caller: Caller) -> Outcome:
    """The author withdraws a pending proposal (again: the same result)."""
    with _lock(store):
        proposal = get(store, pid)
        if not caller.agent.same_person(proposal.author):
            raise Forbidden("only the author can withdraw a proposal")
        if proposal.status == "ingetrokken":
            return Outcome(proposal, True)
        _pending(proposal)
        _set_status(store, proposal, "ingetrokken", [], _event(store.settings.base_iri, caller, "intrekken",
                                                              proposal.iri, "ingetrokken"))
        return Outcome(get(store, pid))


@_refusal_audited("rebasen")
def rebase(store: GraphStore, pid: str, caller: Caller) -> Outcome:
    """The author re-bases a pending proposal onto the current versions and it is validated again."""
    with _lock(store):
        proposal = get(store, pid)
        if not caller.agent.same_person(proposal.author):
            raise Forbidden("only the author can rebase a proposal")
        _pending(proposal)
        base = store.settings.base_iri
        ready = prepare(store, proposal.request)
        meta = proposal_graph(base, pid)
        triples = change_store.basis_triples(proposal.iri, ready.based_on)
        triples += change_store.state_triples(proposal.iri, ready.before, ready.after)
        quads = in_graph(meta, triples) + audit.audit_quads(
            base, _event(base, caller, "rebasen", proposal.iri, "opnieuw gebaseerd"))
        store.update(update("change_rebase", meta=meta, proposal=proposal.iri, data=data_block(quads)),
                     private=True, durable=True)
        return Outcome(get(store, pid))


@_refusal_audited("beoordelen")
def review(store: GraphStore, pid: str, decision: str, text: str, caller: Caller, *, key: str | None = None,
           now: datetime | None = None) -> Outcome:
    """Approve (and publish, atomically) or reject a proposal; never by its author."""
    if decision not in ("approve", "reject"):
        raise InvalidChange("decision must be 'approve' or 'reject'")
    digest = request_hash("review", json.dumps([pid, decision, text]))

    def work() -> Outcome:
        proposal = get(store, pid)
        if caller.agent.same_person(proposal.author):
            raise Forbidden("four-eyes rule: the author of a proposal cannot review it; withdraw it instead")
        _pending(proposal)
        base = store.settings.base_iri
        when = _now(now)
        node = iris.thing(base, "beoordeling", f"{pid}-{secrets.token_hex(4)}")
        label = "goedgekeurd" if decision == "approve" else "afgewezen"
        triples = note_triples(base, node, proposal.iri, caller.agent, when, text.strip(), label)
        triples += caller.agent.triples(base) + change_store.keyed(node, caller.agent, key, digest)
        if decision == "reject":
            _set_status(store, proposal, "afgewezen", triples, _event(base, caller, "afwijzen", proposal.iri, label))
        else:
            _publish(store, proposal, Approval(caller.agent, when, node, triples,
                                               caller.trace_id or audit.new_trace_id(), caller.parent_span_id))
        return Outcome(get(store, pid))

    return _guarded(store, caller, key, digest, work)


def stale(store: GraphStore, proposal: Proposal) -> bool:
    """Whether the concepts have changed since the proposal was (re)based."""
    editorial = editorial_graph(store.settings.base_iri)
    current = current_versions(store, editorial, [NamedNode(c) for c in proposal.concepts])
    return frozenset(v.iri for v in current.values()) != proposal.based_on


def _publish(store: GraphStore, proposal: Proposal, approval: Approval) -> None:
    base = store.settings.base_iri
    current = current_versions(store, editorial_graph(base), [NamedNode(c) for c in proposal.concepts])
    if frozenset(v.iri for v in current.values()) != proposal.based_on:
        raise ChangeConflict("the proposal is based on a version that has since changed; "
                             "its author must rebase it (POST …/rebase) before it can be approved")
    recorded = {c.concept: c for c in proposal.request.changes if c.op in RECORDED}
    for concept in proposal.concepts:
        _editable(store, NamedNode(concept), recorded.get(concept) or ConceptChange("describe", concept))
    store.update(publication_update(base, proposal, current, approval), durable=True)
    _resolve_conflicts(store, proposal, approval)


def _resolve_conflicts(store: GraphStore, proposal: Proposal, approval: Approval) -> None:
    """A published "same meaning" mapping (skos:exactMatch) between two members of a conflict is
    what resolves it: the conflict becomes ``opgelost`` with the mapping as the reason."""
    pairs = {(t.subject.value, t.object.value) for t in proposal.after  # type: ignore[union-attr]
             if t.predicate == SKOS.exactMatch}
    if not pairs:
        return
    members = {c for pair in pairs for c in pair}
    for conflict in conflicts.index_for(store).conflicts():
        hit = next(((a, b) for a, b in pairs if {a, b} <= set(conflict.members)), None)
        if hit is not None and conflict.members and set(conflict.members) & members:
            note = (f"opgelost door de koppeling {hit[0]} skos:exactMatch {hit[1]} "
                    f"(voorstel {proposal.id}, goedgekeurd door {approval.reviewer.name})")
            conflicts.update_status(store, conflict.ref, "opgelost", note, approval.reviewer.subject)


def _pending(proposal: Proposal) -> None:
    if proposal.status != "voorgesteld":
        raise ChangeConflict(f"the proposal is {proposal.status}; only a pending proposal can change")


def _set_status(store: GraphStore, proposal: Proposal, status: str, triples: list[Triple],
                event: audit.AuditEvent) -> None:
    base = store.settings.base_iri
    meta = proposal_graph(base, proposal.id)
    quads = in_graph(meta, [*triples, Triple(proposal.iri, STG.voorstelStatus, STG[status])])
    quads += audit.audit_quads(base, event)
    store.update(update("change_status", meta=meta, proposal=proposal.iri, data=data_block(quads)),
                 private=True, durable=True)


def record_read(store: GraphStore, caller: Caller, obj: NamedNode, result: str) -> None:
    """Audit a read of proposals (restricted data)."""
    base = store.settings.base_iri
    audit.record(store, _event(base, caller, "raadplegen", obj, result))

