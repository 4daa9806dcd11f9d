"""GET /v1/definitions/{id}/history: versions of law definitions (toestand) and of edited ones."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.open import open_store
from graph.settings import Settings
from loaders.pipeline import load

WIJN = "BWBR0002458/wijn"


@pytest.fixture(scope="module")
def client(shared_data: Path) -> Iterator[TestClient]:
    store = open_store(Settings(store=":memory:"))
    load(store, [shared_data / "bwb-toestand-2015" / "BWBR0002458"], name="dhw", fmt="bwb")
    try:
        with TestClient(create_app(store.settings, store)) as test_client:
            yield test_client
    finally:
        store.close()


def test_law_versions_are_listed_oldest_first_with_diffs(client: TestClient) -> None:
    body = client.get(f"/v1/definitions/{WIJN}/history").json()
    versions = body["versions"]
    assert len(versions) >= 2
    starts = [v["valid_from"] for v in versions]
    assert starts == sorted(starts) and versions[-1]["valid_to"] is None
    assert versions[-1]["definition"] == body["current_definition"]
    assert versions[0]["changes"][0]["field"] == "definition" and versions[0]["changes"][0]["old"] is None
    for older, newer in pairwise(versions):
        if older["definition"] != newer["definition"]:
            assert {"field": "definition", "old": older["definition"], "new": newer["definition"]} in newer["changes"]


def test_on_lists_the_versions_up_to_that_day(client: TestClient) -> None:
    everything = client.get(f"/v1/definitions/{WIJN}/history").json()["versions"]
    second_start = everything[1]["valid_from"]
    upto = client.get(f"/v1/definitions/{WIJN}/history", params={"on": second_start}).json()["versions"]
    assert [v["iri"] for v in upto] == [v["iri"] for v in everything[:2]]
    assert client.get(f"/v1/definitions/{WIJN}/history", params={"on": "1900-01-01"}).json()["versions"] == []


def test_bad_date_and_unknown_definition_are_problems(client: TestClient) -> None:
    bad = client.get(f"/v1/definitions/{WIJN}/history", params={"on": "2015-02-30"})
    assert bad.status_code == 400 and bad.headers["content-type"] == "application/problem+json"
    missing = client.get("/v1/definitions/BWBR0002458/bestaat-niet/history")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


def test_history_and_definition_routes_both_answer(client: TestClient) -> None:
    # the definitions route ({ref:path}) would answer …/history with 404 if it were matched first
    assert client.get(f"/v1/definitions/{WIJN}/history").json()["iri"].endswith("/" + WIJN)
    assert client.get(f"/v1/definitions/{WIJN}").json()["term"] == "wijn"
    paths = client.get("/v1/openapi.json").json()["paths"]
    assert "/definitions/{ref}/history" in paths and "/definitions/{ref}" in paths
