"""GET /v1/health: is the store reachable, and what does it hold."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from api.deps import StoreDep
from graph.health import store_health

router = APIRouter(tags=["Beheer"])


class Health(BaseModel):
    status: str
    store: str
    graphs: int
    quads: int
    sources: int


@router.get("/health", response_model=Health, summary="Store reachable, with counts")
def health(store: StoreDep) -> Health:
    return Health.model_validate(store_health(store))
