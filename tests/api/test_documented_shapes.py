"""Answers the handlers write themselves (orjson on the resolve hot path) match the models that
document them in the OpenAPI document."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.models.resolve import Resolution, Resolutions
from graph.settings import Settings
from tests.api.seeded import seeded_client

BAG_VBO = "0221010000330226"
TEST_BSN = "111222333"


@pytest.fixture(scope="module")
def seeded() -> Iterator[TestClient]:
    with seeded_client() as client:
        yield client


def test_a_resolved_identifier_is_a_resolution(seeded: TestClient) -> None:
    body = seeded.get("/v1/resolve", params={"id": "https://stelselgraaf.nl/id/register/brp"}).json()
    resolved = Resolution.model_validate(body)
    assert resolved.instance.found and resolved.canonical_iri == body["canonical_iri"]


@pytest.mark.parametrize("instance", [True, False])
def test_a_batch_is_resolutions_with_errors_and_masked_values(seeded: TestClient, instance: bool) -> None:
    ids = [BAG_VBO, TEST_BSN, "123456789", {"id": "https://stelselgraaf.nl/id/register/brp"}]
    body = seeded.post("/v1/resolve", json={"ids": ids, "instance": instance}).json()
    answer = Resolutions.model_validate(body)
    assert answer.aantal == len(answer.resultaten) == 4
    assert body["resultaten"][0]["register"]["id"] == "bag"
    assert isinstance(answer.resultaten[0], Resolution) and answer.resultaten[0].register_ is not None


def test_the_documented_models_have_no_field_that_shadows_a_model_method() -> None:
    document = create_app(Settings(store=":memory:")).openapi()
    resolution = document["components"]["schemas"]["Resolution"]
    assert "register" in resolution["required"]
