"""Publication of an approved proposal as ONE SPARQL update (one transaction).

The update replaces the concepts' triples in the editorial graph, ends the previous versions and
adds the new ones (graph.changes.versions), records the review publicly (PROV) and privately (with its
comment and Idempotency-Key), sets the proposal's status and writes the audit records — so after
a crash the store holds either all of it or none of it, and readers see the old or the new state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from graph.changes.apply import default_scheme, default_scheme_triples, editorial_graph, schemes_of, status_of
from graph.changes.model import ANNOTATIONS, BY_NAME, TERMINAL
from graph.changes.records import Agent, Proposal, data_block, in_graph, proposal_graph, stamp
from graph.changes.versions import CurrentVersion, Provenance, version_iri, version_triples
from graph.queries import update
from graph.rdf import iris
from graph.rdf.namespaces import DCT, PROV, RDF, SKOS, STG
from graph.rdf.terms import XSD_DATE, Literal, NamedNode, Quad, Triple
from graph.trust import audit


@dataclass(frozen=True)
class Approval:
    """Who approved, when, and the private review triples (comment, Idempotency-Key)."""

    reviewer: Agent
    when: datetime
    review: NamedNode
    review_triples: list[Triple]
    trace_id: str
    parent_span_id: str | None = None


RECORDED = ("annotate", "relate", "note")
SNAPSHOT = tuple(BY_NAME[name].predicate for name in ANNOTATIONS)
"""What an annotation record keeps of what was said then (the annotations; a relation or note is
its own node)."""
"""Operations whose publication is kept as an annotation record (who, when, why, what), not as a
definition version: annotations of a source's concept, relations between object types, notes."""


def source_annotations(p: Proposal, current: dict[str, CurrentVersion]) -> set[str]:
    """What the proposal annotates, relates or notes that is not an editorial concept of ours (a law's
    concept, a new relation or note): an annotation record, never a version or a validity date."""
    return {c.concept for c in p.request.changes
            if c.op in RECORDED and c.concept is not None and c.concept not in current}


def annotation_iri(base: str, p: Proposal, concept: str) -> NamedNode:
    return iris.thing(base, "toelichting", f"{p.id}-{iris.short_hash(concept, length=8)}")


def published_versions(base: str, p: Proposal, current: dict[str, CurrentVersion]) -> dict[str, NamedNode]:
    """Concept IRI → the version (or annotation record) IRI its publication creates."""
    annotated = source_annotations(p, current)
    return {c: annotation_iri(base, p, c) if c in annotated
            else version_iri(base, NamedNode(c), current[c].number + 1 if c in current else 1) for c in p.concepts}


def publication_update(base: str, p: Proposal, current: dict[str, CurrentVersion], approval: Approval) -> str:
    """The single update that publishes ``p``."""
    editorial = editorial_graph(base)
    public = _concept_triples(base, p, current, approval)
    review_public = [Triple(approval.review, RDF.type, STG.Beoordeling),
                     Triple(approval.review, RDF.type, PROV.Activity),
                     Triple(approval.review, PROV.used, p.iri),
                     Triple(approval.review, PROV.wasAssociatedWith, approval.reviewer.iri(base)),
                     Triple(approval.review, PROV.endedAtTime, stamp(approval.when))]
    public += review_public + _public_agent(base, p.author) + _public_agent(base, approval.reviewer)
    meta = proposal_graph(base, p.id)
    quads = in_graph(editorial, public) + in_graph(meta, approval.review_triples)
    quads.append(Quad(p.iri, STG.voorstelStatus, STG.gepubliceerd, meta))
    quads += _audit(base, p, current, approval)
    concepts = " ".join(str(NamedNode(c)) for c in p.concepts)
    return update("change_publish", editorial=editorial, concepts=concepts, meta=meta, proposal=p.iri,
                  data=data_block(quads))


def _public_agent(base: str, agent: Agent) -> list[Triple]:
    """The agent as the public history shows it: a name, not the token subject."""
    return [t for t in agent.triples(base) if t.predicate != STG.actor]


def _concept_triples(base: str, p: Proposal, current: dict[str, CurrentVersion], approval: Approval) -> list[Triple]:
    day = Literal(approval.when.date().isoformat(), datatype=XSD_DATE)
    before_day = Literal((approval.when.date() - timedelta(days=1)).isoformat(), datatype=XSD_DATE)
    prov = Provenance(approval.when, p.author.iri(base), approval.review, p.iri, p.motivation)
    out: list[Triple] = []
    annotated = source_annotations(p, current)
    for concept in p.concepts:
        node = NamedNode(concept)
        after = [t for t in p.after if t.subject == node]
        cited = {t.object for t in after if t.predicate == DCT.source and isinstance(t.object, NamedNode)}
        out += [t for t in p.after if t.subject in cited]  # the legal source node the concept cites
        if concept in annotated:
            out += after + _annotation_record(base, p, node, after, prov)
            continue
        out += [*after, Triple(node, DCT.modified, day)]
        if concept not in current:
            out.append(Triple(node, STG.geldigVanaf, day))
        if status_of(after) in TERMINAL:
            out.append(Triple(node, STG.geldigTot, before_day))
        out += version_triples(base, node, after, current.get(concept), prov)
        if default_scheme(base).value in schemes_of(after):
            out += default_scheme_triples(base)
    return out


def _annotation_record(base: str, p: Proposal, concept: NamedNode, after: list[Triple],
                       prov: Provenance) -> list[Triple]:
    """Who added the annotations of a source concept, when and why (with what they said then)."""
    node = annotation_iri(base, p, concept.value)
    return [Triple(node, RDF.type, STG.Toelichting), Triple(node, STG.betreft, concept),
            Triple(node, PROV.generatedAtTime, stamp(prov.when)), Triple(node, PROV.wasAttributedTo, prov.author),
            Triple(node, PROV.wasGeneratedBy, prov.review), Triple(node, PROV.wasDerivedFrom, prov.proposal),
            Triple(node, SKOS.changeNote, Literal(prov.motivation, language="nl")),
            *(Triple(node, t.predicate, t.object) for t in after if t.predicate in SNAPSHOT)]


def _audit(base: str, p: Proposal, current: dict[str, CurrentVersion], approval: Approval) -> list[Quad]:
    actor = approval.reviewer.subject
    approved = audit.event(base, name="wijzigingsvoorstel goedkeuren", actor=actor, action="goedkeuren",
                           activity="begripsbeheer", trace_id=approval.trace_id,
                           parent_span_id=approval.parent_span_id, object=p.iri.value,
                           result="goedgekeurd", status_code=audit.STATUS_OK)
    quads = audit.audit_quads(base, approved)
    for concept, version in sorted(published_versions(base, p, current).items()):
        published = audit.event(base, name="begrip publiceren", actor=actor, action="publiceren",
                                activity="begripsbeheer", trace_id=approval.trace_id,
                                parent_span_id=approved.span_id, object=version.value,
                                result=f"gepubliceerd: {concept}", status_code=audit.STATUS_OK)
        quads += audit.audit_quads(base, published)
    return quads
