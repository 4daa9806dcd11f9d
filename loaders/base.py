"""The loader contract: a loader is a pure function from a ``Source`` to quads.

A loader never touches the store. The pipeline (``loaders.pipeline``) stages the quads,
runs the SHACL gate and replaces the source's named graph in one step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.rdf.terms import NamedNode, Quad


class LoaderError(ValueError):
    """Input that a loader cannot turn into RDF; carries a precise location."""

    def __init__(
        self, message: str, *, file: str | None = None, line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        super().__init__(self.location() + message)

    def location(self) -> str:
        """``file:line:column: `` as far as known."""
        parts = [p for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts) + (": " if parts else "")


@dataclass(frozen=True)
class Source:
    """One thing to load into one named graph."""

    name: str
    """Source name, e.g. ``bwb-BWBR0005537``; names the graph and the metadata record."""
    paths: tuple[Path, ...]
    """Input files (a loader may also accept directories)."""
    graph: NamedNode
    """The named graph the quads go into."""
    base_iri: str
    """``Settings.base_iri``: the base for every IRI the loader mints."""
    format: str | None = None
    """Explicit format name, or None to let the loader detect it."""
    options: dict[str, str] = field(default_factory=dict)


LoadFunction = Callable[[Source], Iterator[Quad]]
DetectFunction = Callable[[Path, bytes], bool]


@dataclass(frozen=True)
class Loader:
    """A registered loader."""

    name: str
    version: str
    formats: tuple[str, ...]
    """Format names accepted by ``--format``."""
    detect: DetectFunction
    """True when the file (path and its first 4 KiB) is for this loader."""
    load: LoadFunction
    shapes: tuple[str, ...] = ("core",)
    """Shape files in ``shapes/`` (without .ttl) that gate this loader's output."""
    description: str = ""
