"""Store health: reachable, and how much it holds.

Counting every quad is O(store); monitors poll health often. ``HealthCache`` keeps the counts per
store generation (every write through the store bumps it) and only probes reachability with a
trivial ``ASK`` in between.
"""

from __future__ import annotations

import threading

from graph import queries, sources
from graph.store.base import GraphStore

Counts = dict[str, str | int]


def store_health(store: GraphStore) -> Counts:
    """Counts of graphs, quads and loaded sources; raises StoreUnavailable when unreachable."""
    rows = store.select(queries.query("count_graph"))
    quads = int(rows[0]["n"].value) if rows else 0
    kind = "remote" if store.settings.is_remote else ("memory" if store.settings.is_memory else "disk")
    return {"status": "ok", "store": kind, "graphs": len(store.graph_names()), "quads": quads,
            "sources": len(sources.list_sources(store))}


class HealthCache:
    """``store_health`` recomputed only when the store's generation changed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation: int | None = None
        self._counts: Counts = {}

    def health(self, store: GraphStore) -> Counts:
        generation = store.generation()
        with self._lock:
            if generation == self._generation:
                store.ask("ASK {}")  # still reachable? (raises StoreUnavailable when not)
                return dict(self._counts)
        counts = store_health(store)
        with self._lock:
            self._generation, self._counts = generation, counts
        return dict(counts)
