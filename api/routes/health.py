"""GET /v1/health: is the store reachable, and what does it hold; GET /v1/sources: which
sources are loaded, into which graph, from which files."""

from __future__ import annotations

import anyio
from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from api.deps import StoreDep
from graph import sources
from graph.sources.health import HealthCache

router = APIRouter(tags=["Beheer"])
HEALTH_THREADS = 2


class Health(BaseModel):
    status: str
    store: str
    graphs: int
    quads: int
    sources: int


@router.get("/health", response_model=Health, summary="Store reachable, with counts")
async def health(store: StoreDep, request: Request) -> Health:
    # Its own threads: never behind the requests that fill the shared threadpool (api/shedding.py
    # does not queue or shed health either).
    state = request.app.state
    if not hasattr(state, "health_cache"):
        state.health_cache, state.health_threads = HealthCache(), anyio.CapacityLimiter(HEALTH_THREADS)
    counts = await anyio.to_thread.run_sync(state.health_cache.health, store, limiter=state.health_threads)
    return Health.model_validate(counts)


class SourceList(BaseModel):
    aantal: int
    bronnen: list[sources.SourceRecord] = Field(
        description="per bron: de named graph van de huidige lading (wisselt per lading), lader "
                    "en versie, triples, SHACL-waarschuwingen, laadmoment, invoerbestanden")


@router.get("/sources", response_model=SourceList, summary="Geladen bronnen, met hun graaf en herkomst")
def list_loaded_sources(store: StoreDep) -> SourceList:
    records = sources.list_sources(store)
    return SourceList(aantal=len(records), bronnen=records)
