"""The API does what its document and the protocols say: HEAD on every GET, unknown query
parameters refused by name, and FROM / FROM NAMED in a SPARQL query defining its dataset."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.open import open_store
from graph.settings import Settings
from graph.sources import current_graph
from graph.store import GraphStore
from loaders.pipeline import load

DATA = Path(__file__).resolve().parents[1] / "data"
OTHER = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<http://example.org/ander/woonark> a skos:Concept ; skos:prefLabel "woonark"@nl ."""


@pytest.fixture
def api(tmp_path: Path) -> Iterator[tuple[TestClient, GraphStore]]:
    store = open_store(Settings(store=":memory:", auth_db=str(tmp_path / "auth.sqlite")))
    load(store, [DATA / "concepts.ttl"], name="begrippen")
    (tmp_path / "ander.ttl").write_text(OTHER, "utf-8")
    load(store, [tmp_path / "ander.ttl"], name="ander")
    with TestClient(create_app(store.settings, store)) as client:
        yield client, store
    store.close()


@pytest.mark.parametrize("path", ["/v1/health", "/v1/registers", "/v1/definitions?q=pand", "/v1/openapi.json",
                                  "/zoeken?q=pand"])
def test_head_answers_like_get_without_a_body(api: tuple[TestClient, GraphStore], path: str) -> None:
    client, _ = api
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == got.headers["content-length"]


def test_head_on_a_post_only_operation_is_405(api: tuple[TestClient, GraphStore]) -> None:
    client, _ = api
    assert client.head("/v1/validate").status_code == client.get("/v1/validate").status_code == 405


def test_unknown_query_parameters_are_refused_by_name(api: tuple[TestClient, GraphStore]) -> None:
    client, _ = api
    refused = client.get("/v1/registers", params={"category": "persoon"})
    assert refused.status_code == 400 and refused.headers["content-type"] == "application/problem+json"
    assert "category" in refused.json()["detail"]
    assert refused.json()["invalid-params"] == [{"name": "category", "reason": "unknown parameter"}]
    assert client.get("/v1/definitions", params={"q": "pand", "limt": "5"}).status_code == 400
    assert client.get("/v1/definitions", params={"q": "pand", "limit": "5"}).status_code == 200
    assert client.get("/v1/sparql", params={"query": "ASK {}"}).status_code == 200  # declared by the route
    assert client.get("/zoeken", params={"q": "pand", "utm_source": "x"}).status_code == 200  # pages are lenient


def _terms(client: TestClient, query: str, **params: str) -> list[str]:
    answer = client.get("/v1/sparql", params={"query": query, **params})
    assert answer.status_code == 200, answer.text
    return sorted(b["l"]["value"] for b in answer.json()["results"]["bindings"])


def test_from_and_from_named_define_the_dataset(api: tuple[TestClient, GraphStore]) -> None:
    client, store = api
    ander = current_graph(store, "ander")
    assert ander is not None
    every = "SELECT ?l WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
    assert _terms(client, every) == ["ligplaats", "pand", "woonark"]  # no dataset: the union
    scoped = every.replace("SELECT ?l WHERE", f"SELECT ?l FROM <{ander.value}> WHERE")
    assert _terms(client, scoped) == ["woonark"]
    prefixed = f"PREFIX g: <{ander.value.rsplit('/', 1)[0]}/> " + every.replace(
        "SELECT ?l WHERE", f"SELECT ?l FROM g:{ander.value.rsplit('/', 1)[1]} WHERE")
    assert _terms(client, prefixed) == ["woonark"]
    named = (f"SELECT ?l FROM NAMED <{ander.value}> WHERE {{ GRAPH ?g {{ ?s "
             "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l } }")
    assert _terms(client, named) == ["woonark"]
    only_named_default = every.replace("SELECT ?l WHERE", f"SELECT ?l FROM NAMED <{ander.value}> WHERE")
    assert _terms(client, only_named_default) == []  # FROM NAMED alone: an empty default graph
    begrippen = current_graph(store, "begrippen")
    assert begrippen is not None  # the protocol's parameters win over the query's FROM
    assert _terms(client, scoped, **{"default-graph-uri": begrippen.value}) == ["ligplaats", "pand"]


def test_from_a_private_graph_is_refused(api: tuple[TestClient, GraphStore]) -> None:
    client, store = api
    private = store.settings.base_iri + "graaf/prive/audit"
    answer = client.get("/v1/sparql", params={"query": f"SELECT * FROM <{private}> WHERE {{ ?s ?p ?o }}"})
    assert answer.status_code == 403 and answer.headers["content-type"] == "application/problem+json"
    query = f"SELECT * FROM NAMED <{private}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    named = client.get("/v1/sparql", params={"query": query})
    assert named.status_code == 403


def test_an_identifier_of_nothing_is_404_not_a_redirect_to_404(api: tuple[TestClient, GraphStore]) -> None:
    client, _ = api
    missing = client.get("/id/begrip/bestaat-niet", follow_redirects=False)
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    assert client.get("/id/conflict/bestaat-niet", follow_redirects=False).status_code == 404
