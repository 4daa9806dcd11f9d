"""Load shedding (issue #12.4): a full route class answers 503 + Retry-After at once while
health answers 200; the rate limit answers 429; slow headers and slow bodies are cut off.

Connection-level behaviour runs against a real uvicorn server (tests/api/served.py). A request
is made genuinely slow by sending its body slowly: it is admitted (it holds its class's place)
until the test sends the rest.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.shedding import Admission, TokenBuckets, classify
from graph.store.base import GraphStore
from tests.api.served_socket import closed_by_server, connect, read_response, served

QUERY = b"ASK { ?s ?p ?o }"
RESOLVE = json.dumps({"ids": ["0363010000000001"], "instance": False}).encode()


@pytest.mark.parametrize("method, path, expected", [
    ("GET", "/v1/health", None), ("HEAD", "/v1/health", None),
    ("GET", "/v1/sparql", "sparql"), ("POST", "/v1/sparql", "sparql"),
    ("GET", "/v1/definitions", "search"), ("POST", "/v1/definitions/check", "search"),
    ("GET", "/v1/definitions/BWBR0005537/bestuursorgaan", "read"), ("POST", "/v1/validate", "search"),
    ("GET", "/zoeken", "search"), ("GET", "/v1/resolve", "read"), ("POST", "/v1/resolve", "read"),
    ("PUT", "/v1/conflicts/x/status", "write"), ("POST", "/v1/changes", "write"),
    ("GET", "/v1/registers", "read"), ("GET", "/", "read"),
])
def test_route_classes(method: str, path: str, expected: str | None) -> None:
    assert classify(method, path) == expected


def _held(address: tuple[str, int], path: str, media: str, body: bytes) -> socket.socket:
    """A request whose body is still arriving: everything but its last byte is sent."""
    sock = connect(address)
    sock.sendall(f"POST {path} HTTP/1.1\r\nHost: t\r\nContent-Type: {media}\r\n"
                 f"Content-Length: {len(body)}\r\n\r\n".encode() + body[:-1])
    return sock


def _probe_until(url: str, probe: str, status: int) -> httpx.Response:
    """Probe until the answer has ``status`` (20 s at most): the held request takes its place,
    or gives it back, a moment after the client's side of it has happened."""
    deadline = time.monotonic() + 20
    while True:
        response = httpx.get(url + probe, timeout=60)
        if response.status_code == status or time.monotonic() > deadline:
            return response
        time.sleep(0.05)


@pytest.mark.parametrize("held, probe, other", [
    (("/v1/sparql", "application/sparql-query", QUERY), "/v1/sparql?query=ASK%7B%7D", "/v1/registers"),
    (("/v1/resolve", "application/json", RESOLVE), "/v1/registers", "/v1/sparql?query=ASK%7B%7D"),
])
def test_full_class_is_shed_fast_while_health_answers(
    memory_store: GraphStore, held: tuple[str, str, bytes], probe: str, other: str
) -> None:
    limits = {"inflight_sparql": 1, "inflight_read": 1, "inflight_queue": 0}
    with served(memory_store, **limits) as address:
        url = f"http://{address[0]}:{address[1]}"
        slow = _held(address, *held)
        refused = _probe_until(url, probe, 503)
        assert refused.status_code == 503, "a second request of a full class was not refused"
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.headers["Retry-After"] == "1" and refused.headers["API-Version"]
        assert refused.json()["status"] == 503 and refused.json()["instance"] == probe.split("?")[0]
        assert httpx.get(url + "/v1/health", timeout=60).status_code == 200  # never shed
        assert httpx.get(url + other, timeout=60).status_code == 200  # another class has room
        slow.sendall(held[2][-1:])
        assert read_response_head(slow).startswith(b"HTTP/1.1 200")
        slow.close()
        assert _probe_until(url, probe, 200).status_code == 200  # the place is free again


def read_response_head(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data and (chunk := sock.recv(65536)):
        data += chunk
    return data


def test_admission_queue_is_bounded() -> None:
    async def scenario() -> list[object]:
        gate = Admission(limit=1, queue=1, wait_s=30)
        first = await gate.enter()
        second = asyncio.ensure_future(gate.enter())
        await asyncio.sleep(0)  # the second one is queued now
        third = await gate.enter()  # the queue is full: refused at once
        gate.leave()  # hands the place to the queued one
        return [first, third, await second, gate.active, gate.waiting]

    assert asyncio.run(scenario()) == [True, False, True, 1, 0]


def test_place_goes_to_the_next_waiter_past_a_cancelled_one() -> None:
    async def scenario() -> list[object]:
        gate = Admission(limit=1, queue=2, wait_s=30)
        await gate.enter()
        second, third = asyncio.ensure_future(gate.enter()), asyncio.ensure_future(gate.enter())
        await asyncio.sleep(0)
        second.cancel()
        await asyncio.sleep(0)
        gate.leave()
        admitted = await third
        gate.leave()
        return [admitted, second.cancelled(), gate.active, gate.waiting]

    assert asyncio.run(scenario()) == [True, True, 0, 0]


def test_queued_request_gives_up_after_the_wait() -> None:
    async def scenario() -> list[object]:
        gate = Admission(limit=1, queue=4, wait_s=0.05)
        return [await gate.enter(), await gate.enter(), gate.active, gate.waiting]

    assert asyncio.run(scenario()) == [True, False, 1, 0]


def test_token_bucket_refills_at_its_rate() -> None:
    now = [0.0]
    buckets = TokenBuckets(rate=2.0, burst=2, clock=lambda: now[0])
    assert [buckets.take("a"), buckets.take("a")] == [0, 0]
    assert buckets.take("a") == pytest.approx(0.5) and buckets.take("b") == 0
    now[0] = 0.5
    assert buckets.take("a") == 0 and buckets.take("a") > 0


@pytest.fixture
def limited(memory_store: GraphStore) -> Iterator[TestClient]:
    settings = memory_store.settings.model_copy(update={"rate_limit_per_s": 0.001, "rate_limit_burst": 2})
    with TestClient(create_app(settings, memory_store), client=("192.0.2.1", 4000)) as client:
        yield client


def test_rate_limit_answers_429_with_retry_after(limited: TestClient) -> None:
    assert [limited.get("/v1/registers").status_code for _ in range(2)] == [200, 200]
    refused = limited.get("/v1/registers")
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert int(refused.headers["Retry-After"]) >= 1 and refused.json()["status"] == 429
    assert limited.get("/v1/health").status_code == 200  # health is never limited


def test_rate_limit_is_off_by_default(client: TestClient) -> None:
    assert {client.get("/v1/registers").status_code for _ in range(30)} == {200}


def test_slow_body_gets_408_and_is_closed(memory_store: GraphStore) -> None:
    with served(memory_store, body_timeout_s=1) as address:
        slow = _held(address, "/v1/sparql", "application/sparql-query", QUERY)
        response = read_response(slow)  # the test sends nothing more
        assert response.startswith(b"HTTP/1.1 408"), response[:200]
        assert b"application/problem+json" in response and b"connection: close" in response.lower()
        url = f"http://{address[0]}:{address[1]}"
        # the place is free again (the first query starts the query workers: allow for a slow start)
        assert httpx.get(url + "/v1/sparql", params={"query": "ASK {}"}, timeout=60).status_code == 200


def _trickle(sock: socket.socket, request: bytes, pause_s: float) -> int:
    """Send ``request`` a byte at a time; the number of bytes sent when the server closed."""
    for sent in range(len(request)):
        if closed_by_server(sock):
            return sent
        try:
            sock.sendall(request[sent:sent + 1])
        except (BrokenPipeError, ConnectionResetError):
            return sent
        time.sleep(pause_s)
    return len(request)


SLOW_REQUEST = b"GET /v1/health HTTP/1.1\r\nHost: t\r\nUser-Agent: slowloris-" + b"x" * 40 + b"\r\n\r\n"


def _protocols() -> list[type[asyncio.Protocol]]:
    from uvicorn.protocols.http.h11_impl import H11Protocol

    found: list[type[asyncio.Protocol]] = [H11Protocol]
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:
        return found
    return [*found, HttpToolsProtocol]


@pytest.mark.parametrize("protocol", _protocols(), ids=lambda p: p.__name__)
def test_slow_headers_are_closed(memory_store: GraphStore, protocol: type[asyncio.Protocol]) -> None:
    with served(memory_store, protocol, header_timeout_s=1.5) as address:
        slow = connect(address)
        sent = _trickle(slow, SLOW_REQUEST, pause_s=0.5)
        assert sent < len(SLOW_REQUEST), "a connection trickling its headers was never closed"
        url = f"http://{address[0]}:{address[1]}"
        assert httpx.get(url + "/v1/health", timeout=60).status_code == 200


@pytest.mark.parametrize("protocol", _protocols(), ids=lambda p: p.__name__)
def test_slow_next_request_on_a_kept_alive_connection_is_closed(
    memory_store: GraphStore, protocol: type[asyncio.Protocol]
) -> None:
    with served(memory_store, protocol, header_timeout_s=1.5) as address:
        sock = connect(address)
        sock.sendall(b"GET /v1/health HTTP/1.1\r\nHost: t\r\n\r\n")
        assert read_response_head(sock).startswith(b"HTTP/1.1 200")
        sent = _trickle(sock, SLOW_REQUEST, pause_s=0.5)
        assert sent < len(SLOW_REQUEST)


def test_silent_connection_is_closed(memory_store: GraphStore) -> None:
    with served(memory_store, header_timeout_s=1) as address:
        assert read_response(connect(address)) == b""  # closed, nothing sent


def test_headers_in_pieces_within_the_deadline_are_served(memory_store: GraphStore) -> None:
    with served(memory_store, header_timeout_s=30) as address:
        sock = connect(address)
        for piece in (b"GET /v1/health HTTP/1.1\r\n", b"Host: t\r\n", b"\r\n"):
            sock.sendall(piece)
            time.sleep(0.05)
        assert read_response_head(sock).startswith(b"HTTP/1.1 200")
