"""Loaded sources (``GET /v1/sources``): per source its current graph and where it came from."""

from __future__ import annotations

from api.models.base import ApiModel
from api.models.paging import Page
from graph.sources import SourceRecord


class InputFile(ApiModel):
    name: str
    sha256: str
    size: int


class LoadedSource(ApiModel):
    """One loaded source: the named graph of its current load (it changes per load), loader and
    version, triples, SHACL warnings, when it was loaded and from which files."""

    name: str
    graph: str
    loader: str
    loader_version: str
    triples: int
    conforms: bool
    warnings: int
    loaded_at: str
    files: list[InputFile]

    @classmethod
    def of(cls, record: SourceRecord) -> LoadedSource:
        return cls(name=record.name, graph=record.graph, loader=record.loader,
                   loader_version=record.loader_version, triples=record.triples, conforms=record.conforms,
                   warnings=record.warnings, loaded_at=record.loaded_at,
                   files=[InputFile(name=f.name, sha256=f.sha256, size=f.size) for f in record.files])


class SourcePage(Page[LoadedSource]):
    """``GET /v1/sources``: every loaded source (one page)."""
