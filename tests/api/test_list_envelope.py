"""Every list answers in one envelope (total, limit, offset, items, HAL _links), documented once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from loaders.pipeline import load
from loaders.seed import load_seed
from tests.api.authed import Authed, authed_client

DATA = Path(__file__).resolve().parents[1] / "data" / "conflicts" / "begrippen.ttl"
LISTS = ["/v1/definitions", "/v1/conflicts", "/v1/schemes", "/v1/registers", "/v1/relations", "/v1/sources",
         "/v1/changes", "/v1/audit", "/v1/relations/paths?from=brp-ingeschrevene&to=brk-kadastraal-perceel"]


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Authed]:
    with authed_client(tmp_path_factory.mktemp("envelope")) as ctx:
        list(load_seed(ctx.store))
        load(ctx.store, [DATA], name="kaders", fmt="rdf")
        yield ctx


@pytest.mark.parametrize("url", LISTS)
def test_every_list_has_the_one_envelope(api: Authed, url: str) -> None:
    body = api.client.get(url, headers=api.as_role("admin")).json()
    assert {"total", "limit", "offset", "items", "_links"} <= set(body)
    assert len(body["items"]) <= body["limit"] or body["total"] == 0
    links = body["_links"]
    assert {"self", "first", "last"} <= set(links) <= {"self", "first", "last", "prev", "next"}
    assert all(set(link) == {"href"} and link["href"].startswith(url.split("?")[0]) for link in links.values())


def test_paging_links_keep_the_query_and_set_limit_and_offset(api: Authed) -> None:
    body = api.client.get("/v1/conflicts", params={"status": "open", "limit": 2, "offset": 2}).json()
    assert body["total"] > 4
    links = body["_links"]
    assert links["self"]["href"] == "/v1/conflicts?status=open&limit=2&offset=2"
    assert links["prev"]["href"].endswith("limit=2&offset=0") and links["next"]["href"].endswith("offset=4")
    last_offset = (body["total"] - 1) // 2 * 2
    assert links["first"]["href"].endswith("offset=0") and links["last"]["href"].endswith(f"offset={last_offset}")
    last = api.client.get(links["last"]["href"]).json()
    assert "next" not in last["_links"] and last["offset"] == last_offset and last["items"]


def test_the_envelope_is_one_schema_in_the_openapi_document(api: Authed) -> None:
    document = api.client.get("/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    pages = [name for name, schema in schemas.items() if "_links" in schema.get("properties", {})]
    assert len(pages) >= len(LISTS) - 1
    for name in pages:
        properties = schemas[name]["properties"]
        assert {"total", "limit", "offset", "items"} <= set(properties), name
        assert properties["_links"] == {"$ref": "#/components/schemas/PageLinks"}, name
