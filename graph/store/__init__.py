"""The one interface through which the project reads and writes RDF, and its two backends.

``GraphStore`` (``base``) is the protocol; ``EmbeddedStore`` runs pyoxigraph in process (on disk
or in memory) with killable query workers, ``RemoteStore`` talks SPARQL 1.1 Protocol + Graph Store
Protocol. ``backup`` exports, backs up and restores a store. Open a store with
``graph.open.open_store``, which also recovers interrupted loads.

The names are imported when first used: a query worker process imports ``sparql_worker`` and
``results`` from here and must not pay for the backends, the guard's parser and the settings.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.store import backup
    from graph.store.base import Bindings, GraphStore, RawQueryResult, Row
    from graph.store.embedded import EmbeddedStore
    from graph.store.remote import RemoteStore

__all__ = ["Bindings", "EmbeddedStore", "GraphStore", "RawQueryResult", "RemoteStore", "Row", "backup"]
_HOMES = {"Bindings": "base", "GraphStore": "base", "RawQueryResult": "base", "Row": "base",
          "EmbeddedStore": "embedded", "RemoteStore": "remote"}


def __getattr__(name: str) -> object:
    if name == "backup":
        return importlib.import_module("graph.store.backup")
    if name in _HOMES:
        return getattr(importlib.import_module(f"graph.store.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'graph.store' has no attribute {name!r}")
