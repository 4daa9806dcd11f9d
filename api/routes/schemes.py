"""Begrippenkaders: GET /v1/schemes and GET /v1/schemes/{id} (JSON, or RDF by Accept)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api import downloads
from api.deps import StoreDep
from api.models.schemes import Scheme, SchemeDetail, SchemePage
from api.representations import negotiated, openapi_content
from graph.begrippen import schemes
from graph.errors import InvalidInput

router = APIRouter(tags=["Begrippen"])

Limit = Annotated[int, Query(ge=1, le=1000, description="aantal per pagina (1..1000)")]
Offset = Annotated[int, Query(ge=0, description="aantal over te slaan items")]
TableFormat = Annotated[Literal["csv", "xlsx"] | None,
                        Query(alias="format", description="download als tabel (de kolommen van de csv-lader)")]


@router.get("/schemes", summary="Alle begrippenkaders", response_class=Response,
            responses=openapi_content(SchemePage))
def list_schemes(request: Request, store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> Response:
    every = schemes.schemes(store)
    page = every[offset:offset + limit]

    def body() -> SchemePage:
        return SchemePage.page(request, [Scheme.of(s) for s in page], total=len(every), limit=limit,
                                 offset=offset)

    return negotiated(request, body, lambda: schemes.schemes_triples(store, [s.iri for s in page]))


@router.get("/schemes/{scheme_id:path}", summary="Eén begrippenkader: begrippen, hiërarchie en collecties",
            response_class=Response, responses=downloads.scheme_content(SchemeDetail))
def get_scheme(scheme_id: str, request: Request, store: StoreDep, limit: Limit = 100,
               offset: Offset = 0, table_format: TableFormat = None) -> Response:
    try:
        iri = schemes.scheme_iri(store.settings.base_iri, scheme_id)
    except ValueError as error:
        raise InvalidInput(str(error)) from error
    if (media := downloads.table_media(request, table_format)) is not None:
        return downloads.scheme_download(store, iri, media)

    def body() -> SchemeDetail:
        return SchemeDetail.of(schemes.scheme_detail(store, iri), request=request, limit=limit, offset=offset)

    return negotiated(request, body, lambda: schemes.scheme_triples(store, iri))
