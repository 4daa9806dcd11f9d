"""GET /v1/definitions/{id}: real laws (Awb 2012 format, Drank- en Horecawet toestand with 16
consolidated versions) and real begrippenkaders (IMGeo, Netbeheer), through real HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import rdflib
import rdflib.compare
from fastapi.testclient import TestClient
from rdflib.namespace import SKOS

from api.app import create_app
from graph.begrippen.definitions import definition_ref
from graph.store.base import GraphStore
from graph.text.normalise import term_key
from loaders.pipeline import load
from tests.api.begrippen import AWB, DHW, IMGEO_FILE, NETBEHEER_FILE, begrippen_client

BESTUURSORGAAN = f"{AWB}/bestuursorgaan"
WIJN = f"{DHW}/wijn"
STG = rdflib.Namespace("https://stelselgraaf.nl/def#")
ISOTHES = rdflib.Namespace("http://purl.org/iso25964/skos-thes#")


@pytest.fixture(scope="module")
def client(shared_data: Path) -> Iterator[TestClient]:
    with begrippen_client(shared_data) as test_client:
        yield test_client


def get(client: TestClient, ref: str, **params: str) -> dict[str, Any]:
    response = client.get(f"/v1/definitions/{ref}", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_legal_definition_with_its_source_links(client: TestClient) -> None:
    body = get(client, BESTUURSORGAAN)
    assert body["id"] == BESTUURSORGAAN and body["term"] == "bestuursorgaan"
    assert "openbaar gezag" in body["definition"]
    source = body["source"]
    assert (source["bwb_id"], source["article"]) == (AWB, "1:1")
    assert source["juriconnect"].startswith(f"jci1.3:c:{AWB}&artikel=1:1")
    assert source["url"] == "https://wetten.overheid.nl/" + source["juriconnect"]
    assert body["scheme"]["label"] == "Algemene wet bestuursrecht"
    scheme = client.get(f"/v1/schemes/{body['scheme']['id']}").json()
    assert scheme["iri"] == body["scheme"]["iri"]
    assert body["status"] == "vastgesteld"


def test_versions_and_what_the_text_said_on_a_date(client: TestClient) -> None:
    body = get(client, WIJN)
    versions = body["versions"]
    assert len(versions) >= 2
    assert body["definition"] == versions[-1]["definition"]
    assert versions[-1]["valid_to"] is None
    for older, newer in pairwise(versions):
        end = date.fromisoformat(older["valid_to"])
        assert date.fromisoformat(newer["valid_from"]) == end + timedelta(days=1)
        assert get(client, WIJN, on=end.isoformat())["definition"] == older["definition"]
        assert get(client, WIJN, on=newer["valid_from"])["definition"] == newer["definition"]
    old = get(client, WIJN, on="2001-01-01")
    assert old["definition"].startswith("de drank, die door alcoholische gisting is verkregen")
    assert old["on"] == {"date": "2001-01-01", "version": versions[0]}
    assert get(client, WIJN, on="2015-06-01")["definition"].startswith("de categorieën alcoholhoudende dranken")


def test_a_term_that_was_dropped_is_not_found_afterwards(client: TestClient) -> None:
    inspecteur = get(client, f"{DHW}/inspecteur")
    end = inspecteur["versions"][-1]["valid_to"]
    assert end is not None
    assert get(client, f"{DHW}/inspecteur", on=end)["definition"]
    after = (date.fromisoformat(end) + timedelta(days=1)).isoformat()
    response = client.get(f"/v1/definitions/{DHW}/inspecteur", params={"on": after})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert after in response.json()["detail"]


@pytest.mark.parametrize("day", ["1990-01-01", "1999-12-31"])
def test_before_the_first_version_is_404(client: TestClient, day: str) -> None:
    response = client.get(f"/v1/definitions/{WIJN}", params={"on": day})
    assert response.status_code == 404 and "did not exist" in response.json()["detail"]


@pytest.mark.parametrize("day", ["2015-02-30", "20150101", "2015-1-1", "gisteren", ""])
def test_malformed_date_is_400(client: TestClient, day: str) -> None:
    response = client.get(f"/v1/definitions/{WIJN}", params={"on": day})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"


def test_same_term_across_sources(client: TestClient) -> None:
    awb = get(client, f"{AWB}/overtreding")
    dhw = get(client, f"{DHW}/overtreding")
    assert dhw["id"] in {d["id"] for d in awb["same_term"]}
    assert awb["id"] in {d["id"] for d in dhw["same_term"]}
    for other in awb["same_term"]:
        assert term_key(other["term"]) == term_key(awb["term"]) and other["id"] != awb["id"]


def test_same_term_between_schemes_of_other_publishers(client: TestClient) -> None:
    imgeo = client.get("/v1/schemes").json()["items"]
    ids = {s["label"]: s["id"] for s in imgeo}
    page = client.get(f"/v1/schemes/{ids['Begrippenkader van Netbeheer Nederland']}", params={"limit": 1000}).json()
    installatie = next(c for c in page["concepts_page"]["items"] if c["term"] == "installatie")
    body = get(client, installatie["id"])
    assert {o["scheme"]["label"] for o in body["same_term"]} == {"Model"}  # IMGeo's scheme label


def _ids(client: TestClient, label: str) -> dict[str, str]:
    schemes = {s["label"]: s["id"] for s in client.get("/v1/schemes").json()["items"]}
    page = client.get(f"/v1/schemes/{schemes[label]}", params={"limit": 1000}).json()
    return {c["iri"]: c["id"] for c in page["concepts_page"]["items"]}


@pytest.mark.parametrize(("file", "label", "predicate"), [
    (IMGEO_FILE, "Model", ISOTHES.broaderGeneric),  # IMGeo states the ISO 25964 generic relation
    (NETBEHEER_FILE, "Begrippenkader van Netbeheer Nederland", SKOS.broader),
])
def test_broader_and_narrower_agree_with_the_source(
    client: TestClient, shared_data: Path, file: str, label: str, predicate: rdflib.URIRef,
) -> None:
    source = rdflib.Graph().parse(shared_data / file)
    pairs = [(s, o) for s, o in source.subject_objects(predicate) if (o, SKOS.definition, None) in source]
    assert pairs
    ids = _ids(client, label)
    for child, parent in pairs[:5]:
        assert str(parent) in {b["iri"] for b in get(client, ids[str(child)])["broader"]}
        up = get(client, ids[str(parent)])
        assert str(child) in {n["iri"] for n in up["narrower"]}
        assert all(n["term"] for n in up["narrower"])


def test_related_is_symmetric(client: TestClient, shared_data: Path) -> None:
    source = rdflib.Graph().parse(shared_data / NETBEHEER_FILE)
    one, other = next(iter(source.subject_objects(SKOS.related)))
    ids = _ids(client, "Begrippenkader van Netbeheer Nederland")
    assert str(other) in {r["iri"] for r in get(client, ids[str(one)])["related"]}
    assert str(one) in {r["iri"] for r in get(client, ids[str(other)])["related"]}


def test_turtle_jsonld_and_ntriples_describe_the_same_definition(client: TestClient) -> None:
    body = get(client, WIJN)
    graphs = {}
    for media, fmt in (("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                       ("application/n-triples", "nt")):
        response = client.get(f"/v1/definitions/{WIJN}", headers={"accept": media})
        assert response.status_code == 200 and response.headers["content-type"].startswith(media)
        graphs[fmt] = rdflib.Graph().parse(data=response.content, format=fmt)
    concept = rdflib.URIRef(body["iri"])
    assert str(graphs["turtle"].value(concept, SKOS.definition)) == body["definition"]
    assert len(set(graphs["turtle"].objects(concept, STG.versie))) == len(body["versions"])
    assert rdflib.compare.isomorphic(graphs["turtle"], graphs["json-ld"])
    assert rdflib.compare.isomorphic(graphs["turtle"], graphs["nt"])
    compacted = json.loads(client.get(f"/v1/definitions/{WIJN}", headers={"accept": "application/ld+json"}).text)
    assert compacted["@context"]["skos"] == str(SKOS)  # the project's own context, inline


def test_rdf_on_a_date_keeps_only_that_version(client: TestClient) -> None:
    response = client.get(f"/v1/definitions/{WIJN}", params={"on": "2001-01-01"}, headers={"accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    versions = list(graph.objects(None, STG.versie))
    assert len(versions) == 1
    assert str(graph.value(versions[0], SKOS.definition)).startswith("de drank, die door alcoholische gisting")


def test_unacceptable_media_type_is_406(client: TestClient) -> None:
    response = client.get(f"/v1/definitions/{WIJN}", headers={"accept": "application/xml"})
    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(("ref", "status"), [
    (f"{AWB}/geen-begrip", 404), ("iri-aHR0cDovL2V4YW1wbGUub3JnL3g", 404), ("check", 404),
    ("iri-%%%", 400), ("iri-!!", 400), (f"{AWB}/met spatie", 400), (f"{AWB}/", 404),
])
def test_unknown_and_malformed_ids(client: TestClient, ref: str, status: int) -> None:
    response = client.get(f"/v1/definitions/{ref}")
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"


def test_a_scheme_is_not_a_definition(client: TestClient) -> None:
    scheme_iri = get(client, BESTUURSORGAAN)["scheme"]["iri"]
    response = client.get(f"/v1/definitions/{definition_ref('https://stelselgraaf.nl/', scheme_iri)}")
    assert response.status_code == 404


def test_get_on_check_is_no_definition_and_history_is_not_read_as_an_id(client: TestClient) -> None:
    check = client.get("/v1/definitions/check")
    assert check.status_code == 404 and check.json()["detail"] == "no definition with id check"
    history = client.get(f"/v1/definitions/{WIJN}/history")
    assert history.status_code in (200, 404)
    assert "same_term" not in history.json()  # never this handler's definition page


def test_definitions_route_is_registered_after_every_other_v1_route(client: TestClient) -> None:
    paths = list(client.get("/v1/openapi.json").json()["paths"])  # in registration (= matching) order
    assert paths[-1] == "/definitions/{ref}"  # relative to the server /v1


def test_post_check_is_not_shadowed(client: TestClient) -> None:
    response = client.post("/v1/definitions/check", json={"term": "bestuursorgaan", "definition": "een orgaan"})
    assert response.status_code not in (404, 405)


def test_on_every_store_backend(store: GraphStore, shared_data: Path) -> None:
    """The same answers from memory, disk and a remote `oxigraph serve` (bindings as VALUES)."""
    load(store, [shared_data / "bwb-toestand-2015" / DHW], name="dhw", fmt="bwb")
    with TestClient(create_app(store.settings, store)) as on_store:
        assert get(on_store, WIJN, on="2001-01-01")["definition"].startswith("de drank, die door alcoholische")
        assert len(get(on_store, WIJN)["versions"]) >= 2
        listed = on_store.get("/v1/schemes").json()["items"]
        assert [(s["id"], s["source"]) for s in listed] == [(f"bwb-{DHW}", "dhw")]
        scheme = on_store.get(f"/v1/schemes/bwb-{DHW}", params={"limit": 5}).json()
        assert scheme["concepts_page"]["total"] == listed[0]["concepts"] > 15
