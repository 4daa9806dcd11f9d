"""A served process builds what it answers from before it takes requests, and imports little."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from graph.open import open_store
from graph.settings import Settings
from loaders.pipeline import load

DATA = Path(__file__).resolve().parents[1] / "data"


def test_the_indexes_are_built_before_the_first_request(tmp_path: Path) -> None:
    settings = Settings(store=str(tmp_path / "store"), auth_db=str(tmp_path / "auth.sqlite"), sparql_workers=1)
    store = open_store(settings)
    load(store, [DATA / "concepts.ttl"], name="begrippen")
    store.close()
    with TestClient(create_app(settings)) as client:  # owns its store: a served process
        state = client.app.state.store.state  # type: ignore[attr-defined]
        generation = client.app.state.store.generation()  # type: ignore[attr-defined]
        assert state.built_for("search") == generation  # before any search was asked
        assert client.get("/v1/definitions", params={"q": "pand"}).json()["total"] >= 1


def test_importing_the_app_does_not_import_networkx() -> None:
    code = "import sys, api.app; print('networkx' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.strip() == "False"
