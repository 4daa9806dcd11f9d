"""The one interface through which the project reads and writes RDF, and its two backends.

``GraphStore`` (``base``) is the protocol; ``EmbeddedStore`` runs pyoxigraph in process (on disk
or in memory) with killable query workers, ``RemoteStore`` talks SPARQL 1.1 Protocol + Graph Store
Protocol. ``backup`` exports, backs up and restores a store. Open a store with
``graph.open.open_store``, which also recovers interrupted loads.
"""

from graph.store import backup
from graph.store.base import Bindings, GraphStore, RawQueryResult, Row
from graph.store.embedded import EmbeddedStore
from graph.store.remote import RemoteStore

__all__ = ["Bindings", "EmbeddedStore", "GraphStore", "RawQueryResult", "RemoteStore", "Row", "backup"]
