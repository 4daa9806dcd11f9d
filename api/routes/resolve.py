"""GET/POST /v1/resolve: what an identifier is, which register holds it, what is known.

The catalogue part of an answer (registers, object types, relations) is read once per store
generation and kept in the store's runtime state; a single-id GET is then one point lookup, run directly in
an ``async def`` handler (microseconds; findings.md) that reads the store from
``app.state`` and writes JSON with orjson (dependency injection and FastAPI's response pass
each cost more than the lookup; measured in bench/resolver.py, see docs/benchmarks.md).
"""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from api.deps import StoreDep
from api.models.resolve import Resolution, Resolutions
from graph.begrippen.resolve import MAX_BATCH, Catalogue, catalogue, resolve_batch, resolve_one
from graph.store import GraphStore

router = APIRouter(tags=["Identificatie"])


class IdItem(BaseModel):
    id: str
    kind: str | None = None


class ResolveRequest(BaseModel):
    ids: list[str | IdItem] = Field(max_length=MAX_BATCH,
                                    description=f"at most {MAX_BATCH} identifiers")
    instance: bool = Field(True, description="instantiegegevens meesturen; false: alleen of het "
                                             "object bekend is (sneller voor grote reeksen)")


async def current_catalogue(store: StoreDep) -> Catalogue:
    return catalogue(store)


CatalogueDep = Annotated[Catalogue, Depends(current_catalogue)]


@router.get("/resolve", summary="Eén identificatie herleiden (geen BSN)", response_class=Response,
            responses={200: {"model": Resolution, "description": "de identificatie herleid"}})
async def resolve_get(
    request: Request,
    id: str = Query(description="identificatie, bijv. 0221010000330226"),
    kind: str | None = Query(None, description="soort identificatie (bag, kvk, rsin, …)"),
) -> Response:
    # The hot path of other services: no dependency injection and no response-model pass
    # (each costs more than the point lookup itself); orjson writes the JSON.
    store: GraphStore = request.app.state.store
    result = resolve_one(store, id, kind, catalogue(store))
    return Response(orjson.dumps(result), media_type="application/json")


def _batch(store: GraphStore, body: ResolveRequest, cat: Catalogue) -> dict[str, Any]:
    items = [(i, None) if isinstance(i, str) else (i.id, i.kind) for i in body.ids]
    results = resolve_batch(store, items, cat, with_data=body.instance)
    return {"aantal": len(results), "resultaten": results}


@router.post("/resolve", summary="Een reeks identificaties herleiden (ook BSN)",
             response_class=Response,
             responses={200: {"model": Resolutions, "description": "per identificatie het antwoord"}})
def resolve_post(body: ResolveRequest, store: StoreDep, cat: CatalogueDep) -> Response:
    # a plain def: a 1000-id batch takes long enough to belong in the threadpool
    return Response(orjson.dumps(_batch(store, body, cat)), media_type="application/json")
