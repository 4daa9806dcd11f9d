"""A real server (uvicorn on 127.0.0.1, seed + the real laws) and a real browser (Debian's chromium)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from api.app import create_app
from graph.open import open_store
from graph.settings import Settings
from loaders import pipeline
from loaders.seed import load_seed
from tests.conftest import free_port

SHOTS = Path("/tmp/stelselgraaf-ui-screenshots")


@pytest.fixture(scope="session")
def server(shared_data: Path) -> Iterator[str]:
    """uvicorn serving create_app on an in-memory store with the seed and the 2012 laws loaded."""
    store = open_store(Settings(store=":memory:"))
    list(load_seed(store))
    pipeline.load(store, [shared_data / "bwb-wettenbestand-2012" / "xml"], name="bwb", fmt="bwb")
    port = free_port()
    config = uvicorn.Config(create_app(store.settings, store), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="on")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture
def tab(browser: Any, server: str) -> Iterator[Any]:
    """A fresh page that records console errors and failed requests, and refuses every request
    that is not to the test server (nothing may reach the network)."""
    context = browser.new_context(base_url=server, locale="nl-NL", viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.on("console", lambda m: tab.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(f"pageerror: {e}"))
    # a request the browser itself aborts on navigating away (the old page's favicon) is no error
    tab.on("requestfailed", lambda r: tab.errors.append(f"requestfailed: {r.url} {r.failure}")
           if r.failure != "net::ERR_ABORTED" else None)

    def guard(route: Any) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            tab.errors.append(f"outside request: {route.request.url}")
            route.abort()

    context.route("**/*", guard)
    yield tab
    context.close()


def shoot(tab: Any, name: str) -> Path:
    """A full-page screenshot in SHOTS (for a human to look at)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path
