"""Registers, object types, relations, paths and the stelselplaat, on the real seed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.seeded import seeded_client

ABBREVIATIONS = {"BRP", "NHR", "BAG", "BRK", "BRT", "BGT", "BRO", "WOZ", "BRV", "BRI", "BLAU"}


@pytest.fixture(scope="module")
def seeded() -> Iterator[TestClient]:
    with seeded_client() as client:
        yield client


def test_registers_lists_the_eleven(seeded: TestClient) -> None:
    body = seeded.get("/v1/registers").json()
    assert body["total"] == 11
    assert {r["afkorting"] for r in body["items"]} == ABBREVIATIONS
    brp = next(r for r in body["items"] if r["id"] == "brp")
    assert brp["iri"] == "https://stelselgraaf.nl/id/register/brp"
    assert brp["categorie"] == "persoon" and brp["houder"]["label"]
    assert brp["grondslag"][0]["iri"].endswith("BWBR0033715")


def test_register_detail_has_objecttypes_and_relations(seeded: TestClient) -> None:
    body = seeded.get("/v1/registers/bag").json()
    ids = {o["id"] for o in body["objecttypen"]}
    assert "bag-verblijfsobject" in ids and "bag-pand" in ids
    assert body["inkomend"] and body["uitgaand"]
    assert all(r["naar"]["register"] == "bag" for r in body["inkomend"])


def test_unknown_ids_are_404_problems(seeded: TestClient) -> None:
    for path in ("/v1/registers/xyz", "/v1/objecttypes/xyz"):
        response = seeded.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/problem+json")


def test_objecttype_detail(seeded: TestClient) -> None:
    body = seeded.get("/v1/objecttypes/bag-verblijfsobject").json()
    assert body["register"] == "bag"
    assert body["definitie"].startswith("Kleinste")
    assert body["identificatieschema"]["voorbeeld"] == "0221010000330226"
    assert any(r["naar"]["objecttype"] == "bag-pand" for r in body["uitgaand"])


def test_relations(seeded: TestClient) -> None:
    body = seeded.get("/v1/relations").json()
    assert body["total"] >= 40
    rel = body["items"][0]
    assert {"id", "label", "van", "naar", "kardinaliteit", "authentiek", "grondslag"} <= set(rel)
    assert {"objecttype", "register"} <= set(rel["van"])


def test_path_from_brp_to_brk_with_legal_basis(seeded: TestClient) -> None:
    response = seeded.get("/v1/relations/paths", params={
        "from": "brp-ingeschrevene", "to": "brk-kadastraal-perceel", "max_hops": 4})
    assert response.status_code == 200
    paths = response.json()["items"]
    assert paths
    lengths = [p["lengte"] for p in paths]
    assert lengths == sorted(lengths) and max(lengths) <= 4
    first = paths[0]
    assert first["objecttypen"][0] == "brp-ingeschrevene"
    assert first["objecttypen"][-1] == "brk-kadastraal-perceel"
    for hop in first["stappen"]:
        assert hop["grondslag"] and hop["label"]
        assert hop["richting"] in ("vooruit", "terug")


@pytest.mark.parametrize("hops", [0, 7])
def test_max_hops_out_of_range_is_400(seeded: TestClient, hops: int) -> None:
    response = seeded.get("/v1/relations/paths", params={
        "from": "brp-ingeschrevene", "to": "brk-kadastraal-perceel", "max_hops": hops})
    assert response.status_code == 400


def test_path_with_unknown_objecttype_is_404(seeded: TestClient) -> None:
    response = seeded.get("/v1/relations/paths", params={"from": "nope", "to": "bag-pand"})
    assert response.status_code == 404


def test_stelselplaat_svg(seeded: TestClient) -> None:
    response = seeded.get("/v1/registers/graph.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = {el.text for el in root.iter("{http://www.w3.org/2000/svg}text")}
    assert texts >= ABBREVIATIONS
    assert len(list(root.iter("{http://www.w3.org/2000/svg}line"))) >= 5


def test_max_hops_in_camel_case_and_old_spelling_agree(seeded: TestClient) -> None:
    query = {"from": "brp-ingeschrevene", "to": "brk-kadastraal-perceel"}
    camel = seeded.get("/v1/relations/paths", params={**query, "maxHops": 3}).json()
    snake = seeded.get("/v1/relations/paths", params={**query, "max_hops": 3}).json()
    del camel["_links"], snake["_links"]  # each links to the request as it was written
    assert camel == snake and camel["max_hops"] == 3
    assert camel != seeded.get("/v1/relations/paths", params={**query, "maxHops": 1}).json()


@pytest.mark.shared_data
def test_every_object_type_the_relations_name_has_a_page(shared_data: Path, tmp_path: Path) -> None:
    """Regression: /v1/objecttypes/{id} was 404 for the amsterdam-schema tables /v1/relations lists
    (they have no register in the catalogue)."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from graph.open import open_store
    from graph.settings import Settings
    from loaders.pipeline import load
    from loaders.seed import load_seed
    from tests.loaders.test_amsterdam_schema import _copy

    store = open_store(Settings(store=":memory:", auth_db=str(tmp_path / "auth.sqlite")))
    list(load_seed(store))
    load(store, [_copy(shared_data / "amsterdam-schema", tmp_path, "woz", "bag", "brk2", "gebieden")], name="amsterdam",
         fmt="amsterdam-schema")
    with TestClient(create_app(store.settings, store)) as client:
        ends = {e for r in client.get("/v1/relations").json()["items"] for e in (r["van"]["objecttype"],
                                                                                 r["naar"]["objecttype"])}
        assert any(e.startswith("as-") for e in ends)
        missing = [e for e in sorted(ends) if client.get(f"/v1/objecttypes/{e}").status_code != 200]
        assert missing == []
    store.close()
