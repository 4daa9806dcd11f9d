"""Every loader the project has, by name, and format detection across them."""

from __future__ import annotations

from pathlib import Path

from loaders.amsterdam import AMSTERDAM_SCHEMA_LOADER
from loaders.bag import BAG_LOADER
from loaders.base import Loader, LoaderError
from loaders.bwb import BWB_LOADER
from loaders.rdf import RDF_LOADER
from loaders.regelrecht import REGELRECHT_LOADER
from loaders.register import REGISTER_API_LOADER
from loaders.tables import CSV_LOADER, XLSX_LOADER


def all_loaders() -> tuple[Loader, ...]:
    """The registered loaders, most specific first (the generic RDF loader last)."""
    return (REGELRECHT_LOADER, BWB_LOADER, BAG_LOADER, AMSTERDAM_SCHEMA_LOADER, REGISTER_API_LOADER,
            CSV_LOADER, XLSX_LOADER, RDF_LOADER)


def by_name(name: str) -> Loader:
    """The loader called ``name`` or accepting format ``name``."""
    for loader in all_loaders():
        if name == loader.name or name in loader.formats:
            return loader
    known = sorted({f for loader in all_loaders() for f in (loader.name, *loader.formats)})
    raise LoaderError(f"unknown format {name!r}; known: {', '.join(known)}")


def detect(path: Path) -> Loader:
    """The first loader whose ``detect`` accepts ``path``."""
    if not path.exists():
        raise LoaderError("no such file or directory", file=str(path))
    head = b""
    if path.is_file():
        with path.open("rb") as handle:
            head = handle.read(4096)
    for loader in all_loaders():
        if loader.detect(path, head):
            return loader
    raise LoaderError("no loader recognises this input; pass --format", file=str(path))
