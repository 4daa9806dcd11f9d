"""One resource, several representations: JSON by default, RDF (Turtle, JSON-LD compacted with
the project's context, N-Triples) by ``Accept``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from api.models.base import ApiModel
from api.negotiation import pick
from graph.errors import NotAcceptable
from graph.rdf.jsonld import compact_bytes
from graph.rdf.namespaces import PREFIXES
from graph.rdf.rdfio import serialize_triples
from graph.rdf.terms import Triple

JSON = "application/json"
RDF_OFFERED = {"text/turtle": "turtle", "application/ld+json": "jsonld", "application/n-triples": "ntriples"}
OFFERED = [JSON, *RDF_OFFERED]
OPENAPI_CONTENT: dict[int | str, dict[str, Any]] = {
    200: {"content": {JSON: {}, **{media: {} for media in RDF_OFFERED}},
          "description": "JSON, of RDF (Turtle, JSON-LD, N-Triples) naar keuze via Accept"}}
"""The ``responses`` of a negotiated route without a JSON model of its own."""


def openapi_content(model: type[BaseModel]) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of a negotiated route: ``model`` as JSON, or RDF."""
    return {200: {"model": model, "content": {media: {} for media in RDF_OFFERED},
                  "description": "JSON, of RDF (Turtle, JSON-LD, N-Triples) naar keuze via Accept"}}


def negotiated(request: Request, body: Callable[[], ApiModel | dict[str, Any]], triples: Callable[[], list[Triple]],
               *, prefixes: dict[str, str] = PREFIXES) -> Response:
    """The representation the client's Accept header asks for (406 when none fits): ``body()``
    as JSON (a model with its aliases, fields marked absent-when-None left out), or ``triples()``
    as RDF (``prefixes`` for Turtle)."""
    media = pick(request.headers.get("accept"), OFFERED)
    if media is None:
        raise NotAcceptable(f"offered: {', '.join(OFFERED)}")
    headers = {"Vary": "Accept"}
    if media == JSON:
        answer = body()
        return JSONResponse(answer if isinstance(answer, dict) else answer.json_body(), headers=headers)
    fmt = RDF_OFFERED[media]
    data = compact_bytes(triples()) if fmt == "jsonld" else serialize_triples(triples(), fmt, prefixes)
    return Response(data, media_type=media, headers=headers)

