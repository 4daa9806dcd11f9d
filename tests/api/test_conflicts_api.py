"""GET /v1/conflicts, GET /v1/conflicts/{id}, PUT /v1/conflicts/{id}/status over real HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest

from api.cli import main
from loaders.pipeline import load
from tests.api.authed import Authed, authed_client

DATA = Path(__file__).resolve().parents[1] / "data" / "conflicts" / "begrippen.ttl"
STG = "https://stelselgraaf.nl/def#"
PROBLEM = "application/problem+json"


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Authed]:
    with authed_client(tmp_path) as ctx:
        load(ctx.store, [DATA], name="kaders", fmt="rdf")
        yield ctx


def test_list_is_paged_and_filtered(api: Authed) -> None:
    body = api.client.get("/v1/conflicts", params={"limit": 4}).json()
    assert body["total"] == 6 and len(body["items"]) == 4 and body["_links"]["next"]
    assert {i["type"] for i in api.client.get("/v1/conflicts", params={"limit": 100}).json()["items"]} == {
        "identical", "variant", "homonym", "borrowed", "synonym", "circular"}
    homonyms = api.client.get("/v1/conflicts", params={"type": "homonym"}).json()
    assert [i["id"] for i in homonyms["items"]] == ["homonym-onze-minister"]
    by_term = api.client.get("/v1/conflicts", params={"term": "ONZE minister"}).json()
    assert by_term["total"] == 1
    item = by_term["items"][0]
    assert {m["iri"] for m in item["members"]} == {"http://example.org/wet-a/minister",
                                                    "http://example.org/wet-b/minister"}
    assert "verschillende betekenissen" in item["explanation"]


@pytest.mark.parametrize("params", [{"type": "dubbel"}, {"status": "klaar"}, {"limit": 0}, {"offset": -1}])
def test_bad_parameters_are_400_problems(api: Authed, params: dict[str, object]) -> None:
    response = api.client.get("/v1/conflicts", params=params)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith(PROBLEM)


def test_one_conflict_as_json_and_turtle(api: Authed) -> None:
    body = api.client.get("/v1/conflicts/variant-authentiek-gegeven").json()
    assert body["type"] == "variant" and body["member_count"] == 3 and body["status"] == "open"
    turtle = api.client.get("/v1/conflicts/variant-authentiek-gegeven", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    triples = {(q.subject.value, q.predicate.value, q.object.value)
               for q in pyoxigraph.parse(turtle.content, format=pyoxigraph.RdfFormat.TURTLE)}
    assert (body["iri"], STG + "conflictType", STG + "variant") in triples
    assert sum(1 for t in triples if t[1] == STG + "lid") == 3
    missing = api.client.get("/v1/conflicts/homonym-bestaat-niet")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith(PROBLEM)


def test_only_a_reviewer_sets_the_status(api: Authed) -> None:
    url = "/v1/conflicts/identical-bouwen/status"
    change = {"status": "geaccepteerd", "toelichting": "zelfde tekst is bewust"}
    assert api.client.put(url, json=change).status_code == 401
    assert api.client.put(url, json=change, headers=api.as_role("reader")).status_code == 403
    assert api.client.get("/v1/conflicts/identical-bouwen").json()["status"] == "open"
    bad = api.client.put(url, json={"status": "weg"}, headers=api.as_role("reviewer"))
    assert bad.status_code == 400 and bad.headers["content-type"].startswith(PROBLEM)
    done = api.client.put(url, json=change, headers=api.as_role("reviewer"))
    assert done.status_code == 200 and done.json()["status"] == "geaccepteerd"
    again = api.client.get("/v1/conflicts/identical-bouwen").json()
    assert (again["status"], again["note"]) == ("geaccepteerd", "zelfde tekst is bewust")
    accepted = api.client.get("/v1/conflicts", params={"status": "geaccepteerd"}).json()
    assert [i["id"] for i in accepted["items"]] == ["identical-bouwen"]
    assert api.client.put("/v1/conflicts/identical-niets/status", json=change,
                          headers=api.as_role("reviewer")).status_code == 404
    log = api.client.get("/v1/audit", params={"name": "conflictstatus zetten"}, headers=api.as_role("admin")).json()
    [record] = log["items"]
    assert record["attributes"]["dpl.core.processing_activity_id"].endswith("begripsbeheer")
    assert done.json()["iri"] in json.dumps(record)


def test_cli_lists_conflicts_as_json_and_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "store")
    assert main(["--store", store, "--quiet", "load", str(DATA), "--format", "rdf"]) == 0
    capsys.readouterr()
    assert main(["--store", store, "conflicts", "--type", "homonym", "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["total"] == 1 and body["items"][0]["term"] == "Onze Minister"
    assert main(["--store", store, "conflicts", "--term", "bouwen"]) == 0
    out = capsys.readouterr()
    assert "identical-bouwen" in out.out and "1 conflict" in out.err
    with pytest.raises(SystemExit) as exit_info:
        main(["--store", store, "conflicts", "--type", "dubbel"])
    assert exit_info.value.code == 2


def test_conflict_iri_resolves_by_the_uri_strategy(api: Authed) -> None:
    """A conflict's stable IRI (/id/conflict/…) answers 303 to /doc, which describes it."""
    iri = api.client.get("/v1/conflicts/variant-authentiek-gegeven").json()["iri"]
    path = "/" + iri.removeprefix("https://stelselgraaf.nl/")
    redirect = api.client.get(path, follow_redirects=False)
    assert redirect.status_code == 303 and redirect.headers["location"] == path.replace("/id/", "/doc/", 1)
    doc = api.client.get(redirect.headers["location"], headers={"Accept": "text/turtle"})
    triples = {(q.subject.value, q.predicate.value, q.object.value)
               for q in pyoxigraph.parse(doc.content, format=pyoxigraph.RdfFormat.TURTLE)}
    assert (iri, STG + "conflictType", STG + "variant") in triples
    assert "authentiek gegeven" in api.client.get(redirect.headers["location"], headers={"Accept": "text/html"}).text
    assert api.client.get("/doc/conflict/homonym-bestaat-niet").status_code == 404
