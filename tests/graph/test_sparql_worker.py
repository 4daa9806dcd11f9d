"""The query workers themselves: no network, and no error text from elsewhere.

These call the worker layer directly, so the guard is not in the way: what is tested is the
second line of defence, on its own.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import Store

from graph.errors import InvalidQuery
from graph.store.sparql_worker import QueryRequest, WorkerPool, _unpack, report
from tests.conftest import CountingListener

JSON = ("application/sparql-results+json",)
DATA = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> 1 } }"


@pytest.fixture
def checkpoint(tmp_path: Path) -> Path:
    """A read-only checkpoint with one quad, made the way the store makes one (a backup)."""
    store = Store(str(tmp_path / "store"))
    store.update(DATA)
    store.backup(str(tmp_path / "checkpoint"))
    del store
    return tmp_path / "checkpoint"


def _service(port: int) -> str:
    return f"SELECT * WHERE {{ ?s ?p ?o SERVICE <http://127.0.0.1:{port}/sparql> {{ ?a ?b ?c }} }}"


def test_a_worker_opens_no_connection_even_for_a_query_the_guard_would_refuse(
        checkpoint: Path, listener: CountingListener) -> None:
    control = Store.read_only(str(checkpoint))  # the same query in this process does connect
    with pytest.raises(OSError):
        list(control.query(_service(listener.port), use_default_graph_as_union=True))  # type: ignore[call-overload]
    assert listener.connections() == 1
    del control
    pool = WorkerPool(1, 10)
    try:
        if pool.isolation_problem:
            pytest.skip(f"this platform keeps workers on the network: {pool.isolation_problem}")
        with pytest.raises(InvalidQuery) as refused:
            pool.run(QueryRequest(str(checkpoint), _service(listener.port), JSON, (), (), 10))
        assert str(refused.value) == "the query could not be evaluated"
        ok = pool.run(QueryRequest(str(checkpoint), "ASK { ?s ?p 1 }", JSON, (), (), 10))
        assert b"true" in ok.body  # the worker still works, on its checkpoint
    finally:
        pool.close()
    assert listener.connections() == 1


@pytest.fixture
def answering() -> Iterator[tuple[int, list[bytes]]]:
    """An HTTP server on 127.0.0.1 that answers each request with the next canned response."""
    responses: list[bytes] = []
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)

    def serve() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            with connection:
                connection.recv(65536)
                connection.sendall(responses.pop(0))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield int(server.getsockname()[1]), responses
    server.shutdown(socket.SHUT_RDWR)
    server.close()
    thread.join(timeout=5)


@pytest.mark.parametrize(("content_type", "body"), [
    ("text/html", "<p>SECRET-PAGE</p>"),
    ("application/sparql-results+xml", "<SECRET-XML/>"),
    ("application/sparql-results+json", '{"SECRET-JSON": '),
])
def test_errors_never_quote_what_a_remote_server_answered(answering: tuple[int, list[bytes]],
                                                          content_type: str, body: str) -> None:
    port, responses = answering
    responses.append(f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
                     f"Connection: close\r\n\r\n{body}".encode())
    store = Store()
    store.update(DATA)
    with pytest.raises(Exception) as failed:  # the real pyoxigraph error, in this process
        list(store.query(_service(port), use_default_graph_as_union=True))  # type: ignore[call-overload]
    assert "SECRET" in str(failed.value) or content_type in str(failed.value) or "Parser" in str(failed.value)
    with pytest.raises(InvalidQuery) as reported:
        _unpack(*report(failed.value))  # type: ignore[arg-type]
    detail = str(reported.value)
    assert "SECRET" not in detail and content_type not in detail and str(port) not in detail
    assert detail == "the query could not be evaluated"


def test_syntax_errors_keep_the_parsers_message() -> None:
    with pytest.raises(SyntaxError) as failed:
        Store().query("SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(InvalidQuery, match=r"SPARQL syntax error: error at 1:\d+: expected"):
        _unpack(*report(failed.value))
