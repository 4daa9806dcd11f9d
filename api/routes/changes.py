"""Change proposals and four-eyes review: /v1/changes (thin handlers over graph.changes)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from api.deps import StoreDep
from api.identity import EditorDep, Principal, ReaderDep, ReviewerDep
from api.models.changes import Proposal, ProposalPage, ProposalSummary
from api.tracing import incoming_trace
from graph import changes
from graph.changes import Agent, ChangeRequest, parse_description, parse_json, proposal_view
from graph.errors import Forbidden, InvalidChange, InvalidInput
from graph.rdf.limits import check_json
from graph.rdf.terms import NamedNode
from graph.rdf.vocab import PROPOSAL_STATUSES
from graph.store import GraphStore

router = APIRouter(tags=["Wijzigingsvoorstellen"])
KeyHeader = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200, pattern=r"^[\x21-\x7e]+$",
                                         description="Maakt een herhaling veilig: hetzelfde verzoek met "
                                                     "dezelfde sleutel geeft het eerste resultaat terug")]
RDF_BODIES = {"text/turtle": "turtle", "application/ld+json": "jsonld"}
SUBMIT_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"type": "object", "required": ["motivation", "changes"], "properties": {
        "motivation": {"type": "string"},
        "changes": {"type": "array", "items": {"type": "object", "required": ["op"], "properties": {
            "op": {"type": "string", "enum": ["create", "update", "deprecate", "replace", "annotate"]},
            "concept": {"type": "string", "description": "IRI of definitie-id (niet bij create)"},
            "term": {"type": "string"}, "definition": {"type": "string"}, "scheme": {"type": "string"},
            "set": {"type": "object", "description": "update: de velden met hun nieuwe waarde (null wist); "
                    "annotate: explanation, scope_note, example, categories en mappings "
                    "[{type: exactMatch|closeMatch|broadMatch|narrowMatch|relatedMatch, target}] over elk begrip"},
            "replaced_by": {"type": "string"}}}}}}},
    "text/turtle": {"schema": {"type": "string"}},
    "application/ld+json": {"schema": {"type": "object"}}}}}


class ReviewBody(BaseModel):
    decision: str = Field(pattern="^(approve|reject)$", description="approve of reject")
    comment: str = Field(default="", max_length=10_000)


class CommentBody(BaseModel):
    text: str = Field(min_length=1, max_length=10_000)


def _caller(request: Request, principal: Principal) -> changes.Caller:
    trace_id, parent = incoming_trace(request)
    return changes.Caller(Agent(principal.subject, principal.name), trace_id, parent)


def _answer(store: GraphStore, outcome: changes.Outcome, status: int = 200, *, conflicts: bool = False) -> JSONResponse:
    view = proposal_view(store, outcome.proposal, stale=_stale(store, outcome.proposal), conflicts=conflicts)
    headers = {"Location": f"/v1/changes/{outcome.proposal.id}"}
    if outcome.replayed:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(Proposal.of(view).json_body(), status_code=status, headers=headers)


def _stale(store: GraphStore, proposal: changes.Proposal) -> bool:
    return proposal.status == "voorgesteld" and changes.stale(store, proposal)


async def _request(request: Request, motivation: str | None) -> ChangeRequest:
    media = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    body = await request.body()
    base = request.app.state.store.settings.base_iri
    if media == "application/json":
        check_json(body)  # before json.loads: deep nesting would raise RecursionError
        try:
            return parse_json(json.loads(body), base)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise InvalidChange(f"the body is not valid JSON: {error}") from error
    if media in RDF_BODIES:
        return parse_description(body, RDF_BODIES[media], motivation, base)
    raise HTTPException(415, f"send application/json, text/turtle or application/ld+json, not {media!r}")


@router.post("/changes", summary="Wijzigingsvoorstel indienen (redacteur)", status_code=201, response_model=Proposal,
             openapi_extra=SUBMIT_BODY)
async def submit(
    request: Request, store: StoreDep, principal: EditorDep, key: KeyHeader = None,
    motivation: Annotated[str | None, Query(description="Motivatie (bij Turtle of JSON-LD)")] = None,
) -> JSONResponse:
    change = await _request(request, motivation)
    caller = _caller(request, principal)
    outcome = await run_in_threadpool(changes.submit, store, change, caller, key=key)
    return await run_in_threadpool(_answer, store, outcome, 201)


@router.post("/changes/preview", summary="Een voorstel controleren zonder het in te dienen (redacteur)",
             openapi_extra=SUBMIT_BODY)
async def preview(request: Request, store: StoreDep, principal: EditorDep,
                  motivation: Annotated[str | None, Query(description="Motivatie (bij Turtle of JSON-LD)")] = None,
                  ) -> dict[str, Any]:
    """The same checks as submitting (fields, editable concepts, the shapes: 422 with each
    violation), but nothing is stored: what the pages show next to the fields of a draft."""
    change = await _request(request, motivation)
    prepared = await run_in_threadpool(changes.prepare, store, change)
    return {"valid": True, "concepts": list(prepared.concepts)}


@router.get("/changes", response_model=ProposalPage, summary="Wijzigingsvoorstellen")
def list_changes(
    request: Request, store: StoreDep, principal: ReaderDep,
    status: Annotated[str | None, Query(description=f"Een van: {', '.join(PROPOSAL_STATUSES)}")] = None,
    author: Annotated[str | None, Query(max_length=200, description="indiener: naam of id (account:…); "
                                                                    "'ik' voor uw eigen voorstellen")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100, offset: Annotated[int, Query(ge=0)] = 0,
) -> ProposalPage:
    if status is not None and status not in PROPOSAL_STATUSES:
        raise InvalidInput(f"unknown status {status!r}; known: {', '.join(PROPOSAL_STATUSES)}")
    found = changes.summaries(store, status, principal.subject if author == "ik" else author)
    changes.record_read(store, _caller(request, principal), NamedNode(store.settings.base_iri + "v1/changes"),
                        f"{len(found)} voorstellen")
    return ProposalPage.page(request, [ProposalSummary.of(s) for s in found[offset:offset + limit]],
                                      total=len(found), limit=limit, offset=offset)


@router.get("/changes/{pid}", response_model=Proposal,
             summary="Eén wijzigingsvoorstel met verschillen, conflicten en opmerkingen")
def get_change(pid: str, request: Request, store: StoreDep, principal: ReaderDep) -> JSONResponse:
    proposal = changes.get(store, pid)
    changes.record_read(store, _caller(request, principal), proposal.iri, "voorstel gelezen")
    return _answer(store, changes.Outcome(proposal), conflicts=True)


@router.post("/changes/{pid}/comments", response_model=Proposal,
             summary="Opmerking plaatsen (redacteur of beoordelaar)",
             status_code=201)
def add_comment(pid: str, body: CommentBody, request: Request, store: StoreDep, principal: ReaderDep,
                key: KeyHeader = None) -> JSONResponse:
    if not (principal.has("editor") or principal.has("reviewer")):
        raise Forbidden("commenting needs the role 'editor' or 'reviewer'")
    outcome = changes.comment(store, pid, body.text, _caller(request, principal), key=key)
    return _answer(store, outcome, 201)


@router.post("/changes/{pid}/withdraw", response_model=Proposal,
             summary="Voorstel intrekken (alleen de indiener)")
def withdraw(pid: str, request: Request, store: StoreDep, principal: EditorDep) -> JSONResponse:
    return _answer(store, changes.withdraw(store, pid, _caller(request, principal)))


@router.post("/changes/{pid}/rebase", response_model=Proposal,
             summary="Voorstel opnieuw baseren op de huidige versie (alleen de indiener)")
def rebase(pid: str, request: Request, store: StoreDep, principal: EditorDep) -> JSONResponse:
    return _answer(store, changes.rebase(store, pid, _caller(request, principal)))


@router.post("/changes/{pid}/review", response_model=Proposal,
             summary="Beoordelen: goedkeuren (en publiceren) of afwijzen")
def review(pid: str, body: ReviewBody, request: Request, store: StoreDep, principal: ReviewerDep,
           key: KeyHeader = None) -> JSONResponse:
    outcome = changes.review(store, pid, body.decision, body.comment, _caller(request, principal), key=key)
    return _answer(store, outcome)
