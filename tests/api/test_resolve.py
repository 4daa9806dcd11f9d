"""Resolving identifiers and the NL URI strategy (/id → 303 → /doc), on the real seed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.api.seeded import seeded_client

BAG_VBO = "0221010000330226"
TEST_BSN = "999993653"


@pytest.fixture(scope="module")
def seeded() -> Iterator[TestClient]:
    with seeded_client() as client:
        yield client


def test_get_unknown_bag_instance_is_404_with_canonical_iri(seeded: TestClient) -> None:
    response = seeded.get("/v1/resolve", params={"id": BAG_VBO})
    assert response.status_code == 404
    body = response.json()
    assert body["canonical_iri"] == (
        "http://bag.basisregistraties.overheid.nl/bag/id/verblijfsobject/" + BAG_VBO)


def test_post_bag_id_gives_register_and_definition(seeded: TestClient) -> None:
    response = seeded.post("/v1/resolve", json={"ids": [BAG_VBO]})
    assert response.status_code == 200
    item = response.json()["resultaten"][0]
    assert item["kind"] == "bag"
    assert item["register"] == {"id": "bag", "label": "Basisregistratie Adressen en Gebouwen"}
    assert item["objecttype"]["id"] == "bag-verblijfsobject"
    assert item["objecttype"]["definition"].startswith("Kleinste")
    assert item["instance"]["found"] is False
    assert {r["id"] for r in item["related_registers"]} >= {"brk", "brp"}


def test_get_catalogue_iri_is_found(seeded: TestClient) -> None:
    response = seeded.get("/v1/resolve", params={"id": "https://stelselgraaf.nl/id/register/brp"})
    assert response.status_code == 200
    instance = response.json()["instance"]
    assert instance["found"] is True
    assert "BRP" in instance["properties"]["https://stelselgraaf.nl/def#afkorting"]


def test_rsin_elfproef_failure_is_400(seeded: TestClient) -> None:
    response = seeded.get("/v1/resolve", params={"id": "123456789"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "elfproef" in response.json()["detail"]


def test_bsn_via_get_is_refused_and_not_echoed(seeded: TestClient) -> None:
    response = seeded.get("/v1/resolve", params={"id": TEST_BSN, "kind": "bsn"})
    assert response.status_code == 400
    assert "only accepted in a POST body" in response.json()["detail"]
    assert TEST_BSN not in response.text


def test_bsn_via_post_is_masked(seeded: TestClient) -> None:
    response = seeded.post("/v1/resolve", json={"ids": [{"id": TEST_BSN, "kind": "bsn"},
                                                        {"id": "999993654", "kind": "bsn"}]})
    assert response.status_code == 200
    assert TEST_BSN not in response.text and "999993654" not in response.text
    ok, bad = response.json()["resultaten"]
    assert ok["canonical_iri"] is None and ok["register"]["id"] == "brp"
    assert ok["objecttype"]["id"] == "brp-ingeschrevene"
    assert "error" in bad


def test_batch_has_per_item_errors(seeded: TestClient) -> None:
    response = seeded.post("/v1/resolve", json={"ids": ["123456789", "69599084"]})
    assert response.status_code == 200
    first, second = response.json()["resultaten"]
    assert "elfproef" in first["error"]
    assert second["register"]["id"] == "nhr"


def test_batch_limit(seeded: TestClient) -> None:
    ids = [f"0221010000{n:06d}" for n in range(1000)]
    response = seeded.post("/v1/resolve", json={"ids": ids})
    assert response.status_code == 200
    assert response.json()["aantal"] == 1000
    response = seeded.post("/v1/resolve", json={"ids": [*ids, "69599084"]})
    assert response.status_code == 400


def test_id_redirects_to_doc(seeded: TestClient) -> None:
    response = seeded.get("/id/register/brp", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/doc/register/brp"


def test_doc_turtle_and_html(seeded: TestClient) -> None:
    turtle = seeded.get("/id/register/brp", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert "Basisregistratie Personen" in turtle.text
    html = seeded.get("/doc/register/brp", headers={"Accept": "text/html"})
    assert html.headers["content-type"].startswith("text/html")
    assert "Beschrijving van" in html.text and "voorkeursnaam" in html.text


def test_doc_jsonld_and_ntriples(seeded: TestClient) -> None:
    for media in ("application/ld+json", "application/n-triples"):
        response = seeded.get("/doc/objecttype/bag-pand", headers={"Accept": media})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media)


def test_doc_unknown_is_404_problem(seeded: TestClient) -> None:
    response = seeded.get("/doc/register/nope")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


# ---------------------------------------------------------------- 9 digits may be a BSN

RSIN_VALID = "999993653"  # passes the elfproef: an RSIN or a BSN, nobody can tell


def test_batch_masks_nine_digits_without_explicit_rsin(seeded: TestClient) -> None:
    ids = [RSIN_VALID, "999 993 653", "123456789", {"id": RSIN_VALID, "kind": "kvk"}]
    response = seeded.post("/v1/resolve", json={"ids": ids})
    assert response.status_code == 200
    assert "999993653" not in response.text and "999 993 653" not in response.text
    assert "123456789" not in response.text
    plain, spaced, bad, wrong_kind = response.json()["resultaten"]
    for item in (plain, spaced):
        assert item["input"] == "*********" and item["value"] is None
        assert item["canonical_iri"] is None and item["kind"] == "rsin"
        assert item["register"]["id"] == "nhr" and "BSN" in item["note"]
    assert bad["input"] == "*********" and "elfproef" in bad["error"]
    assert wrong_kind["input"] == "*********" and "withheld" in wrong_kind["error"]


def test_batch_explicit_rsin_is_echoed(seeded: TestClient) -> None:
    response = seeded.post("/v1/resolve", json={"ids": [{"id": RSIN_VALID, "kind": "rsin"},
                                                        {"id": "123456789", "kind": "rsin"}]})
    good, bad = response.json()["resultaten"]
    assert good["input"] == RSIN_VALID and good["value"] == RSIN_VALID
    assert good["canonical_iri"] == "https://stelselgraaf.nl/id/rsin/" + RSIN_VALID
    assert "note" not in good
    assert bad["input"] == "123456789" and "weighted sum" in bad["error"]


def test_batch_other_lengths_are_echoed(seeded: TestClient) -> None:
    response = seeded.post("/v1/resolve", json={"ids": ["69599084", "1234567890"]})
    kvk, ten = response.json()["resultaten"]
    assert kvk["input"] == "69599084" and kvk["canonical_iri"].endswith("/id/kvk/69599084")
    assert ten["input"] == "1234567890" and "10 digits" in ten["error"]


def test_batch_instance_data_comes_from_one_lookup(seeded: TestClient) -> None:
    brp = "https://stelselgraaf.nl/id/register/brp"
    ids = [f"0221010000{n:06d}" for n in range(600)]
    ids[550] = brp  # beyond the first lookup chunk
    results = seeded.post("/v1/resolve", json={"ids": ids}).json()["resultaten"]
    found = [r["input"] for r in results if r["instance"]["found"]]
    assert found == [brp]
    assert "BRP" in results[550]["instance"]["properties"]["https://stelselgraaf.nl/def#afkorting"]


def test_catalogue_is_reread_after_a_write(seeded: TestClient) -> None:
    from graph.rdf.terms import Literal, NamedNode, Quad

    before = seeded.get("/v1/resolve", params={"id": "https://stelselgraaf.nl/id/register/brp"})
    assert before.status_code == 200
    store = seeded.app.state.store  # type: ignore[attr-defined]
    generation = store.generation()
    graph = NamedNode("https://stelselgraaf.nl/graph/test-resolve")
    iri = NamedNode("https://stelselgraaf.nl/id/test/nieuw")
    store.stage(graph, [Quad(iri, NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                             Literal("nieuw"), graph)])
    store.update("DROP SILENT GRAPH <urn:stelselgraaf:nothing>")  # a committed write
    assert store.generation() != generation
    after = seeded.get("/v1/resolve", params={"id": iri.value})
    assert after.status_code == 200 and after.json()["instance"]["found"] is True
    assert store.state.built_for("resolve") == store.generation()


def test_batch_without_instance_data_only_says_found(seeded: TestClient) -> None:
    brp = "https://stelselgraaf.nl/id/register/brp"
    response = seeded.post("/v1/resolve", json={"ids": [brp, BAG_VBO, RSIN_VALID], "instance": False})
    known, unknown, masked = response.json()["resultaten"]
    assert known["instance"] == {"found": True}
    assert unknown["instance"] == {"found": False} and unknown["register"]["id"] == "bag"
    assert masked["instance"] == {"found": False} and masked["input"] == "*********"
