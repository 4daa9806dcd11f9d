"""One writer publishing changes while several readers read: no reader sees a half-applied change.

Every read must show a concept whose definition equals its one open (current) version's text,
through the history endpoint (one query) and through public SPARQL (a checkpoint of one
generation).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from graph.trust.tokens import TokenStore
from tests.faults.server import Server

pytestmark = pytest.mark.slow
REF = "stelselgraaf/leesbegrip"
WRITES = 15
READERS = 4
"""Reader 0 reads through public SPARQL, the others through the history endpoint."""
CURRENT = """PREFIX stg: <https://stelselgraaf.nl/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?definition ?versionText WHERE {
  <https://stelselgraaf.nl/id/begrip/stelselgraaf/leesbegrip> skos:definition ?definition ; stg:versie ?v .
  ?v skos:definition ?versionText FILTER NOT EXISTS { ?v stg:geldigTot ?until } }"""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, dict[str, dict[str, str]]]]:
    server = Server(tmp_path)
    tokens = TokenStore(tmp_path / "auth.sqlite")
    headers = {name: {"Authorization": "Bearer " + tokens.create(name, role, "2026-01-01T00:00:00.000Z")[0]}
               for name, role in (("alice", "editor"), ("bob", "reviewer"))}
    server.start()
    yield server, headers
    server.stop()


def _publish(client: httpx.Client, headers: dict[str, dict[str, str]], change: dict[str, object]) -> None:
    body = {"motivation": "lezers-test", "changes": [change]}
    created = client.post("/v1/changes", json=body, headers=headers["alice"])
    assert created.status_code == 201, created.text
    review = client.post(f"/v1/changes/{created.json()['id']}/review", json={"decision": "approve"},
                         headers=headers["bob"])
    assert review.status_code == 200, review.text


def _read_history(client: httpx.Client) -> str:
    history = client.get(f"/v1/definitions/{REF}/history").json()
    [open_version] = [v for v in history["versions"] if v["valid_to"] is None]
    assert open_version["definition"] == history["current_definition"], "history: half-applied change"
    assert [v["number"] for v in history["versions"]] == list(range(1, len(history["versions"]) + 1))
    return str(history["current_definition"])


def _read_sparql(client: httpx.Client) -> str | None:
    """The current definition via public SPARQL; None when the endpoint did not answer.

    Under load a query can time out (503, the documented limit); that read is not counted. Every
    other answer must be a consistent 200 (checkpoints are reference-counted, so a worker never
    opens a deleted one)."""
    answer = client.get("/v1/sparql", params={"query": CURRENT}, headers={"Accept": "application/sparql-results+json"})
    if answer.status_code == 503:
        return None
    assert answer.status_code == 200, answer.text
    [row] = answer.json()["results"]["bindings"]
    assert row["definition"]["value"] == row["versionText"]["value"], "SPARQL: half-applied change"
    return str(row["definition"]["value"])


def test_readers_never_see_a_half_applied_change(server: tuple[Server, dict[str, dict[str, str]]]) -> None:
    srv, headers = server
    with httpx.Client(base_url=srv.url, timeout=60) as client:
        _publish(client, headers, {"op": "create", "term": "leesbegrip", "definition": "tekst 0"})
    writing = threading.Event()
    writing.set()
    sparql_failures: list[int] = []

    def writer() -> None:
        with httpx.Client(base_url=srv.url, timeout=60) as client:
            for n in range(1, WRITES + 1):
                _publish(client, headers, {"op": "update", "concept": REF, "set": {"definition": f"tekst {n}"}})
        writing.clear()

    def reader(use_sparql: bool) -> set[str]:
        seen: set[str] = set()
        with httpx.Client(base_url=srv.url, timeout=60) as client:
            while writing.is_set():
                text = _read_sparql(client) if use_sparql else _read_history(client)
                if text is None:
                    sparql_failures.append(1)
                else:
                    seen.add(text)
            seen.add(_read_history(client))
        return seen

    with ThreadPoolExecutor(READERS + 1) as pool:
        readers = [pool.submit(reader, n == 0) for n in range(READERS)]
        pool.submit(writer).result()
        seen = set().union(*(r.result() for r in readers))
    assert f"tekst {WRITES}" in seen and len(seen) >= 3, f"readers ran alongside the writer: {sorted(seen)}"
