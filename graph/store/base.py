"""``GraphStore``: the one interface through which the project reads and writes RDF.

Two backends implement it: ``graph.store.embedded.EmbeddedStore`` (pyoxigraph, on disk or in memory)
and ``graph.store.remote.RemoteStore`` (any SPARQL 1.1 Protocol + Graph Store Protocol server).
Operations are named by intent; values are always passed as terms (``bindings``), never pasted
into query text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from graph.rdf.terms import NamedNode, Quad, Term, Triple
from graph.store.state import StoreState

if TYPE_CHECKING:  # not imported at run time: query workers import this module, and stay light
    from graph.queries.guard import VettedQuery
    from graph.settings import Settings

Bindings = Mapping[str, Term]
Row = dict[str, Term]


@dataclass(frozen=True)
class RawQueryResult:
    """Result of a public SPARQL query, already serialised for the client."""

    body: bytes
    media_type: str
    truncated: bool
    kind: str
    """``solutions``, ``boolean`` or ``graph``."""


class GraphStore(Protocol):
    """What every store backend offers."""

    settings: Settings
    state: StoreState
    """Runtime state of this open store (write lock, derived indexes): ``graph.store.state``."""

    def select(self, query: str, bindings: Bindings | None = None) -> list[Row]:
        """Run a SELECT over the union of the visible graphs; unbound variables are left out.

        Every read (``select``, ``construct``, ``ask``, ``about``, ``quads()``, ``graph_names``)
        sees the visible graphs only: every named graph except the hidden ones (``hide``)."""
        ...

    def select_graph(self, graph: NamedNode, query: str) -> list[Row]:
        """Run a SELECT with one named graph (also a hidden one: the SHACL gate reads a staged
        load) as the default graph; no other graph is seen."""
        ...

    def construct(self, query: str, bindings: Bindings | None = None) -> list[Triple]:
        """Run a CONSTRUCT/DESCRIBE over the union of the visible graphs."""
        ...

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        """Run an ASK over the union of the visible graphs."""
        ...

    def update(self, update: str, *, private: bool = False, durable: bool = False,
               show: Iterable[NamedNode] = (), hide: Iterable[NamedNode] = ()) -> None:
        """Run a SPARQL update built by ``graph.queries.update`` (one transaction).

        ``show`` / ``hide``: once the update has committed, these graphs become visible /
        hidden to reads started from then on (publication by pointer, ``graph.sources``).

        ``durable=True`` (audited changes): the write is flushed to disk before this returns, so
        an acknowledged change and its audit record survive an OS crash too, not only a killed
        process. A remote store answers after its own commit; the flag changes nothing there.

        ``private=True`` declares that the update writes only private graphs (audit records,
        proposals): what readers of published data see is unchanged, so ``generation`` (and every
        cache keyed on it: search and conflict indexes, SPARQL checkpoints) stays."""
        ...

    def stage(self, staging: NamedNode, quads: Iterable[Quad]) -> int:
        """Write ``quads`` into the graph ``staging``, streaming (bulk, not one transaction);
        returns the count. Hide the graph first when readers must not see it half-written."""
        ...

    def hide(self, graph: NamedNode) -> None:
        """Make ``graph`` invisible to every read until an ``update(show=…)`` shows it."""
        ...

    def hidden_graphs(self) -> frozenset[NamedNode]:
        """The graphs that reads do not see (loads being staged, replaced loads being dropped)."""
        ...

    def drop_hidden(self, graph: NamedNode) -> None:
        """Remove a hidden graph and its quads. No reader sees it, so this is no published
        change (``generation`` stays) and need not be one transaction."""
        ...

    def about(self, subject: NamedNode) -> list[Quad]:
        """Every quad with ``subject`` as subject, in any visible graph but private ones."""
        ...

    def values_about(self, subjects: Sequence[NamedNode]) -> dict[str, list[tuple[str, str]]]:
        """For many subjects at once: subject IRI → (predicate IRI, object value) of each of its
        statements in a visible, non-private graph; subjects without any are left out. Object
        values are lexical forms (an RDF-star triple term as N-Triples). Plain strings, because
        a batch resolver turns thousands of them into JSON (embedded: point lookups; remote:
        one query per chunk of subjects)."""
        ...

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        """Every quad of one named graph (also a hidden one: the gate reads a staged load), or
        of all visible named graphs."""
        ...

    def graph_names(self) -> list[NamedNode]:
        """The visible named graphs in the store."""
        ...

    def generation(self) -> int:
        """A number that changes whenever a write to published data has been committed."""
        ...

    def run_public_query(
        self, query: VettedQuery, *, accept: str, default_graphs: list[NamedNode],
        named_graphs: list[NamedNode],
    ) -> RawQueryResult:
        """Run an already-vetted public query with the row cap and time limit enforced."""
        ...

    def start_query_workers(self) -> None:
        """Start what runs public queries now rather than at the first query (a served app
        calls this at start-up); idempotent."""
        ...

    def clear(self) -> None:
        """Remove every quad (restore only)."""
        ...

    def close(self) -> None:
        """Release the store (stop workers, close connections)."""
        ...
