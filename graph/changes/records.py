"""How a change proposal is kept in the store: one private graph per proposal.

``{private}/voorstel/{id}`` holds the ``stg:Wijzigingsvoorstel`` (status, author, motivation, the
request as JSON, its Idempotency-Key and request hash, the versions it is based on), its comments
(``stg:Opmerking``) and reviews (``stg:Beoordeling``), and the concepts' triples before the change
(``stg:voorAfbeelding``) and as they will be once published (``stg:naAfbeelding``).

Those two states are N-Triples *literals*, not triples: every read model queries the union of all
graphs (graph.begrippen.definitions, search, conflicts), so staged triples about a concept would show up
there as if published. Private graphs are also left out of public SPARQL (graph.rdf.iris.private_graph).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from graph.changes.model import ChangeRequest, lexical
from graph.queries import query
from graph.rdf import iris
from graph.rdf.namespaces import DCT, PROV, RDF, RDFS, STG
from graph.rdf.rdfio import ntriples_line, parse_rdf
from graph.rdf.terms import XSD_DATETIME, Literal, NamedNode, Quad, Triple
from graph.rdf.vocab import xsd_datetime
from graph.store.base import GraphStore


@dataclass(frozen=True)
class Agent:
    """A person acting through the API: ``subject`` is stable (``token:<id>``), ``name`` readable."""

    subject: str
    name: str

    def iri(self, base: str) -> NamedNode:
        return iris.thing(base, "medewerker", self.subject)

    def triples(self, base: str) -> list[Triple]:
        node = self.iri(base)
        return [Triple(node, RDF.type, PROV.Agent), Triple(node, RDFS.label, Literal(self.name)),
                Triple(node, STG.actor, Literal(self.subject))]

    def same_person(self, other: Agent) -> bool:
        return self.subject == other.subject or self.name.casefold() == other.name.casefold()


@dataclass(frozen=True)
class Note:
    """A comment or a review decision on a proposal."""

    iri: str
    author: str
    at: str
    text: str
    decision: str | None = None


@dataclass(frozen=True)
class Proposal:
    """A proposal as stored."""

    id: str
    iri: NamedNode
    status: str
    author: Agent
    created: str
    motivation: str
    request: ChangeRequest
    concepts: tuple[str, ...]
    based_on: frozenset[str]
    before: frozenset[Triple]
    after: frozenset[Triple]
    comments: tuple[Note, ...]
    reviews: tuple[Note, ...]


def proposal_iri(base: str, pid: str) -> NamedNode:
    return iris.thing(base, "voorstel", pid)


def proposal_graph(base: str, pid: str) -> NamedNode:
    """The private graph of one proposal."""
    return iris.private_graph(base, "voorstel", pid)


def state_triples(node: NamedNode, before: Iterable[Triple], after: Iterable[Triple]) -> list[Triple]:
    """The before and after states as N-Triples literals on the proposal."""
    return [Triple(node, STG.voorAfbeelding, Literal(_ntriples(before))),
            Triple(node, STG.naAfbeelding, Literal(_ntriples(after)))]


def _ntriples(triples: Iterable[Triple]) -> str:
    return "\n".join(sorted(ntriples_line(t) for t in triples))


def _parse_state(text: str) -> frozenset[Triple]:
    return frozenset(q.triple for q in parse_rdf(text.encode(), "ntriples", base_iri=None,
                                                 graph=NamedNode("urn:stelselgraaf:voorstel")))


def stamp(moment: datetime) -> Literal:
    """``moment`` as an ``xsd:dateTime`` literal (UTC, milliseconds, ``Z``)."""
    return Literal(xsd_datetime(moment), datatype=XSD_DATETIME)


def in_graph(graph: NamedNode, triples: Iterable[Triple]) -> list[Quad]:
    return [Quad(t.subject, t.predicate, t.object, graph) for t in triples]


def data_block(quads: Iterable[Quad]) -> str:
    """``GRAPH <g> { … }`` blocks for an ``INSERT DATA`` (terms serialised by pyoxigraph)."""
    by_graph: dict[str, list[str]] = {}
    for quad in quads:
        by_graph.setdefault(str(quad.graph_name), []).append(ntriples_line(quad))
    return "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())


def keyed(node: NamedNode, actor: Agent, key: str | None, digest: str) -> list[Triple]:
    """The idempotency triples of a node made by a keyed request."""
    if key is None:
        return []
    return [Triple(node, STG.idempotentieSleutel, Literal(key)), Triple(node, STG.actor, Literal(actor.subject)),
            Triple(node, STG.verzoekHash, Literal(digest))]


def record_triples(base: str, p: Proposal, key: str | None, digest: str) -> list[Triple]:
    """The ``stg:Wijzigingsvoorstel`` record of a new proposal."""
    node = p.iri
    out = [Triple(node, RDF.type, STG.Wijzigingsvoorstel), Triple(node, DCT.identifier, Literal(p.id)),
           Triple(node, STG.voorstelStatus, STG[p.status]), Triple(node, PROV.wasAttributedTo, p.author.iri(base)),
           Triple(node, STG.actor, Literal(p.author.subject)),
           Triple(node, DCT.created, Literal(p.created, datatype=XSD_DATETIME)),
           Triple(node, STG.motivatie, Literal(p.motivation, language="nl")),
           Triple(node, STG.wijzigingen, Literal(p.request.json())), *state_triples(node, p.before, p.after)]
    out += [Triple(node, STG.betreft, NamedNode(c)) for c in p.concepts]
    out += basis_triples(node, p.based_on)
    return out + p.author.triples(base) + keyed(node, p.author, key, digest)


def basis_triples(node: NamedNode, versions: Iterable[str]) -> list[Triple]:
    return [Triple(node, STG.gebaseerdOpVersie, NamedNode(v)) for v in sorted(versions)]


def note_triples(base: str, node: NamedNode, proposal: NamedNode, actor: Agent, at: datetime,
                 text: str, decision: str | None) -> list[Triple]:
    """A comment (``decision`` None) or a review (``stg:Beoordeling``, PROV activity)."""
    out = [Triple(node, DCT.description, Literal(text, language="nl"))] if text else []
    if decision is None:
        out += [Triple(proposal, STG.opmerking, node), Triple(node, RDF.type, STG.Opmerking),
                Triple(node, PROV.wasAttributedTo, actor.iri(base)), Triple(node, DCT.created, stamp(at))]
        return out
    out += [Triple(node, RDF.type, STG.Beoordeling), Triple(node, RDF.type, PROV.Activity),
            Triple(node, PROV.used, proposal), Triple(node, PROV.wasAssociatedWith, actor.iri(base)),
            Triple(node, PROV.endedAtTime, stamp(at)), Triple(node, STG.besluit, Literal(decision))]
    return out


def find_key(store: GraphStore, actor: Agent, key: str) -> tuple[str, str] | None:
    """(request hash, proposal id) of what ``actor`` already did with this Idempotency-Key."""
    rows = store.select(query("change_idempotency"), {"key": Literal(key), "actor": Literal(actor.subject)})
    return (rows[0]["hash"].value, rows[0]["proposalId"].value) if rows else None


def load(store: GraphStore, pid: str) -> Proposal | None:
    """A proposal with its before/after states, comments and reviews; None when unknown."""
    base = store.settings.base_iri
    meta = [q.triple for q in store.quads(proposal_graph(base, pid))]
    node = proposal_iri(base, pid)
    own = _by_predicate(t for t in meta if t.subject == node)
    if STG.voorstelStatus.value not in own:
        return None
    author_iri = own[PROV.wasAttributedTo.value][0]
    return Proposal(
        id=pid, iri=node, status=lexical(own[STG.voorstelStatus.value][0]).rsplit("#", 1)[-1],
        author=Agent(lexical(own[STG.actor.value][0]), _label(meta, author_iri)),
        created=lexical(own[DCT.created.value][0]), motivation=lexical(own[STG.motivatie.value][0]),
        request=ChangeRequest.from_stored(lexical(own[STG.wijzigingen.value][0])),
        concepts=tuple(sorted(lexical(t) for t in own.get(STG.betreft.value, []))),
        based_on=frozenset(lexical(t) for t in own.get(STG.gebaseerdOpVersie.value, [])),
        before=_parse_state(lexical(own[STG.voorAfbeelding.value][0])),
        after=_parse_state(lexical(own[STG.naAfbeelding.value][0])),
        comments=_notes(meta, STG.Opmerking, PROV.wasAttributedTo, DCT.created),
        reviews=_notes(meta, STG.Beoordeling, PROV.wasAssociatedWith, PROV.endedAtTime),
    )


def _by_predicate(triples: Iterable[Triple]) -> dict[str, list[object]]:
    out: dict[str, list[object]] = {}
    for triple in triples:
        out.setdefault(triple.predicate.value, []).append(triple.object)
    return out


def _label(meta: list[Triple], node: object) -> str:
    found = [lexical(t.object) for t in meta if t.subject == node and t.predicate == RDFS.label]
    return found[0] if found else lexical(node)


def _notes(meta: list[Triple], kind: NamedNode, who: NamedNode, when: NamedNode) -> tuple[Note, ...]:
    nodes = {t.subject for t in meta if t.predicate == RDF.type and t.object == kind}
    notes = []
    for node in nodes:
        own = _by_predicate(t for t in meta if t.subject == node)
        text = own.get(DCT.description.value, [])
        decision = own.get(STG.besluit.value, [])
        notes.append(Note(lexical(node), _label(meta, own[who.value][0]), lexical(own[when.value][0]),
                          lexical(text[0]) if text else "", lexical(decision[0]) if decision else None))
    return tuple(sorted(notes, key=lambda n: (n.at, n.iri)))


@dataclass(frozen=True)
class Summary:
    """A proposal in a list."""

    id: str
    status: str
    created: str
    motivation: str
    author: str
    concepts: int


def summaries(store: GraphStore, status: str | None = None, author: str | None = None) -> list[Summary]:
    """Every proposal (newest first), optionally only those with ``status`` or by ``author`` (the
    author's subject, e.g. ``account:…``, or their name, case-insensitive)."""
    wanted = author.casefold() if author is not None else None
    return [Summary(r["id"].value, r["status"].value.rsplit("#", 1)[-1], r["created"].value,
                    r["motivation"].value, r["authorName"].value, int(r["concepts"].value))
            for r in store.select(query("change_list"))
            if (status is None or r["status"].value == STG[status].value)
            and (wanted is None or wanted in (r["author"].value.casefold(), r["authorName"].value.casefold()))]
