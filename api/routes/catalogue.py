"""GET /v1/catalogus: the DCAT-AP-NL 3.0 catalogue (registers, loaded sources, services) as RDF by
``Accept`` (Turtle, JSON-LD, N-Triples) for harvesters, or as JSON (the default, for the page)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import TypeAdapter

from api.deps import StoreDep
from api.representations import OPENAPI_CONTENT, negotiated
from graph import catalogue

router = APIRouter(tags=["Catalogus"])
_JSON = TypeAdapter(catalogue.Catalogue)


@router.get("/catalogus", summary="De DCAT-AP-NL-catalogus: registraties, geladen bronnen en diensten",
            response_class=Response, responses=OPENAPI_CONTENT)
def get_catalogue(request: Request, store: StoreDep) -> Response:
    found = catalogue.catalogue(store)

    def body() -> Any:
        return _JSON.dump_python(found, mode="json")

    return negotiated(request, body, lambda: catalogue.catalogue_triples(found),
                      prefixes=catalogue.PREFIXES_CATALOGUE)
