"""/v1/changes over real HTTP with real tokens: propose, review, publish, roles, 4xx problems."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.open import open_store
from graph.settings import Settings
from graph.store.base import GraphStore
from graph.trust.tokens import TokenStore
from loaders.pipeline import load

PROBLEM = "application/problem+json"
REF = "stelselgraaf/wooneenheid"
TEXT = "een ruimte die bestemd is om in te wonen"


@dataclass
class Api:
    client: TestClient
    store: GraphStore
    headers: dict[str, dict[str, str]]

    def post(self, who: str, path: str, body: object = None, **kw: object) -> object:
        extra = kw.pop("headers", {})
        return self.client.post(path, json=body, headers={**self.headers[who], **extra}, **kw)  # type: ignore[arg-type]

    def get(self, who: str, path: str, **kw: object) -> object:
        return self.client.get(path, headers=self.headers.get(who, {}), **kw)  # type: ignore[arg-type]


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    settings = Settings(store=":memory:", auth_db=str(tmp_path / "auth.sqlite"))
    store = open_store(settings)
    tokens = TokenStore(Path(settings.auth_db))
    people = {"alice": "editor", "erik": "editor", "bob": "reviewer", "rita": "reviewer", "ada": "admin",
              "rob": "reader"}
    headers = {}
    for name, role in people.items():
        token, _ = tokens.create(name, role, "2026-01-01T00:00:00.000Z")
        headers[name] = {"Authorization": f"Bearer {token}"}
    try:
        with TestClient(create_app(settings, store)) as client:
            yield Api(client, store, headers)
    finally:
        store.close()


def create_body(term: str = "wooneenheid", text: str = TEXT) -> dict[str, object]:
    return {"motivation": "nodig voor de woningstatistiek",
            "changes": [{"op": "create", "term": term, "definition": text, "alt_labels": ["woning"]}]}


def propose(api: Api, body: object = None, who: str = "alice", key: str | None = None) -> dict[str, object]:
    headers = {"Idempotency-Key": key} if key else {}
    response = api.post(who, "/v1/changes", body or create_body(), headers=headers)
    assert response.status_code == 201, response.text  # type: ignore[attr-defined]
    return response.json()  # type: ignore[attr-defined,no-any-return]


def approve(api: Api, pid: object, who: str = "bob") -> object:
    return api.post(who, f"/v1/changes/{pid}/review", {"decision": "approve", "comment": "akkoord"})


def test_propose_review_publish_and_read_history(api: Api) -> None:
    created = propose(api)
    assert created["status"] == "voorgesteld" and created["author"] == "alice"
    [change] = created["changes"]  # type: ignore[misc]
    assert change["id"] == REF and change["lifecycle"] == "voorgesteld"
    assert {"field": "definition", "old": None, "new": TEXT} in change["fields"]
    assert any("wooneenheid" in t for t in change["triples"]["added"]) and change["triples"]["removed"] == []
    assert api.client.get(f"/v1/definitions/{REF}").status_code == 404, "not published before approval"
    listed = api.get("rob", "/v1/changes", params={"status": "voorgesteld"}).json()  # type: ignore[attr-defined]
    assert [i["id"] for i in listed["items"]] == [created["id"]]
    response = approve(api, created["id"])
    assert response.status_code == 200 and response.json()["status"] == "gepubliceerd"  # type: ignore[attr-defined]
    published = api.client.get(f"/v1/definitions/{REF}").json()
    assert published["definition"] == TEXT and published["status"] == "vastgesteld"
    today = datetime.now(UTC).date().isoformat()
    as_of = api.client.get(f"/v1/definitions/{REF}", params={"on": today}).json()
    assert as_of["definition"] == TEXT
    history = api.client.get(f"/v1/definitions/{REF}/history").json()
    [version] = history["versions"]
    assert (version["number"], version["author"], version["reviewer"], version["valid_from"]) == (
        1, "alice", "bob", today)
    assert version["why"] == "nodig voor de woningstatistiek"
    assert api.client.get(f"/v1/definitions/{REF}/history", params={"on": "2001-01-01"}).json()["versions"] == []


def test_roles_are_enforced_with_problem_json(api: Api) -> None:
    anonymous = api.client.post("/v1/changes", json=create_body())
    assert anonymous.status_code == 401 and anonymous.headers["content-type"] == PROBLEM
    assert api.post("rob", "/v1/changes", create_body()).status_code == 403  # type: ignore[attr-defined]
    assert api.client.get("/v1/changes").status_code == 401
    pid = propose(api)["id"]
    assert approve(api, pid, who="erik").status_code == 403, "an editor is no reviewer"  # type: ignore[attr-defined]


def test_the_author_cannot_approve_even_as_admin(api: Api) -> None:
    pid = propose(api, who="ada")["id"]
    refused = approve(api, pid, who="ada")
    assert refused.status_code == 403 and "four-eyes" in refused.json()["detail"]  # type: ignore[attr-defined]
    assert api.get("ada", f"/v1/changes/{pid}").json()["status"] == "voorgesteld"  # type: ignore[attr-defined]
    assert approve(api, pid, who="rita").status_code == 200  # type: ignore[attr-defined]


def test_idempotency_key_replays_and_refuses_a_different_body(api: Api) -> None:
    first = propose(api, key="abc-1")
    again = api.post("alice", "/v1/changes", create_body(), headers={"Idempotency-Key": "abc-1"})
    assert again.status_code == 201 and again.json()["id"] == first["id"]  # type: ignore[attr-defined]
    assert again.headers["Idempotent-Replayed"] == "true"  # type: ignore[attr-defined]
    other = api.post("alice", "/v1/changes", create_body(term="ander"), headers={"Idempotency-Key": "abc-1"})
    assert other.status_code == 422 and other.headers["content-type"] == PROBLEM  # type: ignore[attr-defined]
    assert api.get("rob", "/v1/changes").json()["total"] == 1  # type: ignore[attr-defined]


def test_shape_violations_are_422_and_change_nothing(api: Api) -> None:
    response = api.post("alice", "/v1/changes", create_body(term="x" * 250))
    assert response.status_code == 422 and response.headers["content-type"] == PROBLEM  # type: ignore[attr-defined]
    [violation] = response.json()["violations"]  # type: ignore[attr-defined]
    assert violation["path"] == "http://www.w3.org/2004/02/skos/core#prefLabel"
    assert violation["focus"].endswith("/" + "x" * 250) and violation["message"]
    assert api.get("rob", "/v1/changes").json()["total"] == 0  # type: ignore[attr-defined]


def test_stale_proposal_409_until_rebased(api: Api) -> None:
    approve(api, propose(api)["id"])
    update = {"motivation": "scherper", "changes": [{"op": "update", "concept": REF, "set": {"definition": "A"}}]}
    first, second = propose(api, update)["id"], propose(api, update, who="erik")["id"]
    assert approve(api, first).status_code == 200  # type: ignore[attr-defined]
    stale = approve(api, second)
    assert stale.status_code == 409 and "rebase" in stale.json()["detail"]  # type: ignore[attr-defined]
    assert api.get("bob", f"/v1/changes/{second}").json()["stale"] is True  # type: ignore[attr-defined]
    assert api.post("alice", f"/v1/changes/{second}/rebase").status_code == 403  # type: ignore[attr-defined]
    assert api.post("erik", f"/v1/changes/{second}/rebase").status_code == 200  # type: ignore[attr-defined]
    assert approve(api, second).status_code == 200  # type: ignore[attr-defined]
    versions = api.client.get(f"/v1/definitions/{REF}/history").json()["versions"]
    assert [v["number"] for v in versions] == [1, 2, 3]
    assert versions[1]["changes"] == [{"field": "definition", "old": TEXT, "new": "A"}]


def test_turtle_proposal_and_unsupported_media_type(api: Api) -> None:
    turtle = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    <https://stelselgraaf.nl/id/begrip/stelselgraaf/ligplaats> a skos:Concept ;
        skos:prefLabel "ligplaats"@nl ; skos:definition "een plaats in het water"@nl ."""
    response = api.client.post("/v1/changes", content=turtle, params={"motivation": "nieuw"},
                               headers={**api.headers["alice"], "Content-Type": "text/turtle"})
    assert response.status_code == 201, response.text
    assert response.json()["changes"][0]["id"] == "stelselgraaf/ligplaats"
    wrong = api.client.post("/v1/changes", content=b"x", headers={**api.headers["alice"], "Content-Type": "text/csv"})
    assert wrong.status_code == 415 and wrong.headers["content-type"] == PROBLEM
    jsonld = {"@id": "https://stelselgraaf.nl/id/begrip/stelselgraaf/standplaats",
              "@type": "http://www.w3.org/2004/02/skos/core#Concept",
              "http://www.w3.org/2004/02/skos/core#prefLabel": {"@value": "standplaats", "@language": "nl"},
              "http://www.w3.org/2004/02/skos/core#definition": {"@value": "een terrein", "@language": "nl"}}
    as_jsonld = api.client.post("/v1/changes", json=jsonld, params={"motivation": "nieuw"},
                                headers={**api.headers["alice"], "Content-Type": "application/ld+json"})
    assert as_jsonld.status_code == 201, as_jsonld.text
    assert {"field": "term", "old": None, "new": "standplaats"} in as_jsonld.json()["changes"][0]["fields"]
    assert api.get("rob", "/v1/changes", params={"status": "kapot"}).status_code == 400  # type: ignore[attr-defined]
    broken = api.client.post("/v1/changes", content=b"<a> <b>", params={"motivation": "x"},
                             headers={**api.headers["alice"], "Content-Type": "text/turtle"})
    assert broken.status_code == 422 and "parse" in broken.json()["detail"]


def test_comments_withdraw_and_reads_are_audited(api: Api) -> None:
    pid = propose(api)["id"]
    assert api.post("rob", f"/v1/changes/{pid}/comments", {"text": "mag ik?"}).status_code == 403  # type: ignore[attr-defined]
    commented = api.post("bob", f"/v1/changes/{pid}/comments", {"text": "graag een voorbeeld"})
    assert commented.status_code == 201  # type: ignore[attr-defined]
    assert commented.json()["comments"][0]["author"] == "bob"  # type: ignore[attr-defined]
    assert api.post("erik", f"/v1/changes/{pid}/withdraw").status_code == 403  # type: ignore[attr-defined]
    assert api.post("alice", f"/v1/changes/{pid}/withdraw").json()["status"] == "ingetrokken"  # type: ignore[attr-defined]
    assert approve(api, pid).status_code == 409  # type: ignore[attr-defined]
    api.get("rob", f"/v1/changes/{pid}")
    log = api.get("ada", "/v1/audit", params={"limit": 1000}).json()["items"]  # type: ignore[attr-defined]
    actions = sorted(i["attributes"]["dpl.stelselgraaf.action"] for i in log if i["status_code"] == 1
                     and i["attributes"].get("dpl.core.processing_activity_id", "").endswith("begripsbeheer"))
    assert actions == ["indienen", "intrekken", "opmerken", "raadplegen"]
    refused = sorted((i["attributes"]["dpl.stelselgraaf.action"], i["attributes"]["dpl.stelselgraaf.result"])
                     for i in log if i["status_code"] == 2 and i["name"].startswith("wijzigingsvoorstel"))
    assert refused == [("beoordelen", "geweigerd (409)"), ("intrekken", "geweigerd (403)")]
    assert api.get("rob", "/v1/changes/bestaatniet").status_code == 404  # type: ignore[attr-defined]


def test_law_concepts_are_refused_and_history_of_unknown_is_404(api: Api) -> None:
    load(api.store, [Path(__file__).parents[1] / "data" / "concepts.ttl"], name="voorbeeld")
    body = {"motivation": "x", "changes": [
        {"op": "update", "concept": "http://example.org/begrip/pand", "set": {"definition": "anders"}}]}
    refused = api.post("alice", "/v1/changes", body)
    assert refused.status_code == 422 and "reloading" in refused.json()["detail"]  # type: ignore[attr-defined]
    assert api.client.get("/v1/definitions/stelselgraaf/bestaat-niet/history").status_code == 404
    loaded = api.client.get("/v1/definitions/iri-aHR0cDovL2V4YW1wbGUub3JnL2JlZ3JpcC9wYW5k/history")
    assert loaded.status_code == 200 and loaded.json()["versions"] == []


def test_conflicts_the_change_would_introduce_or_resolve(api: Api) -> None:
    load(api.store, [Path(__file__).parents[1] / "data" / "concepts.ttl"], name="voorbeeld")
    pid = propose(api, create_body(term="pand", text="een gebouw waarin mensen samen wonen of werken"))["id"]
    shown = api.get("bob", f"/v1/changes/{pid}").json()  # type: ignore[attr-defined]
    [introduced] = shown["conflicts"]["introduced"]
    assert "http://example.org/begrip/pand" in str(introduced) and shown["conflicts"]["resolved"] == []
    approve(api, pid)
    rename = {"motivation": "andere term", "changes": [
        {"op": "update", "concept": "stelselgraaf/pand", "set": {"term": "bedrijfsgebouw"}}]}
    resolving = api.get("bob", f"/v1/changes/{propose(api, rename)['id']}").json()  # type: ignore[attr-defined]
    assert resolving["conflicts"]["introduced"] == []
    assert [c["type"] for c in resolving["conflicts"]["resolved"]] == [introduced["type"]]
