"""The embedded store: pyoxigraph on disk (or in memory for tests).

One process owns an on-disk store (findings.md §5). Writes are serialised by one lock
(findings §6); each committed write bumps ``generation``.

With ``read_replica`` (the default) an on-disk store keeps a copy in memory that answers every
read; every write commits on disk first and is then applied to the copy (our updates are
deterministic: no NOW(), UUID() or blank nodes minted by an update; a copy that fails to follow
is rebuilt from disk).

Reads run over the union of all named graphs, except while some graph is hidden (a load being
staged, a replaced load being dropped): then they name the visible graphs as their dataset,
which Oxigraph evaluates graph by graph (3.5x slower with 35 graphs, bench/read_copy.py), so
that path lasts only as
long as a load. Public SPARQL queries run in killable workers over a read-only checkpoint of the
current generation (findings §4).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pyoxigraph import QueryBoolean, QuerySolutions, QueryTriples, Store, Variable

from graph import queries
from graph.errors import InvalidQuery, StoreUnavailable
from graph.queries.guard import VettedQuery
from graph.rdf.iris import private_prefix
from graph.rdf.terms import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Triple, value_of
from graph.settings import Settings
from graph.store.base import Bindings, RawQueryResult, Row
from graph.store.sparql_worker import QueryRequest, WorkerPool, checkpoint_dir
from graph.store.state import StoreState

MIRROR_BATCH = 10_000
"""Staged quads are copied to the in-memory replica in transactions of this many."""
NOTHING = NamedNode("urn:stelselgraaf:leeg")
"""A graph that never holds data: the dataset when every graph is hidden ([] means all)."""


class EmbeddedStore:
    """``GraphStore`` over a local pyoxigraph ``Store``."""

    def __init__(self, settings: Settings, path: Path | None) -> None:
        self.settings = settings
        self.path = path
        self.state = StoreState(self.generation)
        try:
            if path is None:
                self._store = Store()
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = Store(str(path))
        except OSError as error:
            raise StoreUnavailable(f"cannot open the store at {path}: {error}") from error
        self._read = self._replica() if path is not None and settings.read_replica else self._store
        """The store that reads use: the in-memory copy, or the store itself."""
        self._write_lock = threading.RLock()
        self._generation = 0
        self._pool: WorkerPool | None = None
        self._pool_lock = threading.Lock()
        """Held while the pool is made or closed: one pool per store, made once."""
        self._pool_closed = False
        self._checkpoints: list[tuple[int, Path]] = []
        self._in_use: dict[Path, int] = {}
        """Checkpoints a worker is reading: never deleted until released."""
        self._ckpt_root: Path | None = None
        self._hidden: frozenset[NamedNode] = frozenset()
        """Graphs no read sees; replaced as a whole (readers take it once per read)."""

    def _replica(self) -> Store:
        replica = Store()
        replica.bulk_extend(self._store.quads_for_pattern(None, None, None, None))
        return replica

    def _mirror(self, write: Callable[[Store], object]) -> None:
        """Apply a write that has committed on disk to the in-memory copy as well."""
        if self._read is self._store:
            return
        try:
            write(self._read)
        except Exception:
            self._read = self._replica()

    # ---------------------------------------------------------------- reads
    def _dataset(self) -> dict[str, Any]:
        hidden = self._hidden
        if not hidden:
            return {"use_default_graph_as_union": True}
        graphs = [g for g in self._read.named_graphs() if g not in hidden] or [NOTHING]
        return {"default_graph": graphs, "named_graphs": graphs}

    def _query(self, query: str, bindings: Bindings | None) -> object:
        subs: dict[Variable, NamedNode | BlankNode | Literal | Triple] = {
            Variable(k): v for k, v in (bindings or {}).items()}
        try:
            return self._read.query(query, substitutions=subs, **self._dataset())
        except SyntaxError as error:
            raise InvalidQuery(str(error)) from error

    def select(self, query: str, bindings: Bindings | None = None) -> list[Row]:
        return self._rows(self._query(query, bindings))

    def select_graph(self, graph: NamedNode, query: str) -> list[Row]:
        try:
            result = self._read.query(query, default_graph=graph)
        except SyntaxError as error:
            raise InvalidQuery(str(error)) from error
        return self._rows(result)

    @staticmethod
    def _rows(result: object) -> list[Row]:
        assert isinstance(result, QuerySolutions)
        names = [v.value for v in result.variables]
        rows = []
        for solution in result:
            row = {n: solution[n] for n in names if solution[n] is not None}
            rows.append(row)
        return rows

    def construct(self, query: str, bindings: Bindings | None = None) -> list[Triple]:
        result = self._query(query, bindings)
        assert isinstance(result, QueryTriples)
        return list(result)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        result = self._query(query, bindings)
        assert isinstance(result, QueryBoolean)
        return bool(result)

    def _public_quads(self, subject: NamedNode) -> Iterator[Quad]:
        """Quads about ``subject`` in visible graphs that are not private."""
        private, hidden = private_prefix(self.settings.base_iri), self._hidden
        for quad in self._read.quads_for_pattern(subject, None, None, None):
            g = quad.graph_name
            if isinstance(g, NamedNode) and not g.value.startswith(private) and not (hidden and g in hidden):
                yield quad

    def about(self, subject: NamedNode) -> list[Quad]:
        return list(self._public_quads(subject))

    def values_about(self, subjects: Sequence[NamedNode]) -> dict[str, list[tuple[str, str]]]:
        found: dict[str, list[tuple[str, str]]] = {}
        for subject in subjects:  # strings only: keeping 15k Quad objects alive costs more
            if pairs := [(q.predicate.value, value_of(q.object)) for q in self._public_quads(subject)]:
                found[subject.value] = pairs
        return found

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        if graph is not None:
            yield from self._read.quads_for_pattern(None, None, None, graph)
            return
        hidden = self._hidden
        for quad in self._read.quads_for_pattern(None, None, None, None):
            if not isinstance(quad.graph_name, DefaultGraph) and quad.graph_name not in hidden:
                yield quad

    def graph_names(self) -> list[NamedNode]:
        hidden = self._hidden
        return sorted((g for g in self._read.named_graphs()
                       if isinstance(g, NamedNode) and g not in hidden), key=lambda g: g.value)

    def hidden_graphs(self) -> frozenset[NamedNode]:
        return self._hidden

    def generation(self) -> int:
        return self._generation

    # ---------------------------------------------------------------- writes
    def update(self, update: str, *, private: bool = False, durable: bool = False,
               show: Iterable[NamedNode] = (), hide: Iterable[NamedNode] = ()) -> None:
        with self._write_lock:
            try:
                self._store.update(update)
            except SyntaxError as error:
                raise InvalidQuery(f"internal update is malformed: {error}") from error
            self._mirror(lambda replica: replica.update(update))
            self._hidden = (self._hidden - frozenset(show)) | frozenset(hide)
            if not private:
                self._generation += 1
            if durable:
                self.flush()

    def hide(self, graph: NamedNode) -> None:
        with self._write_lock:
            self._hidden = self._hidden | {graph}

    def drop_hidden(self, graph: NamedNode) -> None:
        if graph not in self._hidden:
            raise ValueError(f"{graph} is visible: drop it with an update")
        chunk = queries.update("drop_chunk", graph=graph)
        while next(iter(self._store.quads_for_pattern(None, None, None, graph)), None) is not None:
            with self._write_lock:  # one chunk at a time: other writers get in between
                self._store.update(chunk)
                self._mirror(lambda replica: replica.update(chunk))
        with self._write_lock:
            if self._store.contains_named_graph(graph):
                self._store.remove_graph(graph)  # the (now empty) name
            self._mirror(lambda replica: replica.remove_graph(graph))  # also a half-staged one
            self._hidden = self._hidden - {graph}

    def stage(self, staging: NamedNode, quads: Iterable[Quad]) -> int:
        count, batch = 0, []
        mirrored = self._read is not self._store

        def retargeted() -> Iterator[Quad]:
            nonlocal count
            for quad in quads:
                count += 1
                if quad.graph_name != staging:
                    quad = Quad(quad.subject, quad.predicate, quad.object, staging)
                if mirrored:
                    batch.append(quad)
                    if len(batch) >= MIRROR_BATCH:
                        self._mirror(lambda replica: replica.extend(batch))
                        batch.clear()
                yield quad

        with self._write_lock:
            self._store.bulk_extend(retargeted())
            if batch:
                self._mirror(lambda replica: replica.extend(batch))
        return count

    def clear(self) -> None:
        with self._write_lock:
            self._store.clear()
            self._mirror(lambda replica: replica.clear())
            self._hidden = frozenset()
            self._generation += 1

    def flush(self) -> None:
        """Make every committed write durable on disk."""
        if self.path is not None:
            self._store.flush()

    # ---------------------------------------------------------------- public SPARQL
    def run_public_query(
        self, query: VettedQuery, *, accept: str, default_graphs: list[NamedNode],
        named_graphs: list[NamedNode],
    ) -> RawQueryResult:
        pool = self._query_pool()
        checkpoint = self._acquire_checkpoint()
        try:
            request = QueryRequest(
                checkpoint=str(checkpoint), query=query.text, accept=tuple(accept.split(",")),
                default_graphs=tuple(g.value for g in default_graphs),
                named_graphs=tuple(g.value for g in named_graphs), limit=self.settings.result_limit,
                base_iri=self.settings.base_iri,
            )
            return pool.run(request)
        finally:
            self._release_checkpoint(checkpoint)

    def start_query_workers(self) -> None:
        self._query_pool()

    def _query_pool(self) -> WorkerPool:
        """The store's one worker pool, started by whoever asks first (the others wait)."""
        with self._pool_lock:
            if self._pool_closed:
                raise StoreUnavailable("the store is closed")
            if self._pool is None:
                self._pool = WorkerPool(self.settings.sparql_workers, self.settings.query_timeout_s)
            return self._pool

    def _acquire_checkpoint(self) -> Path:
        """The checkpoint of the current generation, marked in use until released."""
        with self._write_lock:
            checkpoint = self._current_checkpoint()
            self._in_use[checkpoint] = self._in_use.get(checkpoint, 0) + 1
            return checkpoint

    def _release_checkpoint(self, checkpoint: Path) -> None:
        with self._write_lock:
            self._in_use[checkpoint] -= 1
            if not self._in_use[checkpoint]:
                del self._in_use[checkpoint]
            self._prune_checkpoints()

    def _prune_checkpoints(self) -> None:
        """Delete old checkpoints that no worker reads (the newest always stays)."""
        for generation, path in list(self._checkpoints[:-1]):
            if path not in self._in_use:
                shutil.rmtree(path, ignore_errors=True)
                self._checkpoints.remove((generation, path))

    def _current_checkpoint(self) -> Path:
        with self._write_lock:
            if self._checkpoints and self._checkpoints[-1][0] == self._generation:
                return self._checkpoints[-1][1]
            if self._ckpt_root is None:
                self._ckpt_root = Path(tempfile.mkdtemp(prefix="stelselgraaf-ckpt-"))
            target = checkpoint_dir(self._ckpt_root, self._generation)
            if self.path is not None:
                self._store.backup(str(target))
            else:
                copy = Store(str(target))
                copy.bulk_extend(self._store.quads_for_pattern(None, None, None, None))
                copy.flush()
                del copy
            self._checkpoints.append((self._generation, target))
            self._prune_checkpoints()
            return target

    def close(self) -> None:
        with self._pool_lock:
            pool, self._pool, self._pool_closed = self._pool, None, True
        if pool is not None:
            pool.close()
        if self._ckpt_root is not None:
            shutil.rmtree(self._ckpt_root, ignore_errors=True)
            self._ckpt_root = None
        self.flush()
        if self.path is not None:  # release the directory (its lock) for another process
            self._store = self._read = Store()
            self.path = None
