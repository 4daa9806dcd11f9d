"""Dump, backup and restore — the same for every backend.

A backup is a directory with ``store.nq`` (canonical N-Quads: sorted, one quad per line) and
``manifest.json`` (quad count and sha256). Restoring checks the digest and replaces the whole
store; a backup restored and dumped again gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from graph.errors import StelselgraafError
from graph.rdf.rdfio import FORMATS, serialize_quads, serialize_triples
from graph.rdf.terms import NamedNode, Quad
from graph.store.base import GraphStore

DUMP = "store.nq"
MANIFEST = "manifest.json"


def canonical_lines(store: GraphStore, graphs: list[NamedNode] | None = None) -> list[bytes]:
    """Sorted N-Quads lines of every named graph (or of ``graphs``)."""
    selected = graphs if graphs is not None else store.graph_names()
    lines: list[bytes] = []
    for graph in selected:
        body = serialize_quads(store.quads(graph))
        lines.extend(line for line in body.split(b"\n") if line)
    lines.sort()
    return lines


def canonical_dump(store: GraphStore, graphs: list[NamedNode] | None = None) -> bytes:
    """The canonical N-Quads text of the store (identical content gives identical bytes)."""
    return b"".join(line + b"\n" for line in canonical_lines(store, graphs))


def export(store: GraphStore, fmt: str) -> bytes:
    """The store as ``nquads`` / ``trig`` (all graphs) or a triple format (graphs merged)."""
    if fmt == "nquads":
        return canonical_dump(store)
    if fmt not in FORMATS:
        raise StelselgraafError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")
    if fmt == "trig":
        from pyoxigraph import RdfFormat, serialize

        return serialize(list(store.quads()), format=RdfFormat.TRIG) or b""
    return serialize_triples((q.triple for q in store.quads()), fmt, {})


def backup(store: GraphStore, directory: Path) -> dict[str, object]:
    """Write a backup of the whole store into ``directory`` (created; must be empty)."""
    return write_backup(directory, canonical_dump(store))


def write_backup(directory: Path, body: bytes) -> dict[str, object]:
    """Write a canonical dump (``canonical_dump``, of this store or fetched from a running
    service) as a backup into ``directory`` (created; must be empty)."""
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        raise StelselgraafError(f"backup directory {directory} is not empty")
    (directory / DUMP).write_bytes(body)
    lines = [line for line in body.split(b"\n") if line]
    manifest = {"format": "application/n-quads", "quads": len(lines),
                "sha256": hashlib.sha256(body).hexdigest(),
                "graphs": len({line.rsplit(b" ", 2)[-2] for line in lines})}
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2), "utf-8")
    return manifest


def restore(store: GraphStore, directory: Path) -> dict[str, object]:
    """Replace the store's content by a backup made with ``backup``."""
    manifest = json.loads((directory / MANIFEST).read_text("utf-8"))
    body = (directory / DUMP).read_bytes()
    if hashlib.sha256(body).hexdigest() != manifest["sha256"]:
        raise StelselgraafError(f"backup in {directory} is damaged: sha256 does not match")
    store.clear()
    by_graph: dict[str, list[Quad]] = {}
    for quad in _quads(body):
        by_graph.setdefault(quad.graph_name.value, []).append(quad)  # type: ignore[union-attr]
    for graph, quads in sorted(by_graph.items()):
        target = NamedNode(graph)
        store.stage(target, quads)
    return dict(manifest)


def _quads(body: bytes) -> Iterator[Quad]:
    from pyoxigraph import RdfFormat, parse

    # parse directly: restore keeps each quad's own graph (parse_rdf would merge them)
    yield from parse(body, format=RdfFormat.N_QUADS)
