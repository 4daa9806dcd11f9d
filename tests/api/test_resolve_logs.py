"""No possible BSN reaches a log line: a real uvicorn server, its access log captured."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from api.app import create_app
from api.log_privacy import MASK, mask
from graph.open import open_store
from graph.settings import Settings
from loaders.seed import load_seed
from tests.conftest import free_port

NUMBERS = ("999993653", "999993654", "123456782")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    store = open_store(Settings(store=":memory:"))
    list(load_seed(store))
    port = free_port()
    config = uvicorn.Config(create_app(store.settings, store), host="127.0.0.1", port=port,
                            log_config=None, log_level="info")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)
    store.close()


def test_mask_leaves_other_numbers() -> None:
    assert mask("GET /v1/resolve?id=999993653 200") == f"GET /v1/resolve?id={MASK} 200"
    assert mask("id=999%20993%20653&x=0221010000330226") == f"id={MASK}&x=0221010000330226"
    assert mask("kvk 69599084, vestiging 000038509504") == "kvk 69599084, vestiging 000038509504"


def test_no_nine_digit_number_in_any_log(server: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with httpx.Client(base_url=server) as http:
        for number in NUMBERS:
            assert http.get("/v1/resolve", params={"id": number, "kind": "bsn"}).status_code == 400
            http.get("/v1/resolve", params={"id": number})
        body = {"ids": [{"id": n, "kind": "bsn"} for n in NUMBERS] + list(NUMBERS)}
        response = http.post("/v1/resolve", json=body)
        assert response.status_code == 200
        assert not any(n in response.text for n in NUMBERS)
    access = [r for r in caplog.records if r.name == "uvicorn.access"]
    assert len(access) >= 2 * len(NUMBERS) + 1  # the access log itself was captured
    server_side = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    text = "\n".join(r.getMessage() for r in server_side)  # the test's own client logs URLs
    assert "/v1/resolve?id=" + MASK in text
    assert not any(n in text for n in NUMBERS), "a 9-digit number reached a log line"
