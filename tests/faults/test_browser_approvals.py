"""SIGKILL the real server while a reviewer approves proposals in a real browser (chromium).

Anna's proposals are made beforehand; Bram approves them one after another in the pages (sign in,
open the proposal, choose "goedkeuren", submit). At a random moment the server is killed. Every
approval the browser saw acknowledged (the page after the redirect says "gepubliceerd") must be
published after the restart, with its audit record; nothing is half applied.
"""

from __future__ import annotations

import random
import subprocess
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.trust import audit
from tests.faults.server import STELSELGRAAF, Server

pytestmark = pytest.mark.slow
PASSWORD = "bram-wachtwoord-1"
COUNT = 10


def _users(server: Server) -> str:
    subprocess.run([str(STELSELGRAAF), "users", "create", "--name", "bram", "--role", "reviewer", "--password-stdin"],
                   input=PASSWORD.encode(), env=server.env(), check=True, capture_output=True, timeout=60)
    subprocess.run([str(STELSELGRAAF), "users", "create", "--name", "anna", "--role", "editor"], env=server.env(),
                   check=True, capture_output=True, timeout=60)
    return server.cli("tokens", "create", "--user", "anna")


def _proposals(server: Server, token: str) -> list[str]:
    headers = {"Authorization": f"Bearer {token}"}
    made = []
    for i in range(COUNT):
        body = {"motivation": f"voorstel {i}", "changes": [
            {"op": "create", "term": f"proefbegrip {i}", "definition": f"een begrip om te proberen, nummer {i}"}]}
        made.append(httpx.post(server.url + "/v1/changes", json=body, headers=headers, timeout=30).json()["id"])
    return made


def _approve_all(tab: Any, pids: list[str]) -> list[str]:
    """Approve in the pages until the server disappears; the ids the browser saw published."""
    acknowledged = []
    for pid in pids:
        try:
            tab.goto(f"/beoordelen/{pid}")
            tab.get_by_label("Goedkeuren en publiceren").check()
            tab.get_by_role("button", name="Besluit vastleggen").click()
            tab.wait_for_url(f"**/beoordelen/{pid}", timeout=10_000)
            if "gepubliceerd" in tab.inner_text("main"):
                acknowledged.append(pid)
        except Exception:  # the server was killed: this one and the rest are unacknowledged
            break
    return acknowledged


def _signed_in(chromium: Any, url: str) -> tuple[Any, Any]:
    context = chromium.new_context(base_url=url, locale="nl-NL")
    tab = context.new_page()
    tab.goto("/inloggen?terug=/beoordelen")
    tab.get_by_label("Naam").fill("bram")
    tab.get_by_label("Wachtwoord").fill(PASSWORD)
    tab.get_by_role("button", name="Inloggen").click()
    tab.wait_for_url("**/beoordelen")
    return context, tab


def _check(server: Server, token: str, acknowledged: list[str]) -> set[str]:
    """After the restart: every acknowledged approval is published; the published ids."""
    headers = {"Authorization": f"Bearer {token}"}
    for pid in acknowledged:
        proposal = httpx.get(f"{server.url}/v1/changes/{pid}", headers=headers, timeout=30).json()
        assert proposal["status"] == "gepubliceerd", pid
        term = proposal["changes"][0]["id"]
        assert httpx.get(f"{server.url}/v1/definitions/{term}", timeout=30).status_code == 200
    statuses = {p["id"]: p["status"] for p in httpx.get(f"{server.url}/v1/changes", headers=headers,
                                                        params={"limit": 100}, timeout=30).json()["items"]}
    assert set(statuses.values()) <= {"voorgesteld", "gepubliceerd"}  # nothing half applied
    published = {pid for pid, status in statuses.items() if status == "gepubliceerd"}
    assert set(acknowledged) <= published
    return published


def test_a_kill_during_browser_approvals_loses_no_acknowledged_change(tmp_path: Path, browser: Any) -> None:
    server = Server(tmp_path)
    token = _users(server)
    server.start()
    try:
        pids = _proposals(server, token)
        context, tab = _signed_in(browser, server.url)
        killer = threading.Timer(random.uniform(1.0, 4.0), server.kill)
        killer.start()
        acknowledged = _approve_all(tab, pids)
        killer.join()
        context.close()
    finally:
        server.kill()
    server.start()
    try:
        published = _check(server, token, acknowledged)
    finally:
        server.stop()
    from graph.open import open_store
    from graph.settings import Settings

    store = open_store(Settings(store=str(server.store), read_replica=False))
    try:
        approvals = [e for e in audit.query_audit(store, limit=10_000).events if e.action == "goedkeuren"]
        assert len({e.object for e in approvals}) == len(published)  # one audit record per publication
    finally:
        store.close()
