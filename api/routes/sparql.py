"""SPARQL 1.1 Protocol endpoint (read-only) at /v1/sparql."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Header, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep
from api.negotiation import RDF_MEDIA, accepted, pick
from api.problems import problem
from graph.errors import ForbiddenOperation, InvalidQuery, NotAcceptable
from graph.sparql import run_query, service_description

router = APIRouter(tags=["SPARQL"])
FORM = "application/x-www-form-urlencoded"


def _respond(store: StoreDep, settings: SettingsDep, query: str, accept: str | None,
             default_graphs: list[str], named_graphs: list[str]) -> Response:
    result = run_query(store, query, accepted(accept), default_graphs, named_graphs)
    headers = {"Result-Limit": str(settings.result_limit)}
    if result.truncated:
        headers["Results-Truncated"] = "true"
    media = result.media_type
    if media.startswith("text/") or media.endswith(("json", "xml")):
        media += "; charset=utf-8"
    return Response(result.body, media_type=media, headers=headers)


def _description(request: Request, settings: SettingsDep, accept: str | None) -> Response:
    media = pick(accept, list(RDF_MEDIA))
    if media is None:
        raise NotAcceptable("the service description is available as " + ", ".join(RDF_MEDIA))
    body = service_description(str(request.url.replace(query="")),
                               RDF_MEDIA[media], settings.result_limit, settings.query_timeout_s)
    return Response(body, media_type=media)


@router.get("/sparql", summary="SPARQL query (GET) or the service description")
def sparql_get(
    request: Request, store: StoreDep, settings: SettingsDep,
    accept: Annotated[str | None, Header()] = None,
    query: Annotated[list[str] | None, Query(description="de SPARQL-query (zonder: de servicebeschrijving)")] = None,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
    update: Annotated[str | None, Query(include_in_schema=False)] = None,
) -> Response:
    params = request.query_params
    if "update" in params:
        raise ForbiddenOperation("this endpoint is read-only: SPARQL updates are not accepted")
    queries = params.getlist("query")
    if not queries:
        return _description(request, settings, accept)
    if len(queries) > 1:
        raise InvalidQuery("exactly one 'query' parameter is allowed")
    return _respond(store, settings, queries[0], accept, params.getlist("default-graph-uri"),
                    params.getlist("named-graph-uri"))


@router.post("/sparql", summary="SPARQL query (POST form or application/sparql-query)")
async def sparql_post(
    request: Request, store: StoreDep, settings: SettingsDep,
    content_type: Annotated[str | None, Header()] = None,
    accept: Annotated[str | None, Header()] = None,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
) -> Response:
    media = (content_type or "").split(";")[0].strip().lower()
    charset = _charset(content_type or "")
    if charset not in {"utf-8", "utf8", ""}:
        return _unsupported(f"{media}; charset={charset}")
    try:
        body = (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidQuery("the request body is not valid UTF-8") from None
    dgs, ngs = list(default_graph_uri or []), list(named_graph_uri or [])
    if media == FORM:
        form = parse_qs(body, keep_blank_values=True)
        if "update" in form:
            raise ForbiddenOperation("this endpoint is read-only: SPARQL updates are not accepted")
        queries = form.get("query", [])
        if len(queries) != 1:
            raise InvalidQuery("a form POST needs exactly one 'query' field")
        query, dgs, ngs = queries[0], dgs + form.get("default-graph-uri", []), ngs + form.get("named-graph-uri", [])
    elif media == "application/sparql-query":
        query = body
    elif media == "application/sparql-update":
        raise ForbiddenOperation("this endpoint is read-only: SPARQL updates are not accepted")
    else:
        return _unsupported(media)
    return await run_in_threadpool(_respond, store, settings, query, accept, dgs, ngs)


def _charset(content_type: str) -> str:
    for param in content_type.split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset":
            return value.strip().strip('"').lower()
    return ""


def _unsupported(media: str) -> Response:
    return problem(415, f"unsupported Content-Type {media or '(none)'}; use {FORM} or "
                   "application/sparql-query, in UTF-8", kind="unsupported-media-type")
