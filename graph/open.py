"""Open the store that the settings name, and drop what an interrupted load left behind.

The one place where a backend is chosen and recovery runs: ``graph.store`` knows nothing of
sources, and ``graph.sources`` nothing of backends.
"""

from __future__ import annotations

from pathlib import Path

from graph.settings import Settings
from graph.sources import recover
from graph.store import EmbeddedStore, GraphStore, RemoteStore


def open_store(settings: Settings) -> GraphStore:
    """Open the store that ``settings.store`` names and recover it (``graph.sources.recover``)."""
    store: GraphStore
    if settings.is_remote:
        store = RemoteStore(settings)
    elif settings.is_memory:
        store = EmbeddedStore(settings, path=None)
    else:
        store = EmbeddedStore(settings, path=Path(settings.store))
    recover(store)  # what an interrupted load left behind
    return store
