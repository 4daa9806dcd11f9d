"""GET /v1/schemes and /v1/schemes/{id} on real begrippenkaders (IMGeo 464 concepts, Netbeheer
236) and laws, checked against the source files read independently with rdflib."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.namespace import RDF, SKOS

from graph.begrippen.schemes import scheme_iri, scheme_ref
from tests.api.begrippen import AWB, IMGEO_FILE, NETBEHEER_FILE, begrippen_client

ISOTHES = rdflib.Namespace("http://purl.org/iso25964/skos-thes#")
BASE = "https://stelselgraaf.nl/"


@pytest.fixture(scope="module")
def client(shared_data: Path) -> Iterator[TestClient]:
    with begrippen_client(shared_data) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def listed(client: TestClient) -> dict[str, dict[str, Any]]:
    return {s["label"]: s for s in client.get("/v1/schemes", params={"limit": 1000}).json()["items"]}


def all_concepts(client: TestClient, scheme_id: str, limit: int = 100) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    url: str | None = f"/v1/schemes/{scheme_id}?limit={limit}"
    while url:
        page = client.get(url).json()["concepts_page"]
        items += page["items"]
        url = page["_links"].get("next", {}).get("href")
    return items


def test_the_loaded_schemes_with_their_counts(listed: dict[str, dict[str, Any]]) -> None:
    assert listed["Model"]["concepts"] == 464  # IMGeo (issue #4)
    assert listed["Begrippenkader van Netbeheer Nederland"]["concepts"] == 236
    awb = listed["Algemene wet bestuursrecht"]
    assert (awb["id"], awb["source"]) == (f"bwb-{AWB}", "awb")
    assert listed["Model"]["source"] == "imgeo"
    assert listed["Hoofdcategorieën van het stelsel"]["source"]  # the seed vocabulary is a source too


def test_paging_walks_every_scheme_once(client: TestClient, listed: dict[str, dict[str, Any]]) -> None:
    seen: list[str] = []
    url: str | None = "/v1/schemes?limit=2"
    while url:
        body = client.get(url).json()
        assert body["total"] == len(listed) and len(body["items"]) <= 2
        seen += [s["id"] for s in body["items"]]
        url = body["_links"].get("next", {}).get("href")
    assert sorted(seen) == sorted(s["id"] for s in listed.values())
    assert [s.casefold() for s in listed] == sorted(s.casefold() for s in listed)
    beyond = client.get("/v1/schemes", params={"offset": 1000}).json()
    assert beyond["items"] == [] and "next" not in beyond["_links"]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 1001}, {"offset": -1}, {"limit": "tien"}])
def test_bad_paging_is_400(client: TestClient, params: dict[str, object]) -> None:
    response = client.get("/v1/schemes", params=params)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"


def test_every_listed_id_opens_its_scheme(client: TestClient, listed: dict[str, dict[str, Any]]) -> None:
    for item in listed.values():
        body = client.get(f"/v1/schemes/{item['id']}", params={"limit": 1}).json()
        assert body["iri"] == item["iri"] and body["concepts_page"]["total"] == item["concepts"]


def test_scheme_ids_round_trip() -> None:
    own = f"{BASE}id/begrippenkader/bwb-{AWB}"
    foreign = "http://definities.geostandaarden.nl/imgeo"
    assert scheme_ref(BASE, own) == f"bwb-{AWB}"
    assert scheme_ref(BASE, foreign).startswith("iri-") and "/" not in scheme_ref(BASE, foreign)
    for iri in (own, foreign):
        assert scheme_iri(BASE, scheme_ref(BASE, iri)).value == iri
    with pytest.raises(ValueError, match="not a begrippenkader id"):
        scheme_iri(BASE, "iri-%%%")


def test_imgeo_concepts_top_concepts_and_collections_match_the_source(
    client: TestClient, listed: dict[str, dict[str, Any]], shared_data: Path,
) -> None:
    source = rdflib.Graph().parse(shared_data / IMGEO_FILE)
    scheme = rdflib.URIRef(listed["Model"]["iri"])
    concepts = all_concepts(client, listed["Model"]["id"])
    assert len(concepts) == len({c["iri"] for c in concepts}) == 464
    keys = [((c["term"] or "").casefold(), c["iri"]) for c in concepts]
    assert keys == sorted(keys)
    tops = {str(c) for c in source.objects(scheme, SKOS.hasTopConcept)}
    tops |= {str(c) for c in source.subjects(SKOS.topConceptOf, scheme)}
    body = client.get(f"/v1/schemes/{listed['Model']['id']}", params={"limit": 1}).json()
    assert {t["iri"] for t in body["top_concepts"]} == tops
    expected = {str(c): {str(m) for m in source.objects(c, SKOS.member)}
                for c in source.subjects(RDF.type, SKOS.Collection)}
    assert {c["iri"]: {m["iri"] for m in c["members"]} for c in body["collections"]} == expected
    assert "Het is een begrippenkader voor IMGeo" in body["metadata"]["description"][0]


@pytest.mark.parametrize(("label", "file"), [("Model", IMGEO_FILE),
                                             ("Begrippenkader van Netbeheer Nederland", NETBEHEER_FILE)])
def test_hierarchy_matches_the_source(
    client: TestClient, listed: dict[str, dict[str, Any]], shared_data: Path, label: str, file: str,
) -> None:
    source = rdflib.Graph().parse(shared_data / file)
    expected = {(str(n), str(b)) for p in (SKOS.broader, ISOTHES.broaderGeneric)
                for n, b in source.subject_objects(p)}
    expected |= {(str(n), str(b)) for p in (SKOS.narrower, ISOTHES.narrowerGeneric)
                 for b, n in source.subject_objects(p)}
    concepts = all_concepts(client, listed[label]["id"], limit=1000)
    ours = {(c["iri"], b["iri"]) for c in concepts for b in c["broader"]}
    assert ours == expected and ours
    down = {(n["iri"], c["iri"]) for c in concepts for n in c["narrower"]}
    in_scheme = {c["iri"] for c in concepts}
    assert down == {(n, b) for n, b in expected if b in in_scheme}


def test_law_scheme_lists_its_definitions(client: TestClient) -> None:
    body = client.get(f"/v1/schemes/bwb-{AWB}", params={"limit": 1000}).json()
    terms = {c["term"] for c in body["concepts_page"]["items"]}
    assert {"bestuursorgaan", "beschikking", "belanghebbende"} <= terms
    one = next(c for c in body["concepts_page"]["items"] if c["term"] == "bestuursorgaan")
    assert client.get(f"/v1/definitions/{one['id']}").json()["scheme"]["id"] == f"bwb-{AWB}"
    assert body["metadata"]["source"] == [f"{BASE}id/bron-wet/{AWB}"]


def test_scheme_as_turtle_and_jsonld(client: TestClient, listed: dict[str, dict[str, Any]]) -> None:
    imgeo = listed["Model"]
    graphs = []
    for media, fmt in (("text/turtle", "turtle"), ("application/ld+json", "json-ld")):
        response = client.get(f"/v1/schemes/{imgeo['id']}", headers={"accept": media})
        assert response.status_code == 200 and response.headers["content-type"].startswith(media)
        graphs.append(rdflib.Graph().parse(data=response.content, format=fmt))
    turtle, jsonld = graphs
    assert len(set(turtle.subjects(RDF.type, SKOS.Concept))) == 464
    assert (rdflib.URIRef(imgeo["iri"]), RDF.type, SKOS.ConceptScheme) in turtle
    assert len(turtle) == len(jsonld)
    listing = client.get("/v1/schemes", params={"limit": 1000}, headers={"accept": "text/turtle"})
    schemes = set(rdflib.Graph().parse(data=listing.content, format="turtle").subjects(RDF.type, SKOS.ConceptScheme))
    assert {str(s) for s in schemes} == {s["iri"] for s in listed.values()}


@pytest.mark.parametrize(("scheme_id", "status"), [
    ("bwb-BWBR9999999", 404), ("iri-aHR0cDovL2V4YW1wbGUub3JnL3g", 404), ("iri-%%%", 400), ("met spatie", 400),
])
def test_unknown_and_malformed_scheme_ids(client: TestClient, scheme_id: str, status: int) -> None:
    response = client.get(f"/v1/schemes/{scheme_id}")
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
