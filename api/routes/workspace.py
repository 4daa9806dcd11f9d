"""The wiki-like workspace in the pages: proposals (/voorstellen) and review (/beoordelen).

Signed-in people (``api/sessions.py``) propose a new definition, a change or the end of an
editorial one, or an annotation of any begrip; see the drafter check and the shapes' messages on
their draft before they submit; follow their proposals (withdraw, rebase, comment). Reviewers
get a queue and decide there. Every action goes through the same JSON API as API clients, as that
person, so validation, the four-eyes rule, versions and the audit log are the API's own.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api import sessions, ui_client
from api.routes.ui import notice, page
from graph.rdf import vocab

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
KINDS = {"create": "Nieuwe definitie", "update": "Definitie wijzigen", "deprecate": "Definitie laten vervallen",
         "annotate": "Toelichting of koppeling toevoegen"}
FIELD_OF = {"http://www.w3.org/2004/02/skos/core#prefLabel": "term",
            "http://www.w3.org/2004/02/skos/core#definition": "definitie",
            "http://www.w3.org/2004/02/skos/core#scopeNote": "toelichting",
            "http://www.w3.org/2004/02/skos/core#example": "voorbeeld"}
MAPPINGS = vocab.MAPPING_TYPES


def _signin(request: Request) -> Response:
    return RedirectResponse("/inloggen?terug=" + quote(request.url.path), status_code=303)


def _refused(request: Request) -> Response:
    return notice(request, 403, "Formulier verlopen", "Dit formulier is verlopen of niet van deze site. "
                  "Laad de pagina opnieuw en probeer het nog eens.")


async def _api(request: Request, method: str, path: str, body: dict[str, Any] | None = None,
               params: dict[str, Any] | None = None) -> ui_client.Answer:
    return await ui_client.call(request, method, path, body=body, params=params, headers=sessions.as_person(request))


@router.get("/voorstellen")
async def mine(request: Request) -> Response:
    session = sessions.current(request)
    if session is None:
        return _signin(request)
    answer = await _api(request, "GET", "/v1/changes", params={"author": "ik", "limit": 200})
    return page(request, "voorstellen.html", items=answer.field("items", []),
                error=None if answer.ok else answer.detail)


def _draft(form: dict[str, str]) -> dict[str, Any]:
    """The change request the form describes (the API checks it)."""
    kind, concept = form["soort"], form["begrip_iri"]
    values = {k: v for k, v in (("term", form["term"]), ("definition", form["definitie"]),
                                ("scope_note", form["toelichting"]), ("example", form["voorbeeld"]),
                                ("categories", [form["categorie"]] if form["categorie"] else [])) if v}
    if kind == "create":
        change: dict[str, Any] = {"op": "create", **values}
    elif kind == "update":
        change = {"op": "update", "concept": concept, "set": values}
    elif kind == "deprecate":
        change = {"op": "deprecate", "concept": concept}
    else:
        annotation: dict[str, Any] = {k: v for k, v in (("explanation", form["uitleg"]),
                                                         ("scope_note", form["toelichting"]),
                                                         ("example", form["voorbeeld"])) if v}
        if form["koppeling_doel"]:
            annotation["mappings"] = [{"type": form["koppeling"] or "exactMatch", "target": form["koppeling_doel"]}]
        change = {"op": "annotate", "concept": concept, "set": annotation}
    return {"motivation": form["motivatie"], "changes": [change]}


def _errors(answer: ui_client.Answer) -> dict[str, list[str]]:
    """The API's refusal per form field (``algemeen`` when no field is named)."""
    found: dict[str, list[str]] = {}
    body = answer.body if isinstance(answer.body, dict) else {}
    for v in body.get("violations") or []:
        found.setdefault(FIELD_OF.get(str(v.get("path")), "algemeen"), []).append(str(v.get("message")))
    if not found and not answer.ok:
        detail = answer.detail
        field = next((f for key, f in (("term", "term"), ("definition", "definitie"), ("motivation", "motivatie"))
                      if f".{key}" in detail or f"'{key}'" in detail), "algemeen")
        found[field] = [detail]
    return found


async def _concept(request: Request, ref: str) -> dict[str, Any] | None:
    if not ref:
        return None
    answer = await ui_client.get(request, f"/v1/definitions/{quote(ref, safe='/')}")
    return answer.body if answer.ok else None


@router.get("/voorstellen/nieuw")
async def new_form(request: Request, soort: str = "create", begrip: str = "") -> Response:
    session = sessions.current(request)
    if session is None:
        return _signin(request)
    item = await _concept(request, begrip)
    kind = soort if soort in KINDS and (soort == "create" or item) else "create"
    form = {"soort": kind, "begrip": begrip if item else "", "term": (item or {}).get("term", ""),
            "definitie": (item or {}).get("definition", "") if kind == "update" else "",
            "toelichting": "", "voorbeeld": "", "categorie": "", "motivatie": "", "uitleg": "",
            "koppeling": "exactMatch", "koppeling_doel": ""}
    return page(request, "voorstel-nieuw.html", form=form, item=item, kinds=KINDS, mappings=MAPPINGS, errors={})


@router.post("/voorstellen/nieuw")
async def new_submit(request: Request) -> Response:
    session = sessions.current(request)
    if session is None:
        return _signin(request)
    raw = await request.form()
    form = {k: str(raw.get(k, "")).strip()[:10_000] for k in
            ("soort", "begrip", "term", "definitie", "toelichting", "voorbeeld", "categorie", "motivatie",
             "uitleg", "koppeling", "koppeling_doel", "actie", "csrf")}
    if not sessions.csrf_ok(session, form["csrf"]):
        return _refused(request)
    item = await _concept(request, form["begrip"])
    form["soort"] = form["soort"] if form["soort"] in KINDS else "create"
    form["begrip_iri"] = (item or {}).get("iri", "")
    context = {"form": form, "item": item, "kinds": KINDS, "mappings": MAPPINGS}
    if not form["motivatie"]:
        return page(request, "voorstel-nieuw.html", 422, errors={"motivatie": ["Geef een motivatie."]}, **context)
    draft = _draft(form)
    check = await _api(request, "POST", "/v1/definitions/check",
                       body={"term": form["term"] or (item or {}).get("term", "?"),
                             **({"definition": form["definitie"]} if form["definitie"] else {})})
    if form["actie"] != "indienen":
        checked = await _api(request, "POST", "/v1/changes/preview", body=draft)
        return page(request, "voorstel-nieuw.html", 200 if checked.ok else 422, errors=_errors(checked),
                    preview=checked.body if checked.ok else None, check=check.body if check.ok else None, **context)
    answer = await _api(request, "POST", "/v1/changes", body=draft)
    if not answer.ok:
        return page(request, "voorstel-nieuw.html", answer.status, errors=_errors(answer),
                    check=check.body if check.ok else None, **context)
    return RedirectResponse(f"/voorstellen/{answer.body['id']}", status_code=303)


async def _proposal(request: Request, pid: str) -> ui_client.Answer:
    return await _api(request, "GET", f"/v1/changes/{quote(pid, safe='')}")


async def _proposal_page(request: Request, pid: str, mode: str) -> Response:
    """A proposal as its author (``auteur``) or a reviewer (``beoordelaar``) sees it."""
    if sessions.current(request) is None:
        return _signin(request)
    answer = await _proposal(request, pid)
    if not answer.ok:
        return notice(request, answer.status, "Voorstel niet te tonen", answer.detail)
    return page(request, "voorstel.html", item=answer.body, mode=mode)


@router.get("/voorstellen/{pid}")
async def proposal(request: Request, pid: str) -> Response:
    return await _proposal_page(request, pid, "auteur")


@router.post("/voorstellen/{pid}/{actie}")
async def proposal_action(request: Request, pid: str, actie: str, csrf: str = Form("", max_length=200),
                          tekst: str = Form("", max_length=5000)) -> Response:
    session = sessions.current(request)
    if session is None:
        return _signin(request)
    if not sessions.csrf_ok(session, csrf):
        return _refused(request)
    paths = {"intrekken": "withdraw", "opnieuw-baseren": "rebase", "opmerking": "comments"}
    if actie not in paths:
        return notice(request, 404, "Onbekende actie", f"“{actie}” kan niet met een voorstel.")
    body = {"text": tekst} if actie == "opmerking" else None
    answer = await _api(request, "POST", f"/v1/changes/{quote(pid, safe='')}/{paths[actie]}", body=body)
    if not answer.ok:
        return notice(request, answer.status, "Niet gelukt", answer.detail)
    return RedirectResponse(f"/voorstellen/{pid}", status_code=303)


@router.get("/beoordelen")
async def queue(request: Request) -> Response:
    session = sessions.current(request)
    if session is None:
        return _signin(request)
    answer = await _api(request, "GET", "/v1/changes", params={"status": "voorgesteld", "limit": 200})
    if not answer.ok:
        return notice(request, answer.status, "Beoordelen niet mogelijk", answer.detail)
    return page(request, "beoordelen.html", items=answer.field("items", []))


@router.get("/beoordelen/{pid}")
async def review_form(request: Request, pid: str) -> Response:
    return await _proposal_page(request, pid, "beoordelaar")


@router.post("/beoordelen/{pid}")
async def review(request: Request, pid: str, csrf: str = Form("", max_length=200),
                 besluit: str = Form("", max_length=20), toelichting: str = Form("", max_length=5000)) -> Response:
    session = sessions.current(request)
    if session is None:
        return _signin(request)
    if not sessions.csrf_ok(session, csrf):
        return _refused(request)
    if besluit not in ("approve", "reject") or (besluit == "reject" and not toelichting.strip()):
        error = "Kies goedkeuren of afwijzen; bij afwijzen is een toelichting nodig."
        answer = await _proposal(request, pid)
        return page(request, "voorstel.html", 422, item=answer.body, mode="beoordelaar", error=error)
    answer = await _api(request, "POST", f"/v1/changes/{quote(pid, safe='')}/review",
                        body={"decision": besluit, "comment": toelichting.strip()})
    if not answer.ok:
        again = await _proposal(request, pid)
        return page(request, "voorstel.html", answer.status, item=again.body, mode="beoordelaar",
                    error=answer.detail)
    return RedirectResponse(f"/beoordelen/{pid}", status_code=303)
