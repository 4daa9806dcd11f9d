"""Operations while serving: admin endpoints for loads, unloads, backups and exports, and the CLI
handing those commands to the running service instead of failing on the store's lock."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.open import open_store
from graph.settings import Settings
from graph.store import backup as backups
from graph.trust import ROLES, TokenStore
from tests.faults.server import STELSELGRAAF, Server

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass
class Ops:
    client: TestClient
    settings: Settings
    headers: dict[str, dict[str, str]]
    imports: Path


@pytest.fixture
def ops(tmp_path: Path) -> Iterator[Ops]:
    imports = tmp_path / "import"
    imports.mkdir()
    (imports / "begrippen.ttl").write_bytes((DATA / "concepts.ttl").read_bytes())
    settings = Settings(store=":memory:", auth_db=str(tmp_path / "auth.sqlite"), import_dirs=[str(imports)],
                        backup_dir=str(tmp_path / "backups"))
    tokens = TokenStore(Path(settings.auth_db))
    headers = {role: {"Authorization": f"Bearer {tokens.create(role, role, '2026-01-01T00:00:00Z')[0]}"}
               for role in ROLES}
    store = open_store(settings)
    try:
        with TestClient(create_app(settings, store)) as client:
            yield Ops(client, settings, headers, imports)
    finally:
        store.close()


def _done(ops: Ops, location: str) -> dict[str, object]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = ops.client.get(location, headers=ops.headers["admin"]).json()
        if job["status"] in ("klaar", "mislukt"):
            return job  # type: ignore[no-any-return]
        time.sleep(0.05)
    raise AssertionError(f"job {location} did not finish")


def test_only_admins_load_and_only_from_the_import_folders(ops: Ops, tmp_path: Path) -> None:
    body = {"paths": [str(ops.imports / "begrippen.ttl")]}
    assert ops.client.post("/v1/sources/kader", json=body).status_code == 401
    assert ops.client.post("/v1/sources/kader", json=body, headers=ops.headers["editor"]).status_code == 403
    outside = tmp_path / "elders.ttl"
    outside.write_bytes((DATA / "concepts.ttl").read_bytes())
    refused = ops.client.post("/v1/sources/kader", json={"paths": [str(outside)]}, headers=ops.headers["admin"])
    assert refused.status_code == 403 and refused.headers["content-type"] == "application/problem+json"
    sneaky = ops.client.post("/v1/sources/kader", json={"paths": [str(ops.imports / ".." / "elders.ttl")]},
                             headers=ops.headers["admin"])
    assert sneaky.status_code == 403
    assert ops.client.get("/v1/sources").json()["total"] == 0


def test_a_load_is_a_job_with_progress_then_an_unload(ops: Ops) -> None:
    started = ops.client.post("/v1/sources/kader", json={"paths": [str(ops.imports / "begrippen.ttl")]},
                              headers=ops.headers["admin"])
    assert started.status_code == 202 and started.headers["location"] == f"/v1/jobs/{started.json()['id']}"
    job = _done(ops, started.headers["location"])
    assert job["status"] == "klaar" and job["result"]["triples"] == job["progress"] > 0  # type: ignore[index]
    assert [s["name"] for s in ops.client.get("/v1/sources").json()["items"]] == ["kader"]
    listed = ops.client.get("/v1/jobs", headers=ops.headers["admin"]).json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == job["id"]
    gone = _done(ops, ops.client.delete("/v1/sources/kader", headers=ops.headers["admin"]).headers["location"])
    assert gone["result"] == {"removed": True}
    assert ops.client.get("/v1/sources").json()["total"] == 0


def test_a_failed_load_is_a_failed_job_and_changes_nothing(ops: Ops) -> None:
    (ops.imports / "kapot.ttl").write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n", "utf-8")
    job = _done(ops, ops.client.post("/v1/sources/kapot", json={"paths": [str(ops.imports / "kapot.ttl")]},
                                     headers=ops.headers["admin"]).headers["location"])
    assert job["status"] == "mislukt" and "kapot.ttl" in str(job["error"])
    assert ops.client.get("/v1/sources").json()["total"] == 0
    assert ops.client.get("/v1/jobs/" + "0" * 32, headers=ops.headers["admin"]).status_code == 404


def test_an_online_backup_restores_to_an_identical_dump(ops: Ops, tmp_path: Path) -> None:
    _done(ops, ops.client.post("/v1/sources/kader", json={"paths": [str(ops.imports / "begrippen.ttl")]},
                               headers=ops.headers["admin"]).headers["location"])
    exported = ops.client.get("/v1/export", headers=ops.headers["admin"])
    assert exported.status_code == 200 and exported.headers["content-type"] == "application/n-quads"
    job = _done(ops, ops.client.post("/v1/backups", json={"name": "nacht"}, headers=ops.headers["admin"])
                .headers["location"])
    assert job["status"] == "klaar"
    fresh = open_store(Settings(store=str(tmp_path / "hersteld"), read_replica=False))
    try:
        backups.restore(fresh, Path(ops.settings.backup_dir) / "nacht")
        assert backups.canonical_dump(fresh) == exported.content
    finally:
        fresh.close()
    again = ops.client.post("/v1/backups", json={"name": "nacht"}, headers=ops.headers["admin"])
    assert again.status_code == 400


class ServingServer(Server):
    imports: Path = Path()

    def env(self) -> dict[str, str]:
        return {**super().env(), "STELSELGRAAF_IMPORT_DIRS": json.dumps([str(self.imports)])}

    def run(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([str(STELSELGRAAF), *args], env=self.env(), capture_output=True, timeout=120)


@pytest.mark.slow
def test_the_cli_hands_its_work_to_the_running_service(tmp_path: Path) -> None:
    server = ServingServer(tmp_path)
    server.imports = tmp_path / "import"
    server.imports.mkdir()
    source = server.imports / "begrippen.ttl"
    source.write_bytes((DATA / "concepts.ttl").read_bytes())
    server.start()
    try:
        loaded = server.run("load", str(source), "--source", "kader")
        assert loaded.returncode == 0, loaded.stderr
        assert b"handing 'load'" in loaded.stderr and b"loaded" in loaded.stderr
        assert b"kader\trdf" in server.run("sources").stdout
        asked = server.run("query", "ASK { ?s a <http://www.w3.org/2004/02/skos/core#Concept> }",
                           "--accept", "application/sparql-results+json")
        assert asked.returncode == 0 and b"true" in asked.stdout
        exported = server.run("export").stdout
        assert server.run("backup", str(tmp_path / "back-up")).returncode == 0
        assert server.run("load", str(tmp_path / "elders.ttl")).returncode == 2  # outside the import folders
    finally:
        server.stop()
    restored = server.run("--store", str(tmp_path / "hersteld"), "restore", str(tmp_path / "back-up"))
    assert restored.returncode == 0, restored.stderr
    assert server.run("--store", str(tmp_path / "hersteld"), "export").stdout == exported
    tokens = TokenStore(tmp_path / "auth.sqlite").records()
    assert tokens and all(not t.active for t in tokens)  # every hand-over token was revoked
