"""SIGKILL the real server at random moments during concurrent submissions and approvals.

Per round: up to 80 concurrent items (submit with an Idempotency-Key, then approve with another
key); the server is killed after a random number of acknowledged requests. With the server down
the store is checked: nothing acknowledged lost, nothing half applied, the audit log agrees with
the store, no duplicates. After the restart every unacknowledged request is retried with its own
key before the next round starts; the next check also asserts that all of those are now
published exactly once.
"""

from __future__ import annotations

import contextlib
import random
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from graph.trust.tokens import TokenStore
from tests.faults.consistency import Ledger, check
from tests.faults.server import Server

pytestmark = pytest.mark.slow
ROUNDS = 4
CREATES = 40
WORKERS = 12


@dataclass
class Item:
    """One change: proposed by ``editor``, approved by ``reviewer``, each request with its own key."""

    key: str
    body: dict[str, object]
    editor: str
    reviewer: str
    pid: str | None = None
    approved: bool = False


class Down(Exception):
    """The server did not answer (killed): the request is unacknowledged."""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, dict[str, str]]]:
    server = Server(tmp_path)
    tokens = {"alice": server.cli("tokens", "create", "--name", "alice", "--role", "editor")}
    store = TokenStore(tmp_path / "auth.sqlite")
    for name, role in (("erik", "editor"), ("bob", "reviewer"), ("rita", "reviewer")):
        tokens[name] = store.create(name, role, "2026-01-01T00:00:00.000Z")[0]
    yield server, tokens
    server.kill()


def _call(client: httpx.Client, path: str, body: object, token: str, key: str) -> dict[str, object]:
    try:
        response = client.post(path, json=body, headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key})
    except httpx.HTTPError as error:
        raise Down(str(error)) from error
    if response.status_code >= 500:
        raise Down(response.text)
    assert response.status_code in (200, 201), f"{path}: {response.status_code} {response.text}"
    return response.json()  # type: ignore[no-any-return]


class Round:
    """Sends items and records what was acknowledged."""

    def __init__(self, server: Server, tokens: dict[str, str], ledger: Ledger) -> None:
        self.server, self.tokens, self.ledger = server, tokens, ledger
        self.lock = threading.Lock()
        self.acks = 0
        self.kill_after = 0

    def _acked(self) -> None:
        with self.lock:
            self.acks += 1
            if self.acks == self.kill_after:
                self.server.kill()

    def run(self, item: Item, client: httpx.Client) -> None:
        if item.pid is None:
            answer = _call(client, "/v1/changes", item.body, self.tokens[item.editor], item.key)
            with self.lock:
                item.pid = str(answer["id"])
                self.ledger.submitted[item.key] = item.pid
            self._acked()
        if not item.approved:
            review = {"decision": "approve", "comment": "akkoord"}
            token = self.tokens[item.reviewer]
            answer = _call(client, f"/v1/changes/{item.pid}/review", review, token, "r-" + item.key)
            assert answer["status"] == "gepubliceerd"
            with self.lock:
                item.approved = True
                self.ledger.approved["r-" + item.key] = item.pid
            self._acked()

    def send_all(self, items: list[Item], workers: int) -> None:
        local = threading.local()

        def one(item: Item) -> None:
            if not hasattr(local, "client"):
                local.client = httpx.Client(base_url=self.server.url, timeout=60)
            with contextlib.suppress(Down):
                self.run(item, local.client)

        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(one, items))


def _items(round_no: int, published: list[str], rng: random.Random) -> list[Item]:
    items = [Item(f"r{round_no}-c{i}", {"motivation": f"ronde {round_no}", "changes": [
        {"op": "create", "term": f"proefbegrip {round_no} {i}", "definition": f"tekst {round_no}.{i}"}]},
        rng.choice(["alice", "erik"]), rng.choice(["bob", "rita"])) for i in range(CREATES)]
    for i, ref in enumerate(published):
        items.append(Item(f"r{round_no}-u{i}", {"motivation": f"herzien in ronde {round_no}", "changes": [
            {"op": "update", "concept": ref, "set": {"definition": f"herziene tekst {round_no}.{i}"}}]},
            rng.choice(["alice", "erik"]), rng.choice(["bob", "rita"])))
    rng.shuffle(items)
    return items


def test_sigkill_during_concurrent_submissions_and_approvals(server: tuple[Server, dict[str, str]]) -> None:
    srv, tokens = server
    rng = random.Random(20261123)
    ledger, published, pending, requests = Ledger(), [], [], 0
    done_keys: set[str] = set()
    for round_no in range(ROUNDS + 1):
        srv.start()
        Round(srv, tokens, ledger).send_all([i for i in pending if not i.approved], 4)
        assert all(i.approved for i in pending), "every retry with its own key must succeed"
        done_keys |= {i.key for i in pending}
        if round_no == ROUNDS:
            break
        pending = _items(round_no, published, rng)
        requests += 2 * len(pending)
        sender = Round(srv, tokens, ledger)
        sender.kill_after = rng.randint(len(pending) // 4, len(pending))
        sender.send_all(pending, WORKERS)
        srv.kill()
        assert 0 < sender.acks < 2 * len(pending), "the kill must land in the middle of the load"
        check(srv.store, ledger, complete=done_keys)
        published = [f"stelselgraaf/proefbegrip-{round_no}-{i}" for i in range(CREATES)]
    srv.kill()
    counts = check(srv.store, ledger, complete=done_keys)
    assert counts["proposals"] == len(done_keys) and requests >= 500
