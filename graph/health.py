"""Store health: reachable, and how much it holds."""

from __future__ import annotations

from graph import queries, sources
from graph.store import GraphStore


def store_health(store: GraphStore) -> dict[str, str | int]:
    """Counts of graphs, quads and loaded sources; raises StoreUnavailable when unreachable."""
    rows = store.select(queries.query("count_graph"))
    quads = int(rows[0]["n"].value) if rows else 0
    kind = "remote" if store.settings.is_remote else ("memory" if store.settings.is_memory else "disk")
    return {"status": "ok", "store": kind, "graphs": len(store.graph_names()), "quads": quads,
            "sources": len(sources.list_sources(store))}
