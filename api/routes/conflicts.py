"""Definition conflicts: GET /v1/conflicts, GET /v1/conflicts/{id}, PUT /v1/conflicts/{id}/status.

The conflicts are computed (graph.conflicts keeps an incremental index per store); only the
editorial status is stored, and only a reviewer may set it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from api.deps import StoreDep
from api.identity import ReviewerDep
from api.models.conflicts import Conflict, ConflictPage
from api.representations import negotiated, openapi_content
from graph import conflicts
from graph.conflicts import conflict_triples
from graph.rdf.vocab import ConflictStatus, ConflictType

router = APIRouter(tags=["Definitieconflicten"])


@router.get("/conflicts", response_model=ConflictPage,
            summary="Definitieconflicten: dezelfde term met andere betekenis, "
                    "varianten, ontleende en circulaire definities, synoniemen")
def list_conflicts(
    request: Request, store: StoreDep,
    term: Annotated[str | None, Query(max_length=200, description="term (genormaliseerd vergeleken)")] = None,
    kind: Annotated[ConflictType | None, Query(alias="type", description="soort conflict")] = None,
    source: Annotated[str | None, Query(max_length=500, description="BWB-id, begrippenkader (IRI) of "
                                        "titel van een bron van een van de definities")] = None,
    status: Annotated[ConflictStatus | None, Query(description="redactionele status")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="aantal per pagina")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="aantal over te slaan")] = 0,
) -> ConflictPage:
    page = conflicts.list_conflicts(store, term=term, kind=kind, source=source, status=status,
                                    limit=limit, offset=offset)
    return ConflictPage.page(request, [Conflict.of(c) for c in page.items], total=page.total,
                               limit=limit, offset=offset)


@router.get("/conflicts/{ref}", summary="Eén definitieconflict met leden, bronnen en toelichting",
            response_class=Response, responses=openapi_content(Conflict))
def get_conflict(ref: str, request: Request, store: StoreDep) -> Response:
    conflict = conflicts.get_conflict(store, ref)
    return negotiated(request, lambda: Conflict.of(conflict), lambda: conflict_triples(conflict))


class StatusChange(BaseModel):
    status: ConflictStatus = Field(description="open, geaccepteerd of opgelost")
    toelichting: str | None = Field(None, max_length=2000, description="waarom (optioneel)")


@router.put("/conflicts/{ref}/status", response_model=Conflict,
            summary="Redactionele status van een conflict zetten (beoordelaar)")
def set_status(ref: str, change: StatusChange, store: StoreDep, reviewer: ReviewerDep) -> Conflict:
    updated = conflicts.update_status(store, ref, change.status, change.toelichting, reviewer.subject)
    return Conflict.of(updated)
