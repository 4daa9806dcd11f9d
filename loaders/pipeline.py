"""detect → key → run the loader; ``graph.sources.publish`` gates and publishes the quads.

Either the whole source lands (one update points the source at its new graph) or nothing
changes: a parse error or a shape violation drops the hidden new graph and leaves the published
graphs as they were. The same input (files, loader version, shapes) gives the same graph name,
and loading it again while it is current changes nothing (``LoadReport.unchanged``).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from graph import sources
from graph.rdf import iris
from graph.rdf.terms import Quad
from graph.sources import ValidationReport
from graph.store import GraphStore
from loaders.base import Loader, LoaderError, Source
from loaders.registry import by_name, detect

Progress = Callable[[int], None]


@dataclass(frozen=True)
class LoadReport:
    """Outcome of one successful load."""

    source: str
    graph: str
    loader: str
    triples: int
    validation: ValidationReport
    unchanged: bool = False
    """True when this very input was already the source's current load (nothing written)."""


def source_name_for(paths: list[Path]) -> str:
    """Default source name: the first path's name without extension, slugged."""
    return iris.slug(paths[0].name.split(".")[0])


def file_infos(paths: Iterable[Path]) -> list[sources.FileInfo]:
    """Name, sha256 and size of every input file (directories are walked)."""
    infos = []
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest = hashlib.sha256()
            with file.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
            infos.append(sources.FileInfo(file.name, digest.hexdigest(), file.stat().st_size))
    return infos


def _counted(quads: Iterable[Quad], progress: Progress | None) -> Iterator[Quad]:
    for index, quad in enumerate(quads, 1):
        if progress is not None and index % 10000 == 0:
            progress(index)
        yield quad


def load(
    store: GraphStore, paths: list[Path], *, name: str | None = None, fmt: str | None = None,
    progress: Progress | None = None, actor: str = "beheerder",
) -> LoadReport:
    """Load ``paths`` as one source; raises LoaderError or ShapeViolation and changes nothing.
    ``actor``: who the audit record names (the CLI's shell user is ``beheerder``)."""
    loader = by_name(fmt) if fmt and fmt != "auto" else detect(paths[0])
    source = make_source(store, name or source_name_for(paths), paths, fmt if fmt != "auto" else None)
    return load_with(store, loader, source, progress=progress, actor=actor)


def make_source(store: GraphStore, name: str, paths: list[Path], fmt: str | None = None) -> Source:
    """A Source named ``name`` for ``store`` (``load_with`` gives it its load's graph)."""
    base = store.settings.base_iri
    return Source(name=name, paths=tuple(paths), graph=iris.source_graph(base, name, "nieuw"),
                  base_iri=base, format=fmt)


def load_key(loader: Loader, source: Source, infos: list[sources.FileInfo]) -> str:
    """Digest of everything that determines a load's quads and verdict: source name and
    options, loader and version, input files (name, sha256), shape files."""
    parts = [source.name, source.format or "", loader.name, loader.version,
             *(f"{k}={v}" for k, v in sorted(source.options.items())),
             *(f"{i.name}:{i.sha256}" for i in infos)]
    for shape in loader.shapes:
        body = resources.files("shapes").joinpath(f"{shape}.ttl").read_bytes()
        parts.append(hashlib.sha256(body).hexdigest())
    return iris.short_hash(*parts, length=16)


def _unchanged(store: GraphStore, source: Source) -> LoadReport | None:
    for record in sources.list_sources(store):
        if record.name == source.name and record.graph == source.graph.value:
            return LoadReport(source.name, record.graph, record.loader, record.triples,
                              ValidationReport(()), unchanged=True)
    return None


def load_with(
    store: GraphStore, loader: Loader, source: Source, *, progress: Progress | None = None,
    actor: str = "beheerder",
) -> LoadReport:
    """Run one loader over one source through the gate into the store."""
    infos = file_infos(source.paths)
    key = load_key(loader, source, infos)
    source = dataclasses.replace(source, graph=iris.source_graph(source.base_iri, source.name, key))
    if (same := _unchanged(store, source)) is not None:
        return same
    load = sources.Load(name=source.name, graph=source.graph, loader=loader.name,
                        loader_version=loader.version, files=infos, shapes=loader.shapes)
    done = sources.publish(store, load, _counted(loader.load(source), progress), actor=actor)
    return LoadReport(source.name, source.graph.value, loader.name, done.record.triples, done.validation)


__all__ = ["LoadReport", "LoaderError", "load", "load_with", "source_name_for"]
