"""A client on an in-memory store with real laws and begrippenkaders loaded (for the
definitions, schemes and validate API tests)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from graph.open import open_store
from graph.settings import Settings
from graph.store.base import GraphStore
from loaders.pipeline import load
from loaders.seed import load_seed

AWB = "BWBR0005537"
DHW = "BWBR0002458"
IMGEO_FILE = "val-nl-sbb-imgeo/tmp-imgeo.ttl"
NETBEHEER_FILE = "netbeheer-begrippen/begrippenkader.ttl"


def load_begrippen(store: GraphStore, data: Path) -> None:
    """The seed, IMGeo, Netbeheer, the Awb (2012 format) and the Drank- en Horecawet (toestand)."""
    list(load_seed(store))
    load(store, [data / IMGEO_FILE], name="imgeo", fmt="rdf")
    load(store, [data / NETBEHEER_FILE], name="netbeheer", fmt="rdf")
    load(store, [data / "bwb-wettenbestand-2012" / "xml" / f"{AWB}.xml"], name="awb", fmt="bwb")
    load(store, [data / "bwb-toestand-2015" / DHW], name="dhw", fmt="bwb")


@contextmanager
def begrippen_client(data: Path, **settings: object) -> Iterator[TestClient]:
    store = open_store(Settings(store=":memory:", **settings))  # type: ignore[arg-type]
    load_begrippen(store, data)
    try:
        with TestClient(create_app(store.settings, store)) as client:
            yield client
    finally:
        store.close()
