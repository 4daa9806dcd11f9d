"""GET /v1/health: is the store reachable, and what does it hold."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel

from api.deps import StoreDep
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
