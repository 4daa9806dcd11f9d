"""GET /v1/health: is the store reachable, and what does it hold; GET /v1/sources: which
sources are loaded, into which graph, from which files; GET /v1/sources/{name}/dump: one source's
current load as gzip-compressed N-Quads, streamed."""

from __future__ import annotations

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel

from api import downloads
from api.deps import StoreDep
from api.models.sources import LoadedSource, SourcePage
from graph import sources

router = APIRouter(tags=["Beheer"])
HEALTH_THREADS = 2


class Health(BaseModel):
    status: str
    store: str
    graphs: int
    quads: int
    sources: int


@router.get("/health", response_model=Health, summary="Store reachable, with counts")
async def health(store: StoreDep) -> Health:
    # Its own threads: never behind the requests that fill the shared threadpool (api/shedding.py
    # does not queue or shed health either).
    limiter = store.state.kept("health-threads", lambda: anyio.CapacityLimiter(HEALTH_THREADS))
    return Health.model_validate(await anyio.to_thread.run_sync(sources.health, store, limiter=limiter))


@router.get("/sources", response_model=SourcePage, summary="Geladen bronnen, met hun graaf en herkomst",
            response_description="per bron: de named graph van de huidige lading (wisselt per lading), lader "
                                 "en versie, triples, SHACL-waarschuwingen, laadmoment, invoerbestanden")
def list_loaded_sources(request: Request, store: StoreDep) -> SourcePage:
    return SourcePage.whole(request, [LoadedSource.of(r) for r in sources.list_sources(store)])


@router.get("/sources/{name}/dump", summary="Download van een geladen bron (N-Quads, gzip)",
            response_class=Response, responses=downloads.DUMP_CONTENT)
def dump_source(name: str, request: Request, store: StoreDep) -> Response:
    dump = sources.source_dump(store, name)
    return downloads.dump_response(request, dump, sources.gzip_nquads(store, dump.graph))
