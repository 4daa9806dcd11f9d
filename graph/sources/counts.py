"""Store health: reachable, and how much it holds.

Counting every quad is O(store); monitors poll health often. ``health`` keeps the counts per
store generation in the store's runtime state (every write through the store bumps it) and only
probes reachability with a trivial ``ASK`` in between.
"""

from __future__ import annotations

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


def health(store: GraphStore) -> Counts:
    """``store_health``, counted once per store generation; in between only a trivial ``ASK``
    probes that the store is still reachable (raises StoreUnavailable when not)."""
    built: list[bool] = []

    def count() -> Counts:
        built.append(True)
        return store_health(store)

    counts = store.state.derived("health", count)
    if not built:
        store.ask("ASK {}")
    return dict(counts)
