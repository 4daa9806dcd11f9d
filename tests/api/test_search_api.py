"""GET /v1/definitions and POST /v1/definitions/check over real HTTP on an in-memory store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.cli import main
from graph.open import open_store
from graph.settings import Settings
from graph.store.base import GraphStore
from loaders.pipeline import load
from tests.graph.test_search import EX, KADER


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    opened = open_store(Settings(store=":memory:"))
    path = tmp_path_factory.mktemp("kader") / "kader.ttl"
    path.write_text(KADER, encoding="utf-8")
    load(opened, [path], name="testkader", fmt="rdf")
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def client(store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(store.settings, store)) as test_client:
        yield test_client


def test_search_items_have_the_drafter_shape(client: TestClient) -> None:
    response = client.get("/v1/definitions", params={"q": "ligplaatsen"})
    assert response.status_code == 200
    body = response.json()
    first = body["items"][0]
    assert first["iri"] == EX + "ligplaats" and first["term"] == "ligplaats"
    assert first["scheme"] == {"iri": EX + "kader", "label": "Testkader"}
    assert set(first["source"]) >= {"bwb_id", "title", "article", "url"}
    assert first["valid_from"] == "2009-07-01" and first["id"].startswith("iri-")
    assert first["highlights"]["term"] == "<mark>ligplaats</mark>"
    assert first["score"] > max(item["score"] for item in body["items"][1:])
    assert response.headers["X-Total-Count"] == str(body["total"])


def test_paging_reaches_every_same_term_definition(client: TestClient) -> None:
    seen: list[str] = []
    url: str | None = "/v1/definitions?q=Onze%20Minister&limit=1"
    while url:
        body = client.get(url).json()
        seen += [item["iri"] for item in body["items"] if item["term"].casefold() == "onze minister"]
        assert body["_links"]["self"]["href"].startswith("/v1/definitions?")
        url = body["_links"].get("next", {}).get("href")
    assert sorted(seen) == [EX + "minister-a", EX + "minister-b"]
    second = client.get("/v1/definitions", params={"q": "Onze Minister", "limit": 1, "offset": 1}).json()
    assert parse_qs(urlsplit(second["_links"]["prev"]["href"]).query)["offset"] == ["0"]


def test_browse_and_filters(client: TestClient) -> None:
    body = client.get("/v1/definitions", params={"limit": 100}).json()
    assert body["total"] == 7 and "next" not in body["_links"] and "prev" not in body["_links"]
    terms = [item["term"] for item in body["items"]]
    assert terms == sorted(terms, key=str.casefold)
    dated = client.get("/v1/definitions", params={"on": "2021-06-01"}).json()
    assert "standplaats" not in [item["term"] for item in dated["items"]]
    persons = client.get("/v1/definitions", params={"category": "persoon"}).json()
    assert [item["term"] for item in persons["items"]] == ["natuurlijk persoon"]


@pytest.mark.parametrize("params", [{"limit": 101}, {"limit": 0}, {"offset": -1}, {"on": "2021-13-01"},
                                    {"on": "gisteren"}, {"category": "dier"}, {"q": "x" * 201}])
def test_bad_parameters_are_problems(client: TestClient, params: dict[str, object]) -> None:
    response = client.get("/v1/definitions", params=params)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 400


def test_check_reports_matches_and_verdict(client: TestClient) -> None:
    response = client.post("/v1/definitions/check", json={"term": "Onze Minister"})
    assert response.status_code == 200
    body = response.json()
    assert body["verdict"] == "meerdere-betekenissen" and body["explanation"]
    assert {m["iri"] for m in body["matches"] if m["match"] == "same-term"} == {EX + "minister-a", EX + "minister-b"}
    draft = {"term": "botenplek", "definition": "plaats in het water die het gemeentelijk orgaan heeft aangewezen"}
    matches = client.post("/v1/definitions/check", json=draft).json()["matches"]
    assert matches[0]["iri"] == EX + "ligplaats" and matches[0]["match"] == "similar-definition"
    assert 0 < matches[0]["similarity"] <= 1 and "<mark>" in matches[0]["highlights"]["definition"]
    borrowed = client.post("/v1/definitions/check", json={"term": "ligplaats"}).json()["matches"]
    assert {m["iri"]: m["match"] for m in borrowed}[EX + "ligplaats-leen"] == "borrowed"


@pytest.mark.parametrize("body", [{}, {"term": ""}, {"term": "   "}, {"term": "x" * 201},
                                  {"term": "woord", "definition": "y" * 5001}, {"term": 5}])
def test_bad_check_requests_are_problems(client: TestClient, body: dict[str, object]) -> None:
    response = client.post("/v1/definitions/check", json=body)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")


def test_index_follows_loads(memory_store: GraphStore, tmp_path: Path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text(KADER.split("ex:kader a")[0] + 'ex:woonboot a skos:Concept ; skos:prefLabel "woonboot"@nl ;'
                     ' skos:definition "een schip dat als woning dient"@nl .\n', encoding="utf-8")
    with TestClient(create_app(memory_store.settings, memory_store)) as fresh:
        assert fresh.get("/v1/definitions", params={"q": "woonboot"}).json()["total"] == 0
        load(memory_store, [extra], name="extra", fmt="rdf")
        assert fresh.get("/v1/definitions", params={"q": "woonboten"}).json()["items"][0]["term"] == "woonboot"


def test_cli_search_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kader.ttl"
    path.write_text(KADER, encoding="utf-8")
    store = ["--store", str(tmp_path / "store"), "--quiet"]
    assert main([*store, "load", str(path), "--source", "testkader", "--format", "rdf"]) == 0
    capsys.readouterr()
    assert main([*store, "search", "ligplaatsen", "--limit", "1"]) == 0
    assert capsys.readouterr().out.split("\t")[1] == "ligplaats"
    assert main([*store, "search", "minister", "--scheme", "Ander kader", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [item["iri"] for item in found["items"]] == [EX + "minister-b"]
    assert main([*store, "check", "Onze Minister"]) == 0
    assert capsys.readouterr().out.startswith("meerdere-betekenissen:")
    assert main([*store, "check", "botenplek", "plaats in het water door het orgaan aangewezen", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["matches"][0]["iri"] == EX + "ligplaats"
    with pytest.raises(SystemExit) as usage:
        main([*store, "search", "x", "--limit", "500"])
    assert usage.value.code == 2
