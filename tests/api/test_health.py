"""GET /v1/health: counts follow the store's writes although they are cached between them."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from graph.store.base import GraphStore
from loaders.pipeline import load

DATA = Path(__file__).resolve().parents[1] / "data"


def test_counts_are_fresh_after_every_load(store: GraphStore) -> None:
    with TestClient(create_app(store.settings, store)) as client:
        before = client.get("/v1/health").json()
        assert client.get("/v1/health").json() == before
        load(store, [DATA / "concepts.ttl"], name="begrippen")
        after = client.get("/v1/health").json()
    assert after["sources"] == before["sources"] + 1
    assert after["quads"] > before["quads"]
    assert after["graphs"] > before["graphs"]
