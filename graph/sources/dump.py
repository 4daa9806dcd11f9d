"""A loaded source as one N-Quads file, gzip-compressed, streamed from the store.

The dump is made while it is sent: quads are read from the store's iterator over the source's
current graph in batches, each batch serialised and fed to one gzip stream, so memory does not
grow with the size of the source. The load's key (the last segment of its graph name, a digest
of the input) identifies the content: it is the ETag, and the load time is Last-Modified.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from graph.errors import NotFound
from graph.rdf.rdfio import serialize_quads
from graph.rdf.terms import NamedNode
from graph.sources.publication import list_sources
from graph.store.base import GraphStore

BATCH = 1000
"""Quads serialised at a time (100-200 kB of N-Quads for typical literals)."""


@dataclass(frozen=True)
class SourceDump:
    """What identifies the dump of a source's current load."""

    name: str
    graph: NamedNode
    key: str
    """The load's key: changes with every load of other content."""
    loaded_at: datetime

    @property
    def filename(self) -> str:
        return f"{self.name}.nq.gz"


def source_dump(store: GraphStore, name: str) -> SourceDump:
    """The dump of source ``name``'s current load; NotFound when no such source is loaded."""
    record = next((r for r in list_sources(store) if r.name == name), None)
    if record is None:
        raise NotFound(f"no loaded source {name!r}")
    loaded_at = datetime.fromisoformat(record.loaded_at.replace("Z", "+00:00"))
    return SourceDump(name, NamedNode(record.graph), record.graph.rstrip("/").rsplit("/", 1)[-1], loaded_at)


def gzip_nquads(store: GraphStore, graph: NamedNode, *, batch: int = BATCH, level: int = 6) -> Iterator[bytes]:
    """The quads of ``graph`` as gzip-compressed N-Quads, in chunks, reading the store lazily."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # gzip container
    quads = store.quads(graph)
    while chunk := list(islice(quads, batch)):
        data = compressor.compress(serialize_quads(chunk))
        if data:
            yield data
    yield compressor.flush()
