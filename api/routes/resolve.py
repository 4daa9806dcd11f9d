"""GET/POST /v1/resolve: what an identifier is, which register holds it, what is known."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.deps import StoreDep
from graph.resolve import MAX_BATCH, resolve_batch, resolve_one

router = APIRouter(tags=["Identificatie"])


class IdItem(BaseModel):
    id: str
    kind: str | None = None


class ResolveRequest(BaseModel):
    ids: list[str | IdItem] = Field(max_length=MAX_BATCH,
                                    description=f"at most {MAX_BATCH} identifiers")


@router.get("/resolve", summary="Eén identificatie herleiden (geen BSN)")
def resolve_get(
    store: StoreDep,
    id: str = Query(description="identificatie, bijv. 0221010000330226"),
    kind: str | None = Query(None, description="soort identificatie (bag, kvk, rsin, …)"),
) -> dict[str, Any]:
    return resolve_one(store, id, kind)


@router.post("/resolve", summary="Een reeks identificaties herleiden (ook BSN)")
def resolve_post(body: ResolveRequest, store: StoreDep) -> dict[str, Any]:
    items = [(i, None) if isinstance(i, str) else (i.id, i.kind) for i in body.ids]
    results = resolve_batch(store, items)
    return {"aantal": len(results), "resultaten": results}
