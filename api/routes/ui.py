"""Web pages for legislative drafters, in Dutch: search, definition detail, the drafter check,
conflicts, registers. Server-rendered HTML (works without JavaScript) from the app's own JSON
API (``api.ui_client``), Jinja2 templates with autoescaping, one stylesheet served by the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from api import sessions, ui_client
from api.ui_diff import FILTERS as DIFF_FILTERS
from api.ui_format import FILTERS, WARNING
from graph.catalogue import ACCESS_RIGHTS, LICENCES, THEMES
from graph.rdf import vocab

HERE = Path(__file__).resolve().parents[1]
TEMPLATES = Jinja2Templates(directory=HERE / "templates")
TEMPLATES.env.filters.update(FILTERS)
TEMPLATES.env.filters.update(DIFF_FILTERS)
PAGE_SIZE = 20
MAX_TERM, MAX_DEFINITION = 200, 5000
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
CONFLICT_TYPES = (*WARNING, *(t for t in vocab.CONFLICT_TYPES if t not in WARNING))
"""The kinds a page warns about (homonyms, variants) first."""

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def install(app: FastAPI) -> None:
    """Add the pages and the static files (``/static``) to ``app``."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render ``name`` with a strict Content-Security-Policy (only this app's own files)."""
    context.setdefault("session", sessions.current(request))
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status,
                                      headers={"Content-Security-Policy": CSP, "Cache-Control": "no-store"})


def notice(request: Request, status: int, title: str, text: str) -> HTMLResponse:
    return page(request, "melding.html", status, title=title, text=text)


def _segments(ref: str) -> str | None:
    """``ref`` quoted for use in an API path; None when it could leave that path."""
    parts = ref.split("/")
    if not ref or any(p in ("", ".", "..") for p in parts):
        return None
    return "/".join(quote(p, safe="") for p in parts)


def _page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) < 10_000 else 1


def _paging(total: int, number: int, size: int = PAGE_SIZE) -> dict[str, int]:
    last = max(1, -(-total // size))
    return {"number": number, "last": last, "total": total, "first_item": (number - 1) * size + 1,
            "last_item": min(total, number * size)}


@router.get("/")
async def start(request: Request) -> HTMLResponse:
    return page(request, "start.html")


async def _warnings(request: Request, items: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Per folded term: its homonym and variant conflicts (with the wording of the warning)."""
    labels = {str(i["term"]).casefold(): str(i["term"]) for i in reversed(items) if i.get("term")}
    terms = sorted(labels)
    answers = await ui_client.get_many(request, [("/v1/conflicts", {"term": t, "limit": 20}) for t in terms])
    found: dict[str, list[dict[str, Any]]] = {}
    for term, answer in zip(terms, answers, strict=True):
        conflicts = [c for c in answer.field("items", []) if c.get("type") in WARNING]
        if conflicts:
            found[term] = [{**c, "warning": WARNING[c["type"]], "term_label": labels[term]} for c in conflicts]
    return found


@router.get("/zoeken")
async def search(request: Request, q: str = "", begrippenkader: str = "", categorie: str = "",
                 bron: str = "", geldig_op: str = "", pagina: str | None = None) -> HTMLResponse:
    form = {"q": q.strip(), "begrippenkader": begrippenkader, "categorie": categorie, "bron": bron.strip(),
            "geldig_op": geldig_op}
    schemes = (await ui_client.get(request, "/v1/schemes", {"limit": 1000})).field("items", [])
    context: dict[str, Any] = {"form": form, "schemes": schemes, "categories": vocab.CATEGORIES}
    if not any(form.values()):
        return page(request, "zoeken.html", **context)
    number = _page_number(pagina)
    answer = await ui_client.get(request, "/v1/definitions", {
        "q": form["q"], "scheme": begrippenkader, "category": categorie, "source": form["bron"],
        "on": geldig_op, "limit": PAGE_SIZE, "offset": (number - 1) * PAGE_SIZE})
    if not answer.ok:
        error = ("Zoeken is nog niet beschikbaar op deze server." if answer.unavailable
                 else f"De zoekvraag kon niet worden uitgevoerd: {answer.detail}")
        return page(request, "zoeken.html", 200 if answer.unavailable else answer.status, error=error, **context)
    items = answer.field("items", [])
    base = "/zoeken?" + urlencode({k: v for k, v in form.items() if v})
    return page(request, "zoeken.html", items=items, paging=_paging(int(answer.field("total", 0)), number),
                warnings=await _warnings(request, items), base=base, **context)


@router.get("/begrip/{ref:path}")
async def concept(request: Request, ref: str, op: str = "") -> HTMLResponse:
    path = _segments(ref)
    if path is None:
        return notice(request, 404, "Begrip niet gevonden", f"Er is geen begrip met id “{ref}”.")
    answer = await ui_client.get(request, f"/v1/definitions/{path}", {"on": op})
    if answer.status == 404:
        return notice(request, 404, "Begrip niet gevonden", f"Er is geen begrip met id “{ref}”.")
    if not answer.ok:
        return notice(request, answer.status, "Begrip niet te tonen", answer.detail)
    item = answer.body
    conflicts = await _warnings(request, [item])
    notes, history = await ui_client.get_many(request, [(f"/v1/definitions/{path}/annotations", None),
                                                         (f"/v1/definitions/{path}/history", None)])
    return page(request, "begrip.html", item=item, op=op, notes=notes.body if notes.ok else None,
                history=history.field("versions", []),
                warnings=conflicts.get(str(item.get("term", "")).casefold(), []))


@router.get("/controleren")
async def check_form(request: Request) -> HTMLResponse:
    return page(request, "controleren.html", form={"term": "", "definitie": ""})


@router.post("/controleren")
async def check(request: Request, term: str = Form(""), definitie: str = Form("")) -> HTMLResponse:
    form = {"term": term.strip(), "definitie": definitie.strip()}
    error = None
    if not form["term"]:
        error = "Vul de term in die u wilt definiëren."
    elif len(form["term"]) > MAX_TERM or len(form["definitie"]) > MAX_DEFINITION:
        error = f"De term mag hoogstens {MAX_TERM} en de definitie {MAX_DEFINITION} tekens lang zijn."
    if error:
        return page(request, "controleren.html", 400, form=form, error=error)
    body = {"term": form["term"], **({"definition": form["definitie"]} if form["definitie"] else {})}
    answer = await ui_client.post(request, "/v1/definitions/check", body)
    if not answer.ok:
        error = ("Controleren is nog niet beschikbaar op deze server." if answer.unavailable
                 else f"De controle kon niet worden uitgevoerd: {answer.detail}")
        return page(request, "controleren.html", 200 if answer.unavailable else answer.status,
                    form=form, error=error)
    return page(request, "controleren.html", form=form, result=answer.body)


@router.get("/conflicten")
async def conflicts(request: Request, term: str = "", soort: str = "", status: str = "",
                    pagina: str | None = None) -> HTMLResponse:
    number = _page_number(pagina)
    form = {"term": term.strip(), "soort": soort if soort in CONFLICT_TYPES else "",
            "status": status if status in vocab.CONFLICT_STATUSES else ""}
    answer = await ui_client.get(request, "/v1/conflicts", {
        "term": form["term"], "type": form["soort"], "status": form["status"], "limit": PAGE_SIZE,
        "offset": (number - 1) * PAGE_SIZE})
    context: dict[str, Any] = {"form": form, "types": CONFLICT_TYPES, "statuses": vocab.CONFLICT_STATUSES,
                               "base": "/conflicten?" + urlencode({k: v for k, v in form.items() if v})}
    if not answer.ok:
        error = ("Conflicten zijn nog niet beschikbaar op deze server." if answer.unavailable
                 else f"De conflicten konden niet worden opgehaald: {answer.detail}")
        return page(request, "conflicten.html", error=error, **context)
    return page(request, "conflicten.html", items=answer.field("items", []),
                paging=_paging(int(answer.field("total", 0)), number), **context)


@router.get("/conflicten/{conflict_id:path}")
async def conflict(request: Request, conflict_id: str) -> HTMLResponse:
    path = _segments(conflict_id)
    answer = await ui_client.get(request, f"/v1/conflicts/{path}") if path else ui_client.Answer(404, None)
    if answer.status == 404:
        return notice(request, 404, "Conflict niet gevonden", f"Er is geen conflict met id “{conflict_id}”.")
    if not answer.ok:
        return notice(request, answer.status, "Conflict niet te tonen", answer.detail)
    return page(request, "conflict.html", item=answer.body, groups=_meaning_groups(answer.body))


def _meaning_groups(item: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The members grouped by meaning (homonyms), in the API's order; one group otherwise."""
    members = list(item.get("members") or [])
    groups = [[m for m in members if m.get("iri") in set(meaning)] for meaning in item.get("meanings") or []]
    grouped = {m.get("iri") for group in groups for m in group}
    rest = [m for m in members if m.get("iri") not in grouped]
    return [g for g in [*groups, rest] if g]


@router.get("/registraties")
async def registers(request: Request) -> HTMLResponse:
    answer = await ui_client.get(request, "/v1/registers")
    return page(request, "registraties.html", items=answer.field("items", []))


@router.get("/begrippenkaders")
async def schemes(request: Request) -> HTMLResponse:
    answer = await ui_client.get(request, "/v1/schemes", {"limit": 1000})
    error = None if answer.ok else "Begrippenkaders zijn nog niet beschikbaar op deze server."
    return page(request, "begrippenkaders.html", items=answer.field("items", []), error=error)


KINDS = {"wet": "Wet", "begrippenkader": "Begrippenkader", "dataset": "Dataset"}


@router.get("/catalogus")
async def catalogue(request: Request) -> HTMLResponse:
    answer = await ui_client.get(request, "/v1/catalogus")
    if not answer.ok:
        return page(request, "catalogus.html", error="De catalogus is nog niet beschikbaar op deze server.")
    datasets = answer.field("datasets", [])
    return page(request, "catalogus.html", catalogue=answer.body, base=request.app.state.settings.base_iri,
                registers=[d for d in datasets if d.get("kind") == "register"],
                sources=[d for d in datasets if d.get("kind") != "register"], themes=THEMES,
                access=ACCESS_RIGHTS, licences=LICENCES, kinds=KINDS)
