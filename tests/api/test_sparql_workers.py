"""SPARQL workers start once, with the service, and their start never counts as query time."""

from __future__ import annotations

import multiprocessing as mp
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from graph.open import open_store
from graph.settings import Settings
from loaders.pipeline import load

DATA = Path(__file__).resolve().parents[1] / "data"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SHORT_LIMIT = 1.0
"""Far more than a query on a few triples takes, less than starting a worker under load."""


def _children() -> set[int]:
    return {p.pid for p in mp.active_children() if p.pid is not None}


def _count(client: TestClient) -> int:
    response = client.get("/v1/sparql", params={"query": COUNT})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_served_app_starts_its_workers_before_the_first_query() -> None:
    before = _children()
    settings = Settings(store=":memory:", query_timeout_s=SHORT_LIMIT, sparql_workers=2)
    with TestClient(create_app(settings)) as client:
        assert len(_children() - before) == 2  # started at start-up, no query yet
        assert _count(client) == 0  # the first query: a new checkpoint, opened before the clock starts
        load(client.app.state.store, [DATA / "concepts.ttl"], name="begrippen")  # type: ignore[attr-defined]
        assert _count(client) > 0  # the first after a write: another new checkpoint
    assert not _children() - before  # closed with the app


def test_first_query_on_an_injected_store_is_not_charged_for_the_start() -> None:
    store = open_store(Settings(store=":memory:", query_timeout_s=SHORT_LIMIT))
    load(store, [DATA / "concepts.ttl"], name="begrippen")
    try:
        with TestClient(create_app(store.settings, store)) as client:
            assert _count(client) > 0  # the workers start here, then the query runs
            load(store, [DATA / "concepts.ttl"], name="nogmaals")
            assert _count(client) > 0
    finally:
        store.close()


def test_concurrent_first_queries_start_the_pool_once() -> None:
    """Regression (#16.4): 16 cold concurrent queries used to start 32 workers for a setting of 2.
    (Load shedding is opened wide here: this is about the pool, not about admission.)"""
    store = open_store(Settings(store=":memory:", sparql_workers=2, query_timeout_s=30, inflight_sparql=64,
                                inflight_queue=64, inflight_queue_wait_s=60))
    load(store, [DATA / "concepts.ttl"], name="begrippen")
    before = _children()
    try:
        with TestClient(create_app(store.settings, store)) as client, ThreadPoolExecutor(32) as threads:
            counts = list(threads.map(lambda _: _count(client), range(32)))
            assert len(set(counts)) == 1 and counts[0] > 0
            assert len(_children() - before) <= store.settings.sparql_workers
    finally:
        store.close()
    assert not _children() - before
