"""POST /v1/validate: validate data against a shapes graph the user sends (SHACL Core)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from api.deps import SettingsDep, StoreDep
from api.models.validation import ValidationSummary
from api.negotiation import pick
from graph.errors import InvalidInput, NotAcceptable
from graph.quality import MAX_SHAPES_BYTES, UserValidation, parse_upload, referenced_data, validate_user
from graph.rdf.rdfio import EXTENSIONS
from graph.settings import Settings
from graph.store import GraphStore

router = APIRouter(tags=["Validatie"])

MEDIA = {"text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "ntriples",
         "application/ld+json": "jsonld"}
Upload = tuple[bytes, str]
"""The bytes of an uploaded document and its format."""

BODY_DOC: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "text/turtle": {"schema": {"type": "string", "description": "de shapesgraaf"}},
    "application/ld+json": {"schema": {"type": "object", "description": "de shapesgraaf"}},
    "multipart/form-data": {"schema": {"type": "object", "required": ["shapes"], "properties": {
        "shapes": {"type": "string", "format": "binary", "description": "shapesgraaf (Turtle of JSON-LD)"},
        "data": {"type": "string", "format": "binary", "description": "te valideren data (Turtle)"},
        "source": {"type": "string", "description": "of: naam van een geladen bron"},
        "scheme": {"type": "string", "description": "of: id van een begrippenkader"}}}}}}}


async def _part(value: UploadFile | str | None) -> Upload | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.encode("utf-8"), "turtle"
    media = (value.content_type or "").split(";")[0].strip().lower()
    suffix = "." + (value.filename or "").rsplit(".", 1)[-1].lower() if "." in (value.filename or "") else ""
    return await value.read(), MEDIA.get(media) or EXTENSIONS.get(suffix) or "turtle"


async def _inputs(request: Request) -> tuple[Upload, Upload | None, dict[str, str]]:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media in MEDIA:
        return (await request.body(), MEDIA[media]), None, {}
    if media != "multipart/form-data":
        raise HTTPException(415, f"send the shapes graph as {', '.join(MEDIA)} or multipart/form-data")
    form = await request.form(max_part_size=MAX_SHAPES_BYTES * 8)
    shapes = await _part(form.get("shapes"))
    if shapes is None:
        raise InvalidInput("multipart body without a 'shapes' part")
    fields = {k: v for k in ("source", "scheme") if isinstance(v := form.get(k), str) and v}
    return shapes, await _part(form.get("data")), fields


def _run(store: GraphStore, settings: Settings, shapes: Upload, data: Upload | None,
         source: str | None, scheme: str | None) -> UserValidation:
    if sum(x is not None for x in (data, source, scheme)) != 1:
        raise InvalidInput("send exactly one of: data (Turtle), source= (a loaded source), scheme= (a begrippenkader)")
    shapes_graph = parse_upload(*shapes, "shapes", max_bytes=MAX_SHAPES_BYTES)
    data_graph = (parse_upload(*data, "data") if data is not None
                  else referenced_data(store, source=source, scheme=scheme))
    return validate_user(data_graph, shapes_graph, allow_sparql=settings.allow_sparql_shapes)


@router.post("/validate", summary="Valideer data tegen een eigen SHACL-shapesgraaf (SHACL Core)",
             response_class=Response, openapi_extra=BODY_DOC,
             responses={200: {"model": ValidationSummary, "content": {"text/turtle": {}},
                              "description": "samenvatting (JSON) of SHACL-validatierapport (Turtle)"}})
async def validate(
    request: Request, store: StoreDep, settings: SettingsDep,
    source: Annotated[str | None, Query(description="naam van een geladen bron")] = None,
    scheme: Annotated[str | None, Query(description="id van een begrippenkader")] = None,
) -> Response:
    media = pick(request.headers.get("accept"), ["application/json", "text/turtle"])
    if media is None:
        raise NotAcceptable("offered: application/json, text/turtle")
    shapes, data, fields = await _inputs(request)
    result = await run_in_threadpool(_run, store, settings, shapes, data, source or fields.get("source"),
                                     scheme or fields.get("scheme"))
    if media == "text/turtle":
        return Response(result.turtle(), media_type="text/turtle", headers={"Vary": "Accept"})
    return JSONResponse(ValidationSummary.of(result).json_body(), headers={"Vary": "Accept"})
