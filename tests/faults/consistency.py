"""Invariants of the store after any crash: checked on the on-disk store with the server down."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from graph.open import open_store
from graph.settings import Settings
from graph.store.base import GraphStore
from graph.trust import audit

PREFIXES = """PREFIX stg: <https://stelselgraaf.nl/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX adms: <http://www.w3.org/ns/adms#>
PREFIX dct: <http://purl.org/dc/terms/>
"""
PROPOSALS = PREFIXES + """SELECT ?p ?id ?key ?status ?concept WHERE {
  ?p a stg:Wijzigingsvoorstel ; dct:identifier ?id ; stg:voorstelStatus ?status ; stg:betreft ?concept .
  OPTIONAL { ?p stg:idempotentieSleutel ?key } }"""
REVIEWS = PREFIXES + """PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?review ?key WHERE { ?review a stg:Beoordeling ; stg:idempotentieSleutel ?key }"""
VERSIONS = PREFIXES + """SELECT ?concept ?version ?number ?until ?vterm ?vdef ?vstatus WHERE {
  GRAPH <https://stelselgraaf.nl/graph/redactie> { ?concept stg:versie ?version .
    ?version stg:versienummer ?number ; skos:prefLabel ?vterm ; skos:definition ?vdef ; adms:status ?vstatus .
    OPTIONAL { ?version stg:geldigTot ?until } } }"""
CONCEPTS = PREFIXES + """SELECT ?concept ?term ?def ?status WHERE {
  GRAPH <https://stelselgraaf.nl/graph/redactie> { ?concept a skos:Concept ; skos:prefLabel ?term ;
    skos:definition ?def ; adms:status ?status } }"""


@dataclass
class Ledger:
    """What the clients were told: acknowledged submissions and approvals, by Idempotency-Key."""

    submitted: dict[str, str] = field(default_factory=dict)
    """submit key → proposal id (acknowledged 201)"""
    approved: dict[str, str] = field(default_factory=dict)
    """review key → proposal id (acknowledged 200)"""


def check(store_dir: Path, ledger: Ledger, *, complete: set[str] | None = None) -> dict[str, int]:
    """Assert every invariant; ``complete`` names submit keys that must be published by now."""
    store = open_store(Settings(store=str(store_dir)))
    try:
        return _check(store, ledger, complete or set())
    finally:
        store.close()


def _check(store: GraphStore, ledger: Ledger, complete: set[str]) -> dict[str, int]:
    proposals = store.select(PROPOSALS)
    by_key = Counter(r["key"].value for r in proposals if "key" in r)
    assert max(by_key.values(), default=1) == 1, "a retried submission made a duplicate proposal"
    status = {r["id"].value: r["status"].value.rsplit("#", 1)[-1] for r in proposals}
    id_of_key = {r["key"].value: r["id"].value for r in proposals if "key" in r}
    for key, pid in ledger.submitted.items():
        assert id_of_key.get(key) == pid, f"acknowledged submission {key} lost or changed"
    for key, pid in ledger.approved.items():
        assert status[pid] == "gepubliceerd", f"acknowledged approval {key} of {pid} lost"
    for key in complete:
        assert status[id_of_key[key]] == "gepubliceerd", f"{key} not published after the retries"
    review_keys = Counter(r["key"].value for r in store.select(REVIEWS))
    assert max(review_keys.values(), default=1) == 1, "a retried review was applied twice"
    published = Counter(r["concept"].value for r in proposals if status[r["id"].value] == "gepubliceerd")
    versions = _versions_agree(store, published)
    _audit_agrees(store, versions, len(status), sum(s == "gepubliceerd" for s in status.values()))
    return {"proposals": len(status), "versions": len(versions), "published": sum(published.values())}


def _versions_agree(store: GraphStore, published: Counter[str]) -> set[str]:
    """Each published concept: versions 1..n (n = its published proposals), one open, matching it."""
    rows = store.select(VERSIONS)
    by_concept: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_concept.setdefault(row["concept"].value, []).append({k: v.value for k, v in row.items()})
    concepts = {r["concept"].value: r for r in store.select(CONCEPTS)}
    assert set(by_concept) == set(concepts) == set(published), "a concept without versions, or the reverse"
    for concept, found in by_concept.items():
        numbers = sorted(int(v["number"]) for v in found)
        assert numbers == list(range(1, published[concept] + 1)), f"{concept}: versions {numbers}"
        [current] = [v for v in found if "until" not in v]
        now = concepts[concept]
        assert (current["vterm"], current["vdef"], current["vstatus"]) == (
            now["term"].value, now["def"].value, now["status"].value), f"{concept} half applied"
    return {v["version"] for found in by_concept.values() for v in found}


def _audit_agrees(store: GraphStore, versions: set[str], proposals: int, published: int) -> None:
    events = audit.query_audit(store, limit=1_000_000).events
    publishes = Counter(e.object for e in events if e.action == "publiceren")
    assert set(publishes) == versions and max(publishes.values(), default=1) == 1, \
        "publish records and versions differ"
    actions = Counter(e.action for e in events)
    assert actions["goedkeuren"] == published, "approval records and published proposals differ"
    assert actions["indienen"] == proposals, "submission records and proposals differ"
