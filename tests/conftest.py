"""Shared fixtures: real stores (memory, disk, remote `oxigraph serve`), real data, real HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.open import open_store
from graph.settings import Settings
from graph.store.base import GraphStore

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public sources in ../shared/data; tests skip (with the reason) when absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real source data not found at {SHARED_DATA} (CI provides ../shared/data)")
    return SHARED_DATA


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `oxigraph serve` on 127.0.0.1 (in memory); yields its base URL."""
    if not OXIGRAPH.exists():
        pytest.fail(f"{OXIGRAPH} missing: install the test extras (pip install -e .[test])")
    port = free_port()
    log = tmp_path_factory.mktemp("oxigraph") / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen([str(OXIGRAPH), "serve", "--bind", f"127.0.0.1:{port}"],
                                   stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/query", params={"query": "ASK {}"}, timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("oxigraph serve did not start: " + log.read_text())
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Virtuoso Open Source server on 127.0.0.1 (scripts/install-virtuoso.sh installs it)."""
    from tests.virtuoso import virtuoso

    with virtuoso(tmp_path_factory.mktemp("virtuoso"), free_port(), free_port()) as url:
        yield url


def make_settings(kind: str, tmp_path: Path, request: pytest.FixtureRequest, **extra: object) -> Settings:
    if kind == "memory":
        return Settings(store=":memory:", **extra)  # type: ignore[arg-type]
    if kind == "disk":
        return Settings(store=str(tmp_path / "store"), **extra)  # type: ignore[arg-type]
    if kind == "virtuoso":
        url = request.getfixturevalue("virtuoso_server")
        return Settings(store=url, store_update_url=url, store_gsp_url=url + "-graph-crud",  # type: ignore[arg-type]
                        **extra)
    url = request.getfixturevalue("oxigraph_server")
    return Settings(store=url + "/query", **extra)  # type: ignore[arg-type]


BACKENDS = ["memory", "disk", "remote", "virtuoso"]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """The same tests against every backend (embedded memory and disk, `oxigraph serve`,
    Virtuoso); the remote ones are emptied first."""
    opened = open_store(make_settings(request.param, tmp_path, request))
    if request.param in ("remote", "virtuoso"):
        opened.clear()
    yield opened
    opened.close()


@pytest.fixture
def memory_store() -> Iterator[GraphStore]:
    opened = open_store(Settings(store=":memory:"))
    yield opened
    opened.close()


@pytest.fixture
def client(memory_store: GraphStore) -> Iterator[TestClient]:
    """Real HTTP through the app, on an in-memory store."""
    with TestClient(create_app(memory_store.settings, memory_store)) as test_client:
        yield test_client


@contextmanager
def silent_listener() -> Iterator[int]:
    """A TCP port on 127.0.0.1 that must receive no connection while the block runs."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0.3)
        yield int(listener.getsockname()[1])
        with pytest.raises(TimeoutError):
            listener.accept()


class CountingListener:
    """A TCP listener on 127.0.0.1 that accepts, counts and at once closes every connection."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(64)
        self.port = int(self._socket.getsockname()[1])
        self._count = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            with self._lock:
                self._count += 1
            connection.close()

    def connections(self) -> int:
        """Connections so far (after a moment for one still in the accept queue)."""
        time.sleep(0.02)
        with self._lock:
            return self._count

    def close(self) -> None:
        self._socket.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        self._socket.close()
        self._thread.join(timeout=5)


@pytest.fixture
def listener() -> Iterator[CountingListener]:
    counting = CountingListener()
    yield counting
    counting.close()


# ---- the real browser (Debian's chromium), one per test process: tests/ui and tests/faults use it
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

def _chromium() -> Path:
    """Debian's chromium; installed by scripts/install-browser.sh when missing (as CI does)."""
    if not CHROMIUM.exists():
        result = subprocess.run([str(REPO / "scripts" / "install-browser.sh")], capture_output=True,
                                text=True, timeout=900, check=False)
        if not CHROMIUM.exists():
            pytest.skip(f"{CHROMIUM} is absent and scripts/install-browser.sh could not install it: "
                        f"{(result.stderr or result.stdout)[-500:]}")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    executable = _chromium()
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(executable), args=ARGS)
        yield launched
        launched.close()
