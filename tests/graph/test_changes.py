"""Change proposals on real stores: submit, review, publish, versions, history, idempotency."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from graph import changes
from graph.begrippen.definitions import definition
from graph.changes.apply import editorial_graph
from graph.changes.diff import field_diff, triple_diff
from graph.changes.model import parse_description, parse_json
from graph.changes.records import Agent
from graph.changes.versions import history
from graph.errors import ChangeConflict, Forbidden, InvalidChange, NotFound, ShapeViolation
from graph.rdf.namespaces import SKOS
from graph.rdf.terms import Literal, NamedNode, Triple
from graph.sources.publication import published_graphs
from graph.store.base import GraphStore
from graph.trust import audit
from loaders.pipeline import load
from tests.conftest import silent_listener

BASE = "https://stelselgraaf.nl/"
ALICE = changes.Caller(Agent("token:alice1", "alice"))
BOB = changes.Caller(Agent("token:bob1", "bob"))
CAROL = changes.Caller(Agent("token:carol1", "carol"))
DAY1 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
DAY2 = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)
TERM_IRI = NamedNode(BASE + "id/begrip/stelselgraaf/wooneenheid")


def create(term: str = "wooneenheid", text: str = "een ruimte die bestemd is om in te wonen",
           **extra: object) -> object:
    return {"motivation": "nodig voor de woningstatistiek",
            "changes": [{"op": "create", "term": term, "definition": text, **extra}]}


def update(concept: str, **values: object) -> object:
    return {"motivation": "preciezer geformuleerd", "changes": [{"op": "update", "concept": concept, "set": values}]}


def submit(store: GraphStore, body: object, caller: changes.Caller = ALICE, **kw: object) -> changes.Proposal:
    return changes.submit(store, parse_json(body, BASE), caller, **kw).proposal  # type: ignore[arg-type]


def publish(store: GraphStore, body: object, when: datetime = DAY1) -> changes.Proposal:
    proposal = submit(store, body)
    return changes.review(store, proposal.id, "approve", "akkoord", BOB, now=when).proposal


def audit_actions(store: GraphStore, *, refused: bool = False) -> list[str]:
    """Actions of the accepted (or, with ``refused``, the refused) audit records."""
    wanted = audit.STATUS_ERROR if refused else audit.STATUS_OK
    return sorted(e.action for e in audit.query_audit(store, limit=1000).events if e.status_code == wanted)


def test_approved_create_is_published_with_a_first_version(store: GraphStore) -> None:
    proposal = submit(store, create(alt_labels=["woning"], categories=["locatie"]))
    assert proposal.status == "voorgesteld"
    assert definition(store, TERM_IRI) is None, "nothing is published before approval"
    assert not any("voorstel" in g.value for g in published_graphs(store)), "staging graphs are private"
    before = store.generation()
    done = changes.review(store, proposal.id, "approve", "akkoord", BOB, now=DAY1).proposal
    assert store.generation() == before + 1, "publication is one update"
    assert done.status == "gepubliceerd"
    record = definition(store, TERM_IRI)
    assert record is not None
    assert (record.term, record.status, record.alt_labels, record.categories) == (
        "wooneenheid", "vastgesteld", ("woning",), ("locatie",))
    assert record.valid_from == "2026-03-02"
    [version] = history(store, TERM_IRI).versions
    assert (version.number, version.author, version.reviewer, version.why) == (1, "alice", "bob",
                                                                              "nodig voor de woningstatistiek")
    assert version.fields["definition"] == "een ruimte die bestemd is om in te wonen"
    assert audit_actions(store) == ["goedkeuren", "indienen", "publiceren"]


def test_update_adds_a_version_and_history_answers_as_of_a_date(memory_store: GraphStore) -> None:
    publish(memory_store, create())
    publish(memory_store, update("stelselgraaf/wooneenheid", definition="een zelfstandige woonruimte"), DAY2)
    assert definition(memory_store, TERM_IRI).definition == "een zelfstandige woonruimte"  # type: ignore[union-attr]
    found = history(memory_store, TERM_IRI)
    assert found.current_definition == "een zelfstandige woonruimte"
    first, second = found.versions
    assert (first.valid_from, first.valid_to, second.valid_from, second.valid_to) == (
        "2026-03-02", "2026-05-03", "2026-05-04", None)
    assert second.previous == first.iri
    assert [asdict(c) for c in second.changes] == [{"field": "definition", "old": first.fields["definition"],
                                                   "new": "een zelfstandige woonruimte"}]
    assert [v.number for v in history(memory_store, TERM_IRI, on=date(2026, 4, 1)).versions] == [1]
    assert history(memory_store, TERM_IRI, on=date(2026, 1, 1)).versions == []


def test_the_author_never_reviews_their_own_proposal(memory_store: GraphStore) -> None:
    proposal = submit(memory_store, create())
    same_name_other_token = changes.Caller(Agent("token:alice2", "Alice"))
    for caller in (ALICE, same_name_other_token):
        with pytest.raises(Forbidden):
            changes.review(memory_store, proposal.id, "approve", "", caller)
    assert changes.get(memory_store, proposal.id).status == "voorgesteld"
    assert definition(memory_store, TERM_IRI) is None


def test_stale_proposal_gets_409_until_its_author_rebases_it(memory_store: GraphStore) -> None:
    publish(memory_store, create())
    first = submit(memory_store, update("stelselgraaf/wooneenheid", definition="tekst een"))
    second = submit(memory_store, update("stelselgraaf/wooneenheid", alt_labels=["woonruimte"]))
    changes.review(memory_store, first.id, "approve", "", BOB, now=DAY2)
    assert changes.stale(memory_store, changes.get(memory_store, second.id))
    with pytest.raises(ChangeConflict, match="rebase"):
        changes.review(memory_store, second.id, "approve", "", CAROL, now=DAY2)
    with pytest.raises(Forbidden):
        changes.rebase(memory_store, second.id, CAROL)
    rebased = changes.rebase(memory_store, second.id, ALICE).proposal
    added, removed = triple_diff(rebased.before, rebased.after)
    assert any("woonruimte" in t for t in added) and not removed, "the rebase keeps the first change"
    changes.review(memory_store, second.id, "approve", "", CAROL, now=DAY2)
    record = definition(memory_store, TERM_IRI)
    assert record is not None and (record.definition, record.alt_labels) == ("tekst een", ("woonruimte",))
    assert [v.number for v in history(memory_store, TERM_IRI).versions] == [1, 2, 3]


def test_idempotency_key_returns_the_first_result_and_refuses_another_body(memory_store: GraphStore) -> None:
    first = changes.submit(memory_store, parse_json(create(), BASE), ALICE, key="k-1")
    again = changes.submit(memory_store, parse_json(create(), BASE), ALICE, key="k-1")
    assert (again.proposal.id, again.replayed, first.replayed) == (first.proposal.id, True, False)
    with pytest.raises(InvalidChange, match="Idempotency-Key"):
        changes.submit(memory_store, parse_json(create(term="ander"), BASE), ALICE, key="k-1")
    other_actor = changes.submit(memory_store, parse_json(create(term="derde"), BASE), CAROL, key="k-1")
    assert other_actor.proposal.id != first.proposal.id, "keys are per caller"
    pid = first.proposal.id
    approved = changes.review(memory_store, pid, "approve", "ok", BOB, key="r-1", now=DAY1)
    replay = changes.review(memory_store, pid, "approve", "ok", BOB, key="r-1", now=DAY1)
    assert replay.replayed and replay.proposal.status == approved.proposal.status == "gepubliceerd"
    assert len(history(memory_store, TERM_IRI).versions) == 1
    assert audit_actions(memory_store).count("publiceren") == 1


def test_shape_violations_are_listed_and_nothing_is_stored(memory_store: GraphStore) -> None:
    with pytest.raises(ShapeViolation) as caught:
        submit(memory_store, create(term="x" * 201))
    [violation] = caught.value.report.results  # type: ignore[attr-defined]
    assert violation.path == SKOS.prefLabel.value and "200" in violation.message
    assert violation.focus == BASE + "id/begrip/stelselgraaf/" + "x" * 201
    turtle = b"""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    <https://stelselgraaf.nl/id/begrip/stelselgraaf/twee> a skos:Concept ;
        skos:prefLabel "twee"@nl, "tweede"@nl ; skos:definition "twee labels"@nl ."""
    with pytest.raises(ShapeViolation):
        changes.submit(memory_store, parse_description(turtle, "turtle", "test", BASE), ALICE)
    audit_graph = audit.audit_graph(BASE)
    assert all(q.graph_name == audit_graph for q in memory_store.quads()), "a refused proposal changes nothing"
    assert audit_actions(memory_store, refused=True) == ["indienen", "indienen"]  # but both refusals are logged


def test_turtle_description_replaces_the_concept(memory_store: GraphStore) -> None:
    publish(memory_store, create(alt_labels=["woning"]))
    turtle = b"""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    <https://stelselgraaf.nl/id/begrip/stelselgraaf/wooneenheid> a skos:Concept ;
        skos:inScheme <https://stelselgraaf.nl/id/begrippenkader/stelselgraaf> ;
        skos:prefLabel "wooneenheid"@nl ; skos:definition "nieuwe tekst"@nl ."""
    proposal = changes.submit(memory_store, parse_description(turtle, "turtle", "herschreven", BASE), ALICE).proposal
    diff = {c.field: (c.old, c.new) for c in field_diff(proposal.before, proposal.after)}
    assert diff == {"definition": ("een ruimte die bestemd is om in te wonen", "nieuwe tekst"),
                    "alt_labels": (["woning"], None)}


def test_a_described_new_concept_needs_one_of_our_iris(memory_store: GraphStore) -> None:
    turtle = b"""<http://example.org/nieuw> a <http://www.w3.org/2004/02/skos/core#Concept> ;
        <http://www.w3.org/2004/02/skos/core#definition> "iets"@nl ."""
    with pytest.raises(InvalidChange, match="IRI under"):
        changes.submit(memory_store, parse_description(turtle, "turtle", "nieuw", BASE), ALICE)


def test_jsonld_remote_context_is_never_fetched(memory_store: GraphStore) -> None:
    with silent_listener() as port:
        body = (f'{{"@context": "http://127.0.0.1:{port}/ctx.jsonld", "@id": "https://stelselgraaf.nl/id/begrip/x/y",'
                ' "@type": "http://www.w3.org/2004/02/skos/core#Concept"}').encode()
        with pytest.raises(InvalidChange, match="context"):
            parse_description(body, "jsonld", "test", BASE)


def test_concepts_of_loaded_sources_are_not_edited_by_proposals(memory_store: GraphStore) -> None:
    load(memory_store, [Path(__file__).parents[1] / "data" / "concepts.ttl"], name="voorbeeld")
    with pytest.raises(InvalidChange, match="loaded source"):
        submit(memory_store, update("http://example.org/begrip/pand", definition="iets anders"))
    with pytest.raises(InvalidChange, match="editorial scheme"):
        submit(memory_store, create(scheme="http://example.org/schema"))
    with pytest.raises(InvalidChange, match="not a known concept"):
        submit(memory_store, create(broader=["http://example.org/begrip/bestaat-niet"]))
    linked = submit(memory_store, create(broader=["http://example.org/begrip/pand"]))
    assert linked.status == "voorgesteld", "a link to a loaded concept is fine"


def test_replace_and_deprecate_end_a_concept(memory_store: GraphStore) -> None:
    publish(memory_store, create())
    publish(memory_store, create(term="woning", text="een woonruimte met eigen voordeur"))
    publish(memory_store, {"motivation": "samengevoegd", "changes": [
        {"op": "replace", "concept": "stelselgraaf/wooneenheid", "replaced_by": "stelselgraaf/woning"}]}, DAY2)
    record = definition(memory_store, TERM_IRI)
    assert record is not None and (record.status, record.valid_to) == ("vervangen", "2026-05-03")
    replaced = [t for t in memory_store.about(TERM_IRI) if t.graph_name == editorial_graph(BASE)]
    assert Triple(TERM_IRI, NamedNode("http://purl.org/dc/terms/isReplacedBy"),
                  NamedNode(BASE + "id/begrip/stelselgraaf/woning")) in [q.triple for q in replaced]
    with pytest.raises(InvalidChange, match="vervangen"):
        submit(memory_store, update("stelselgraaf/wooneenheid", definition="toch niet"))
    publish(memory_store, {"motivation": "niet meer nodig", "changes": [
        {"op": "deprecate", "concept": "stelselgraaf/woning"}]}, DAY2)
    assert definition(memory_store, NamedNode(BASE + "id/begrip/stelselgraaf/woning")).status == "vervallen"  # type: ignore[union-attr]


def test_withdraw_comment_and_reject(memory_store: GraphStore) -> None:
    proposal = submit(memory_store, create())
    changes.comment(memory_store, proposal.id, "graag een voorbeeld", BOB)
    with pytest.raises(Forbidden):
        changes.withdraw(memory_store, proposal.id, BOB)
    withdrawn = changes.withdraw(memory_store, proposal.id, ALICE).proposal
    assert withdrawn.status == "ingetrokken" and [c.text for c in withdrawn.comments] == ["graag een voorbeeld"]
    assert changes.withdraw(memory_store, proposal.id, ALICE).replayed
    with pytest.raises(ChangeConflict):
        changes.review(memory_store, proposal.id, "approve", "", BOB)
    other = submit(memory_store, create(term="tweede"))
    rejected = changes.review(memory_store, other.id, "reject", "onduidelijk", BOB).proposal
    assert rejected.status == "afgewezen" and rejected.reviews[0].decision == "afgewezen"
    assert audit_actions(memory_store) == ["afwijzen", "indienen", "indienen", "intrekken", "opmerken"]
    assert audit_actions(memory_store, refused=True) == ["beoordelen", "intrekken"]  # the 403 and the 409
    with pytest.raises(NotFound):
        changes.get(memory_store, "bestaatniet")


@pytest.mark.parametrize("body, message", [
    ({"changes": []}, "motivation"),
    ({"motivation": "x", "changes": [{"op": "create", "term": "t"}]}, "definition"),
    ({"motivation": "x", "changes": [{"op": "update", "concept": "a/b", "set": {"status": "x"}}]}, "unknown field"),
    ({"motivation": "x", "changes": [{"op": "create", "term": "t", "definition": "d", "categories": ["vis"]}]},
     "category"),
    ({"motivation": "x", "changes": [{"op": "replace", "concept": "a/b", "replaced_by": "a/b"}]}, "itself"),
])
def test_malformed_requests_are_refused_precisely(body: object, message: str) -> None:
    with pytest.raises(InvalidChange, match=message):
        parse_json(body, BASE)


def test_field_diff_is_readable() -> None:
    concept = NamedNode(BASE + "id/begrip/a/b")
    before = [Triple(concept, SKOS.prefLabel, Literal("oud", language="nl"))]
    after = [Triple(concept, SKOS.prefLabel, Literal("nieuw", language="nl")),
             Triple(concept, SKOS.altLabel, Literal("ander", language="nl"))]
    assert [asdict(c) for c in field_diff(before, after)] == [
        {"field": "term", "old": "oud", "new": "nieuw"}, {"field": "alt_labels", "old": None, "new": ["ander"]}]
