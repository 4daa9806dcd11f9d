"""GET /v1/suggest: the typeahead of the search fields, on the real laws."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.open import open_store
from graph.settings import Settings
from loaders.pipeline import load
from tests.api.reconciliation import reconcile_client

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def client(shared_data: Path) -> Iterator[TestClient]:
    with reconcile_client(shared_data) as test_client:
        yield test_client


def suggested(client: TestClient, text: str, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/v1/suggest", params={"q": text, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["query"] == text and len(body["items"]) <= 10
    return list(body["items"])


def exact(client: TestClient, term: str) -> dict[str, Any]:
    (hit,) = [i for i in client.get("/v1/definitions", params={"q": term}).json()["items"]
              if i["matched_by"] == "exact"]
    return dict(hit)


def test_a_prefix_suggests_the_term_with_its_source_and_page(client: TestClient) -> None:
    ligplaats = exact(client, "ligplaats")
    (first, *_) = suggested(client, "ligpl")
    assert (first["term"], first["id"], first["iri"]) == ("ligplaats", ligplaats["id"], ligplaats["iri"])
    assert first["scheme"] == ligplaats["scheme"]["label"] and first["source"] == ligplaats["source"]["label"]
    assert first["href"] == f"/begrip/{ligplaats['id']}" and first["matchedBy"] == "prefix"
    assert client.get(first["href"]).status_code == 200
    assert suggested(client, "LIGPL")[0]["iri"] == ligplaats["iri"]  # case is folded


@pytest.mark.parametrize(("typed", "term"), [("lgplaats", "ligplaats"), ("verblijfsobjekt", "verblijfsobject"),
                                             ("ingezeetene", "ingezetene"), ("verblyfsobject", "verblijfsobject")])
def test_small_typos_still_suggest_the_term(client: TestClient, typed: str, term: str) -> None:
    items = suggested(client, typed)
    assert exact(client, term)["iri"] in [i["iri"] for i in items]
    assert next(i for i in items if i["term"] == term)["matchedBy"] == "fuzzy"


def test_a_later_word_and_short_prefixes(client: TestClient) -> None:
    words = suggested(client, "minister")
    assert words and all("minister" in i["label"].casefold().split()[1:] or i["label"].casefold()
                         .startswith("minister") for i in words)
    assert any(i["matchedBy"] == "word" for i in words)
    for prefix in ("a", "o", "ve"):
        items = suggested(client, prefix)
        assert len(items) == 10 and all(i["label"].casefold().startswith(prefix) or
                                        f" {prefix}" in i["label"].casefold() for i in items)
        assert len({i["iri"] for i in items}) == len(items)  # each definition once
    assert len(suggested(client, "o", limit=3)) == 3
    assert suggested(client, "qqqqqq") == []


@pytest.mark.parametrize("params", [{"q": ""}, {"q": "x" * 101}, {"q": "lig", "limit": 11}, {}])
def test_bad_input_is_a_problem(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/v1/suggest", params=params)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")


def test_the_index_follows_a_load(tmp_path: Path) -> None:
    concepts = tmp_path / "kader.ttl"
    concepts.write_text("""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://voorbeeld.nl/kader> a skos:ConceptScheme ; skos:prefLabel "Testkader"@nl .
<https://voorbeeld.nl/begrip/woonark> a skos:Concept ; skos:inScheme <https://voorbeeld.nl/kader> ;
    skos:prefLabel "woonark"@nl ; skos:definition "vaartuig dat als woning dient"@nl .
""", encoding="utf-8")
    store = open_store(Settings(store=":memory:"))
    try:
        with TestClient(create_app(store.settings, store)) as client:
            assert suggested(client, "woona") == []
            load(store, [concepts], name="testkader", fmt="rdf")
            assert [i["iri"] for i in suggested(client, "woona")] == ["https://voorbeeld.nl/begrip/woonark"]
    finally:
        store.close()
