"""The W3C Reconciliation Service API JSON Schemas (../shared/data/w3c-reconciliation-api), as
validators, and a client on a store with the seed, the BAG test extract and the 2012 laws."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from api.app import create_app
from graph.open import open_store
from graph.settings import Settings
from loaders.pipeline import load
from loaders.seed import load_seed

BAG_EXTRACT = "nlextract-bagv2/data/lv/BAGNLDL-15092020-small-expand"


class Schemas:
    """Every schema of one version in one registry keyed by ``$id`` (they cross-reference)."""

    def __init__(self, data: Path, version: str) -> None:
        self.version = version
        folder = data / "w3c-reconciliation-api" / version / "schemas"
        files = {p.stem: json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))}
        self.ids = {name: doc["$id"] for name, doc in files.items()}
        """File name → ``$id`` (not always alike: 0.2's property proposal has the draft's ``$id``)."""
        docs = files.values()
        self.registry: Registry = Registry().with_resources(  # type: ignore[call-arg]
            (d["$id"], Resource.from_contents(d, default_specification=DRAFT7)) for d in docs)

    def errors(self, name: str, document: Any) -> list[str]:
        schema = self.registry.contents(self.ids[name])
        validator = Draft7Validator(schema, registry=self.registry)
        return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]

    def check(self, name: str, document: Any) -> Any:
        """``document`` when it is valid against the schema ``name``; the errors otherwise."""
        errors = self.errors(name, document)
        assert errors == [], errors
        return document


@contextmanager
def reconcile_client(data: Path) -> Iterator[TestClient]:
    store = open_store(Settings(store=":memory:"))
    list(load_seed(store))
    load(store, [data / BAG_EXTRACT], name="bag")
    load(store, [data / "bwb-wettenbestand-2012" / "xml"], name="wetten", fmt="bwb")
    try:
        with TestClient(create_app(store.settings, store)) as client:
            yield client
    finally:
        store.close()
