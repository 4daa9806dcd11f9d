"""GET /v1/health: is the store reachable, and what does it hold; GET /v1/sources: which
sources are loaded, into which graph, from which files."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from api.deps import StoreDep
from graph import sources
from graph.health import HealthCache

router = APIRouter(tags=["Beheer"])


class Health(BaseModel):
    status: str
    store: str
    graphs: int
    quads: int
    sources: int


@router.get("/health", response_model=Health, summary="Store reachable, with counts")
def health(store: StoreDep, request: Request) -> Health:
    state = request.app.state
    if not hasattr(state, "health_cache"):
        state.health_cache = HealthCache()
    return Health.model_validate(state.health_cache.health(store))


class SourceFile(BaseModel):
    name: str
    sha256: str
    size: int


class SourceInfo(BaseModel):
    name: str
    graph: str = Field(description="de named graph van de huidige lading (wisselt per lading)")
    loader: str
    loader_version: str
    triples: int
    conforms: bool
    warnings: int
    loaded_at: str
    files: list[SourceFile]


class SourceList(BaseModel):
    aantal: int
    bronnen: list[SourceInfo]


@router.get("/sources", response_model=SourceList, summary="Geladen bronnen, met hun graaf en herkomst")
def list_loaded_sources(store: StoreDep) -> SourceList:
    records = sources.list_sources(store)
    return SourceList(aantal=len(records), bronnen=[
        SourceInfo(**{**asdict(r), "files": [SourceFile(**asdict(f)) for f in r.files]}) for r in records])
