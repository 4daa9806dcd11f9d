"""/v1/sparql: formats, read-only, no outbound requests, row cap, a real time limit."""

from __future__ import annotations

import csv
import io
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph import sources
from graph.open import open_store
from graph.rdf import iris
from graph.rdf.terms import Literal, NamedNode, Quad
from graph.settings import Settings
from graph.store.base import GraphStore
from loaders.pipeline import load
from tests.conftest import silent_listener

DATA = Path(__file__).resolve().parents[1] / "data"
SELECT = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?c ?l WHERE { ?c skos:prefLabel ?l } ORDER BY ?l"


def _client(store: GraphStore, **settings: object) -> TestClient:
    return TestClient(create_app(Settings(store=":memory:", **settings), store))  # type: ignore[arg-type]


@pytest.fixture
def loaded(memory_store: GraphStore) -> GraphStore:
    load(memory_store, [DATA / "concepts.ttl"], name="begrippen")
    return memory_store


@pytest.fixture
def api(loaded: GraphStore) -> Iterator[TestClient]:
    with _client(loaded) as client:
        yield client


def test_select_in_every_result_format(api: TestClient) -> None:
    json_body = api.get("/v1/sparql", params={"query": SELECT}).json()
    assert [b["l"]["value"] for b in json_body["results"]["bindings"]] == ["ligplaats", "pand"]
    assert json_body["results"]["bindings"][0]["l"]["xml:lang"] == "nl"
    xml = api.get("/v1/sparql", params={"query": SELECT}, headers={"Accept": "application/sparql-results+xml"})
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert len(ET.fromstring(xml.content).findall(".//r:result", ns)) == 2
    csv_text = api.get("/v1/sparql", params={"query": SELECT}, headers={"Accept": "text/csv"}).text
    assert list(csv.reader(io.StringIO(csv_text)))[1] == ["http://example.org/begrip/ligplaats", "ligplaats"]
    tsv = api.get("/v1/sparql", params={"query": SELECT}, headers={"Accept": "text/tab-separated-values"})
    assert tsv.text.splitlines()[1] == '<http://example.org/begrip/ligplaats>\t"ligplaats"@nl'


def test_post_form_and_direct(api: TestClient) -> None:
    form = api.post("/v1/sparql", data={"query": SELECT})
    direct = api.post("/v1/sparql", content=SELECT, headers={"Content-Type": "application/sparql-query"})
    assert form.status_code == direct.status_code == 200
    assert form.json() == direct.json()


@pytest.mark.parametrize("accept,marker", [
    ("text/turtle", b"@prefix"), ("application/n-triples", b"<http://example.org/begrip/pand>"),
    ("application/ld+json", b'"@id"'), ("application/rdf+xml", b"rdf:RDF"),
])
def test_construct_and_describe_by_accept(api: TestClient, accept: str, marker: bytes) -> None:
    for query in ("CONSTRUCT WHERE { ?s ?p ?o }", "DESCRIBE <http://example.org/begrip/pand>"):
        response = api.get("/v1/sparql", params={"query": query}, headers={"Accept": accept})
        assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
        assert marker in response.content


def test_unsupported_accept_is_406(api: TestClient) -> None:
    response = api.get("/v1/sparql", params={"query": SELECT}, headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_updates_are_refused_403(api: TestClient, loaded: GraphStore) -> None:
    before = len(list(loaded.quads()))
    for response in (
        api.get("/v1/sparql", params={"update": "CLEAR ALL"}),
        api.post("/v1/sparql", data={"update": "CLEAR ALL"}),
        api.post("/v1/sparql", content="CLEAR ALL", headers={"Content-Type": "application/sparql-update"}),
        api.post("/v1/sparql", content="DROP ALL", headers={"Content-Type": "application/sparql-query"}),
    ):
        assert response.status_code == 403, response.text
    assert len(list(loaded.quads())) == before


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
])
def test_service_is_refused_before_any_request(api: TestClient, query: str) -> None:
    with silent_listener() as port:
        response = api.get("/v1/sparql", params={"query": query.replace("{port}", str(port))})
        assert response.status_code == 400 and "SERVICE" in response.json()["detail"]


def test_keywords_in_strings_and_iris_are_fine(api: TestClient) -> None:
    query = 'SELECT ?service WHERE { BIND("SERVICE LOAD" AS ?service) } # SERVICE'
    assert api.get("/v1/sparql", params={"query": query}).status_code == 200


def test_syntax_error_is_400(api: TestClient) -> None:
    response = api.get("/v1/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert response.status_code == 400 and "syntax" in response.json()["detail"].lower()


def test_row_cap_is_signalled() -> None:
    store = open_store(Settings(store=":memory:", result_limit=3))
    load(store, [DATA / "concepts.ttl"], name="begrippen")
    with TestClient(create_app(store.settings, store)) as client:
        response = client.get("/v1/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    store.close()
    assert response.headers["Results-Truncated"] == "true"
    assert response.headers["Result-Limit"] == "3"
    assert len(response.json()["results"]["bindings"]) == 3


def test_timeout_stops_the_query_and_service_stays_up() -> None:
    store = open_store(Settings(store=":memory:", query_timeout_s=1.5))
    g = NamedNode("http://ex/g")
    store.stage(g, (Quad(NamedNode(f"http://ex/{i}"), NamedNode("http://ex/p"), Literal(str(i)), g)
                    for i in range(300)))
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }"
    try:
        with _client(store, query_timeout_s=1.5) as client:
            started = time.monotonic()
            response = client.get("/v1/sparql", params={"query": slow})
            elapsed = time.monotonic() - started
            assert response.status_code == 503, response.text
            assert response.headers["content-type"] == "application/problem+json"
            assert "1.5 s" in response.json()["detail"] and elapsed < 10
            quick = client.get("/v1/sparql", params={"query": "ASK { ?s ?p ?o }"})
            assert quick.status_code == 200 and quick.json()["boolean"] is True
    finally:
        store.close()


def test_new_data_is_visible_after_a_load(api: TestClient, loaded: GraphStore, tmp_path: Path) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = int(api.get("/v1/sparql", params={"query": count}).json()["results"]["bindings"][0]["n"]["value"])
    extra = tmp_path / "extra.nt"
    extra.write_text('<http://ex/x> <http://ex/p> "1" .\n')
    load(loaded, [extra], name="extra")
    after = int(api.get("/v1/sparql", params={"query": count}).json()["results"]["bindings"][0]["n"]["value"])
    assert after > before


def test_service_description(api: TestClient) -> None:
    response = api.get("/v1/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert b"sd:Service" in response.content and b"sd:UnionDefaultGraph" in response.content


def test_endpoint_on_every_backend(store: GraphStore) -> None:
    load(store, [DATA / "concepts.ttl"], name="begrippen")
    with TestClient(create_app(store.settings, store)) as client:
        rows = client.get("/v1/sparql", params={"query": SELECT}).json()["results"]["bindings"]
        assert [r["l"]["value"] for r in rows] == ["ligplaats", "pand"]
        turtle = client.get("/v1/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                            headers={"Accept": "text/turtle"})
        assert turtle.status_code == 200 and b"skos:prefLabel" in turtle.content
        assert client.get("/v1/health").json()["sources"] == 1


def test_a_load_being_staged_is_invisible(api: TestClient, loaded: GraphStore) -> None:
    staging = iris.source_graph(loaded.settings.base_iri, "half", "1")
    sources.begin(loaded, staging)
    loaded.stage(staging, [Quad(NamedNode("http://ex/half"), NamedNode("http://ex/p"), Literal("x"), staging)])
    ask = "ASK { <http://ex/half> ?p ?o }"
    assert api.get("/v1/sparql", params={"query": ask}).json()["boolean"] is False
    graph_ask = f"ASK {{ GRAPH {staging} {{ ?s ?p ?o }} }}"
    assert api.get("/v1/sparql", params={"query": graph_ask}).json()["boolean"] is False
    named = api.get("/v1/sparql", params={"query": ask, "default-graph-uri": staging.value})
    assert named.status_code == 403 and named.headers["content-type"].startswith("application/problem+json")
    assert not loaded.ask(ask) and staging not in loaded.graph_names()  # internal reads too
    assert len(list(loaded.quads(staging))) == 1  # the gate reads it by name
    assert loaded.about(NamedNode("http://ex/half")) == []
    sources.discard(loaded, staging)
    assert loaded.hidden_graphs() == frozenset()
