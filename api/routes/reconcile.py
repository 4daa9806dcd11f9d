"""/v1/reconcile: the W3C Reconciliation Service API (0.2, what OpenRefine speaks) and, below
/v1/reconcile/draft, the 1.0 draft's routes (/match, /extend, /extend/propose, /suggest/…, /preview).

Thin: parsing, matching, suggest and extension are ``graph.reconcile``'s; this module turns its
dataclasses into the W3C JSON (``api.reconcile_models``) and renders the small preview page.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse

from api import reconcile_models as m
from api import reconcile_views as v
from api.deps import StoreDep
from api.middleware import API_VERSION
from api.routes import suggest
from graph import reconcile
from graph.store import GraphStore

service = APIRouter(prefix="/reconcile", tags=["Reconciliatie (OpenRefine)"])
NAME = "Stelselgraaf: begrippen, objecttypen en registerobjecten"
FORM_BODY = {"requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {
    "type": "object", "properties": {
        "queries": {"type": "string", "description": "JSON: een batch reconciliatievragen"},
        "extend": {"type": "string", "description": "JSON: {ids, properties} voor data-uitbreiding"}}}}}}}
QueriesParam = Annotated[str | None, Query(max_length=1_000_000, description="JSON: een batch "
                                           "reconciliatievragen ({\"q0\": {\"query\": \"ligplaats\"}})")]
ExtendParam = Annotated[str | None, Query(max_length=1_000_000, description="JSON: {ids, properties}")]
Batch = m.ReconcileManifest | m.ReconcileResults | m.ReconcileExtension


def manifest(request: Request) -> m.ReconcileManifest:
    root = v.root(request)
    base = request.app.state.settings.base_iri

    def service(path: str) -> m.ServiceDefinition:
        return m.ServiceDefinition(service_url=root, service_path=f"/v1/reconcile{path}")

    return m.ReconcileManifest(
        versions=["0.2"], name=NAME, identifierSpace=f"{base}id/", schemaSpace=f"{base}def#",
        documentation=f"{root}/v1/docs", serviceVersion=API_VERSION,
        view=m.UrlTemplate(url=f"{root}/v1/reconcile/view?id={{{{id}}}}"),
        preview=m.PreviewService(url=f"{root}/v1/reconcile/preview?id={{{{id}}}}", width=v.PREVIEW_SIZE[0],
                                 height=v.PREVIEW_SIZE[1]),
        defaultTypes=v.default_types(),
        suggest=m.SuggestServices(entity=service("/suggest/entity"), type=service("/suggest/type"),
                                  property=service("/suggest/property")),
        extend=m.ExtendServices(propose_properties=service("/propose-properties")))


def _results(store: GraphStore, text: str) -> m.ReconcileResults:
    batch = reconcile.legacy_batch(v.decoded(text, "queries"))
    answers = reconcile.reconcile(store, list(batch.values()))
    return m.ReconcileResults({key: m.QueryResult(result=[m.candidate_model(c) for c in found])
                               for key, found in zip(batch, answers, strict=True)})


def _extension(store: GraphStore, text: str) -> m.ReconcileExtension:
    ids, pids = reconcile.extension(v.decoded(text, "extend"))
    return m.extension_model(reconcile.extend(store, ids, pids))


async def _answer(request: Request, store: GraphStore, queries: str | None, extend: str | None) -> Batch:
    if queries is not None:
        return await run_in_threadpool(_results, store, queries)
    if extend is not None:
        return await run_in_threadpool(_extension, store, extend)
    return manifest(request)


DOC = ("Zonder parameters: het servicemanifest. Met `queries`: de kandidaten per vraag (score 0–100, "
       "`match` alleen als één exacte kandidaat duidelijk voorop ligt). Met `extend`: eigenschapwaarden.")


@service.get("", summary="Reconciliatieservice (W3C 0.2): manifest, vragen of data-uitbreiding",
            description=DOC, response_model=Batch, response_model_exclude_none=True)
async def reconcile_get(request: Request, store: StoreDep, queries: QueriesParam = None,
                        extend: ExtendParam = None) -> Batch:
    return await _answer(request, store, queries, extend)


@service.post("", summary="Reconciliatievragen of data-uitbreiding (formulier, zoals OpenRefine stuurt)",
             description=DOC, response_model=Batch, response_model_exclude_none=True, openapi_extra=FORM_BODY)
async def reconcile_post(request: Request, store: StoreDep) -> Batch:
    form = await request.form()
    queries, extend = form.get("queries"), form.get("extend")
    if not isinstance(queries, str | None) or not isinstance(extend, str | None):
        raise reconcile.InvalidReconciliation("queries and extend must be form fields, not files")
    if queries is None and extend is None:
        raise reconcile.InvalidReconciliation("POST needs a form field queries or extend")
    return await _answer(request, store, queries, extend)


PrefixParam = Annotated[str, Query(min_length=1, max_length=200, description="wat de gebruiker tot nu toe typte")]
TypeParam = Annotated[str | None, Query(max_length=100, description="type-id (begrip, objecttype, register)")]
CursorParam = Annotated[int, Query(ge=0, le=1000, description="aantal over te slaan suggesties")]


@service.get("/suggest/entity", summary="Suggesties van entiteiten (begrippen, objecttypen, registraties)",
            response_model=m.SuggestedEntities, response_model_exclude_none=True)
def suggest_entity(store: StoreDep, prefix: PrefixParam, type: TypeParam = None, cursor: CursorParam = 0,
                   limit: Annotated[int, Query(ge=1, le=10)] = 10) -> m.SuggestedEntities:
    found = reconcile.entity_suggestions(store, prefix, type, limit=limit, offset=cursor)
    return m.SuggestedEntities(result=[m.entity_model(e) for e in found])


@service.get("/suggest/type", summary="Suggesties van types", response_model=m.SuggestedTypes,
            response_model_exclude_none=True)
async def suggest_type(prefix: PrefixParam) -> m.SuggestedTypes:
    return m.SuggestedTypes(result=[m.type_model(t) for t in reconcile.type_suggestions(prefix)])


@service.get("/suggest/property", summary="Suggesties van eigenschappen", response_model=m.SuggestedProperties,
            response_model_exclude_none=True)
async def suggest_property(prefix: PrefixParam, limit: Annotated[int, Query(ge=1, le=50)] = 10,
                           ) -> m.SuggestedProperties:
    return m.SuggestedProperties(result=[m.property_model(p) for p in reconcile.properties_for(prefix, limit)])


@service.get("/propose-properties", summary="Eigenschappen om mee uit te breiden, per type",
            response_model=m.ProposedProperties, response_model_exclude_none=True)
async def propose_properties(type: TypeParam = None, limit: Annotated[int | None, Query(ge=1, le=50)] = None,
                             ) -> m.ProposedProperties:
    found = reconcile.proposed(type, limit)
    return m.ProposedProperties(type=type, limit=limit, properties=[m.property_model(p) for p in found])


@service.get("/view", summary="De pagina van een entiteit (303 naar /begrip/… of /doc/…)", status_code=303,
            response_class=RedirectResponse)
def view(store: StoreDep, id: v.IdParam) -> RedirectResponse:
    return RedirectResponse(v.page(v.entity(store, id), id), status_code=303)


@service.get("/preview", summary="Korte HTML-weergave van een entiteit (voor OpenRefine)",
            response_class=HTMLResponse)
def preview(store: StoreDep, id: v.IdParam) -> HTMLResponse:
    html = v.preview_html(v.entity(store, id), id)
    return HTMLResponse(html, headers={"Content-Security-Policy": v.PREVIEW_CSP, "Cache-Control": "no-store"})



# ---------------------------------------------------------------- the 1.0 draft, below /reconcile/draft

DRAFT = "/draft"
JsonBody = Annotated[dict[str, Any], Body(description="JSON volgens het 1.0-concept van de W3C-specificatie")]


@service.get(DRAFT, summary="Reconciliatieservice (W3C 1.0-concept): manifest", response_model=m.DraftManifest,
            response_model_exclude_none=True)
async def draft_manifest(request: Request) -> m.DraftManifest:
    root = v.root(request)
    return m.DraftManifest(
        versions=["1.0-draft"], name=NAME, documentation=f"{root}/v1/docs", serviceVersion=API_VERSION,
        view=m.UrlTemplate(url=f"{root}/v1/reconcile/view?id={{id}}"), defaultTypes=v.default_types(),
        suggest=m.DraftSuggest(entity=True, property=True, type=True),
        preview=m.DraftPreview(width=v.PREVIEW_SIZE[0], height=v.PREVIEW_SIZE[1]),
        extend=m.DraftExtend(proposeProperties=True))


def _draft_results(store: GraphStore, body: dict[str, Any]) -> m.DraftResults:
    answers = reconcile.reconcile(store, reconcile.draft_batch(body))
    return m.DraftResults(results=[m.DraftCandidates(candidates=[m.candidate_model(c) for c in found])
                                   for found in answers])


@service.post(DRAFT + "/match", summary="Reconciliatievragen (1.0-concept, JSON)", response_model=m.DraftResults,
             response_model_exclude_none=True)
def draft_match(store: StoreDep, body: JsonBody) -> m.DraftResults:
    return _draft_results(store, body)


@service.post(DRAFT + "/extend", summary="Data-uitbreiding (1.0-concept, JSON)", response_model=m.DraftExtension,
             response_model_exclude_none=True)
def draft_extend(store: StoreDep, body: JsonBody) -> m.DraftExtension:
    ids, pids = reconcile.extension(body)
    return m.draft_extension_model(reconcile.extend(store, ids, pids))


for path, handler, name in (("/extend/propose", propose_properties, "eigenschappen om mee uit te breiden"),
                            ("/suggest/entity", suggest_entity, "suggesties van entiteiten"),
                            ("/suggest/type", suggest_type, "suggesties van types"),
                            ("/suggest/property", suggest_property, "suggesties van eigenschappen")):
    service.add_api_route(DRAFT + path, handler, methods=["GET"], summary=f"{name.capitalize()} (1.0-concept)",
                         response_model_exclude_none=True)
service.add_api_route(DRAFT + "/preview", preview, methods=["GET"], summary="Korte HTML-weergave (1.0-concept)",
                     response_class=HTMLResponse)


router = APIRouter()
"""What ``api/app.py`` registers: the reconciliation service and the typeahead (``api.routes.suggest``)."""
router.include_router(service)
router.include_router(suggest.router)
