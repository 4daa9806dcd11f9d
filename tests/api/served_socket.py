"""A real uvicorn server on 127.0.0.1 for connection-level tests, run the way `serve` runs it
(``api.slow_clients.server_options``), in a thread of the test process."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from api.app import create_app
from api.slow_clients import header_deadline_protocol, server_options
from graph.settings import Settings
from graph.store.base import GraphStore
from tests.conftest import free_port


@contextmanager
def served(store: GraphStore, protocol: type[asyncio.Protocol] | None = None,
           **settings: object) -> Iterator[tuple[str, int]]:
    """Yields (host, port) of a running server with ``settings`` over ``store``; ``protocol``:
    uvicorn's HTTP protocol to put the header deadline on (default: the one uvicorn picks)."""
    config = Settings(**{**store.settings.model_dump(), "port": free_port(), **settings})
    options = server_options(config)
    if protocol is not None:
        options["http"] = header_deadline_protocol(config.header_timeout_s, protocol)
    server = uvicorn.Server(uvicorn.Config(create_app(config, store), **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    try:
        yield config.host, config.port
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def connect(address: tuple[str, int]) -> socket.socket:
    sock = socket.create_connection(address, timeout=30)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def read_response(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (or 30 s pass)."""
    chunks = []
    try:
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    except ConnectionResetError:
        pass
    return b"".join(chunks)


def closed_by_server(sock: socket.socket) -> bool:
    """True when the server has closed the connection (without waiting)."""
    sock.setblocking(False)
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False
    except ConnectionResetError:
        return True
    finally:
        sock.settimeout(30)
