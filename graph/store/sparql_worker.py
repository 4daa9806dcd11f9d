"""Public SPARQL queries in killable worker processes over read-only checkpoints.

pyoxigraph cannot cancel a running query (findings.md §4). Each public query therefore runs
in a worker process that has the latest checkpoint of the store open read-only; when the time
limit passes, the worker is killed and replaced, and the caller gets ``QueryTimeout``. The
service itself is never held by a runaway query.

A worker first moves into a network namespace of its own (``graph.store.sandbox``), so even a
query that got past the guard cannot open a connection. It reports ready once it has started;
for each request it reports once it has the request's checkpoint open, and only then does the
time limit start: starting a worker and opening a checkpoint never count as query time.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import queue
import re
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from graph.errors import InvalidQuery, NotAcceptable, QueryTimeout, StoreUnavailable
from graph.store.base import RawQueryResult

_CTX = mp.get_context("spawn")
_PARSER_MESSAGE = re.compile(r"error at \d+:\d+: ")
"""How pyoxigraph's query parser starts a message; other errors may quote what a SERVICE
endpoint answered (``Expecting <sparql> tag, found <…>``), so their text never leaves."""
START_TIMEOUT_S = 60.0
"""Longest wait for a worker to start or to open a checkpoint (not part of the time limit)."""
log = logging.getLogger("stelselgraaf.sparql")
Message = tuple[str, object]


@dataclass(frozen=True)
class QueryRequest:
    """What a worker needs to run one query (picklable)."""

    checkpoint: str
    query: str
    accept: tuple[str, ...]
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    limit: int
    base_iri: str | None = None


def _execute(store: object, request: QueryRequest) -> RawQueryResult:
    from pyoxigraph import NamedNode

    from graph.store.results import serialize_result

    kwargs: dict[str, object] = {"base_iri": request.base_iri}
    if request.default_graphs:
        kwargs["default_graph"] = [NamedNode(g) for g in request.default_graphs]
    else:
        kwargs["use_default_graph_as_union"] = True
    if request.named_graphs:
        kwargs["named_graphs"] = [NamedNode(g) for g in request.named_graphs]
    result = store.query(request.query, **kwargs)  # type: ignore[attr-defined]
    return serialize_result(result, request.accept, request.limit)


def report(error: Exception) -> Message:
    """What a worker sends back for a failed query: never text that may come from elsewhere."""
    if isinstance(error, SyntaxError) and _PARSER_MESSAGE.match(str(error)):
        return ("syntax", str(error))
    if isinstance(error, NotAcceptable):
        return ("notacceptable", str(error))
    return ("error", type(error).__name__)


def _worker_main(conn: Connection) -> None:
    """Worker: leave the network, say ready; then open checkpoints read-only and run queries."""
    from graph.store.sandbox import isolate_network

    problem = isolate_network()
    from pyoxigraph import Store

    import graph.store.results  # noqa: F401 - imported now, not during the first query

    conn.send(("ready", problem))
    opened: tuple[str, object] | None = None
    while True:
        try:
            request: QueryRequest = conn.recv()
        except EOFError:
            return
        try:
            if opened is None or opened[0] != request.checkpoint:
                opened = None  # let the previous checkpoint go first
                opened = (request.checkpoint, Store.read_only(request.checkpoint))
            conn.send(("opened", None))
            conn.send(("ok", _execute(opened[1], request)))
        except Exception as error:  # reported to the caller, the worker lives on
            conn.send(report(error))


class _Worker:
    def __init__(self) -> None:
        self.conn, child = _CTX.Pipe()
        self.process: BaseProcess = _CTX.Process(target=_worker_main, args=(child,), daemon=True)
        self.process.start()
        child.close()

    def receive(self, timeout: float) -> Message | None:
        """The next message, or None when none came within ``timeout``; EOFError if it died."""
        if not self.conn.poll(timeout):
            return None
        message: Message = self.conn.recv()
        return message

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """A fixed number of started query workers; a killed worker is replaced at once.

    Every worker is either idle in the queue or held by one ``run``; ``close`` kills the idle
    ones, and a worker handed back (or started) after ``close`` is killed instead of queued.
    """

    def __init__(self, size: int, timeout_s: float) -> None:
        self._timeout = timeout_s
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        self.isolation_problem: str | None = None
        """Why the workers could not be cut off from the network (None: they are)."""
        workers = [_Worker() for _ in range(size)]  # all start at once, then each is awaited
        try:
            for worker in workers:
                self._await_ready(worker)
        except BaseException:
            for worker in workers:
                worker.kill()
            raise
        for worker in workers:
            self._idle.put(worker)

    def _await_ready(self, worker: _Worker) -> None:
        try:
            message = worker.receive(START_TIMEOUT_S)
        except (EOFError, OSError):
            message = None
        if message is None or message[0] != "ready":
            raise StoreUnavailable("a SPARQL query worker did not start")
        if message[1] is not None and self.isolation_problem is None:
            self.isolation_problem = str(message[1])
            log.warning("SPARQL query workers are not cut off from the network (%s); only the query "
                        "guard keeps SERVICE and LOAD out", message[1])

    def run(self, request: QueryRequest) -> RawQueryResult:
        """Run one request; raises QueryTimeout, InvalidQuery, NotAcceptable or StoreUnavailable."""
        try:
            worker = self._idle.get(timeout=self._timeout)
        except queue.Empty:
            raise QueryTimeout("all query workers stayed busy for the whole time limit") from None
        try:
            status, payload = self._exchange(worker, request)
        except BaseException:
            worker.kill()
            self._replace()
            raise
        self._give_back(worker)
        return _unpack(status, payload)

    def _exchange(self, worker: _Worker, request: QueryRequest) -> Message:
        try:
            worker.conn.send(request)
            message = worker.receive(START_TIMEOUT_S)
            if message is None:
                raise StoreUnavailable("the query worker did not open the store's checkpoint in time")
            if message[0] != "opened":  # it failed before running
                return message
            message = worker.receive(self._timeout)  # the time limit: execution only
        except (EOFError, OSError):
            raise StoreUnavailable("the query worker died; the query was not completed") from None
        if message is None:
            raise QueryTimeout(f"the query ran longer than {self._timeout:g} s and was stopped")
        return message

    def _replace(self) -> None:
        if self._closed:
            return
        worker = _Worker()
        try:
            self._await_ready(worker)
        except StoreUnavailable:
            worker.kill()
            log.error("a replacement SPARQL query worker did not start; the pool is one short")
            return
        self._give_back(worker)

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if not self._closed:
                self._idle.put(worker)
                return
        worker.kill()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                return
            with contextlib.suppress(Exception):
                worker.kill()


def _unpack(status: str, payload: object) -> RawQueryResult:
    if status == "ok" and isinstance(payload, RawQueryResult):
        return payload
    if status == "syntax":
        raise InvalidQuery(f"SPARQL syntax error: {payload}")
    if status == "notacceptable":
        raise NotAcceptable(str(payload))
    log.warning("a public SPARQL query failed in its worker: %s", payload)
    raise InvalidQuery("the query could not be evaluated")


def checkpoint_dir(root: Path, generation: int) -> Path:
    """Where the checkpoint for one store generation lives."""
    return root / f"checkpoint-{generation:08d}"
