"""A client on an in-memory store with the seed (vocabulary + catalogue) loaded."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient

from api.app import create_app
from graph.open import open_store
from graph.settings import Settings
from loaders.seed import load_seed


@contextmanager
def seeded_client() -> Iterator[TestClient]:
    store = open_store(Settings(store=":memory:"))
    list(load_seed(store))
    try:
        with TestClient(create_app(store.settings, store)) as client:
            yield client
    finally:
        store.close()
