"""GET /v1/definitions/{id}: one definition in full (JSON, or RDF by Accept), ``?on=`` a date.

The id may contain slashes (``BWBR0005537/bestuursorgaan``), so the route takes a path. Its
router is included last among the /v1 routers (api/app.py), so ``…/{id}/history`` and
``POST /v1/definitions/check`` of other routers are matched first; an id ending in ``/history``
that still reaches this handler is answered 404 rather than read as a definition id.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import StoreDep
from api.models.definitions import DefinitionPage
from api.representations import negotiated, openapi_content
from graph.begrippen import detail as definition_detail
from graph.errors import NotFound

router = APIRouter(tags=["Begrippen"])


@router.get("/definitions/{ref:path}", summary="Eén definitie: tekst, bron, relaties, versies",
            response_class=Response, responses=openapi_content(DefinitionPage))
def get_definition(
    ref: str, request: Request, store: StoreDep,
    on: Annotated[str | None, Query(description="datum (JJJJ-MM-DD): de tekst die toen gold")] = None,
) -> Response:
    if ref.endswith("/history"):
        raise NotFound(f"no resource at {request.url.path}")
    iri = definition_detail.concept_for(store.settings.base_iri, ref)
    day = definition_detail.parse_day(on) if on is not None else None
    return negotiated(request, lambda: DefinitionPage.of(definition_detail.detail(store, iri, day)),
                      lambda: definition_detail.description(store, iri, day))
