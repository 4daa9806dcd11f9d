"""Public SPARQL queries in killable worker processes over read-only checkpoints.

pyoxigraph cannot cancel a running query (findings.md §4). Each public query therefore runs
in a worker process that has the latest checkpoint of the store open read-only; when the time
limit passes, the worker is killed and replaced, and the caller gets ``QueryTimeout``. The
service itself is never held by a runaway query.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from graph.errors import InvalidQuery, NotAcceptable, QueryTimeout, StoreUnavailable
from graph.store.base import RawQueryResult

_CTX = mp.get_context("spawn")


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


def _worker_main(conn: Connection) -> None:
    """Worker loop: open checkpoints read-only, run queries, send back bytes or an error."""
    from pyoxigraph import Store

    opened: tuple[str, object] | None = None
    while True:
        try:
            request: QueryRequest = conn.recv()
        except EOFError:
            return
        try:
            if opened is None or opened[0] != request.checkpoint:
                opened = (request.checkpoint, Store.read_only(request.checkpoint))
            conn.send(("ok", _execute(opened[1], request)))
        except SyntaxError as error:
            conn.send(("syntax", str(error)))
        except NotAcceptable as error:
            conn.send(("notacceptable", str(error)))
        except Exception as error:  # reported to the caller, the worker lives on
            conn.send(("error", f"{type(error).__name__}: {error}"))


class _Worker:
    def __init__(self) -> None:
        self.conn, child = _CTX.Pipe()
        self.process: BaseProcess = _CTX.Process(target=_worker_main, args=(child,), daemon=True)
        self.process.start()
        child.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """A fixed number of query workers; a killed worker is replaced at once."""

    def __init__(self, size: int, timeout_s: float) -> None:
        self._timeout = timeout_s
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._idle.put(_Worker())

    def run(self, request: QueryRequest) -> RawQueryResult:
        """Run one request; raises QueryTimeout, InvalidQuery or NotAcceptable."""
        try:
            worker = self._idle.get(timeout=self._timeout)
        except queue.Empty:
            raise QueryTimeout("all query workers stayed busy for the whole time limit") from None
        try:
            worker.conn.send(request)
            if not worker.conn.poll(self._timeout):
                worker.kill()
                worker = _Worker()
                raise QueryTimeout(f"the query ran longer than {self._timeout:g} s and was stopped")
            status, payload = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            worker.kill()
            worker = _Worker()
            raise StoreUnavailable("the query worker died; the query was not completed") from None
        finally:
            self._idle.put(worker)
        return _unpack(status, payload)

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
    raise InvalidQuery(f"the query failed: {payload}")


def checkpoint_dir(root: Path, generation: int) -> Path:
    """Where the checkpoint for one store generation lives."""
    return root / f"checkpoint-{generation:08d}"
