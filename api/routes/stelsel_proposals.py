"""Knowledge beyond begrippen in the pages: propose a relation between two object types (with its
cardinality, whether it is authentiek, and its legal basis) or a note on a register, dataset or
object type (quality, a known issue, a contact). The same review, versions and audit as any
proposal: the form builds an ``relate`` or ``note`` change and submits it through the API."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api import sessions
from api.routes.ui import page
from api.routes.workspace import _api, _errors, _refused, _signin
from graph.rdf import vocab

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
KINDS = {"relate": "Relatie tussen objecttypen voorstellen", "note": "Notitie bij een registratie of dataset"}
NOTE_KINDS = dict(zip(vocab.NOTE_KINDS, ("Kwaliteit", "Bekend probleem", "Contact"), strict=True))
CARDINALITIES = vocab.CARDINALITIES
FIELDS = ("soort", "van", "naar", "label", "definitie", "kardinaliteit", "authentiek", "bwb", "artikel",
          "onderwerp", "notitiesoort", "tekst", "motivatie", "csrf")


def _change(form: dict[str, str]) -> dict[str, Any]:
    if form["soort"] == "note":
        return {"op": "note", "subject": form["onderwerp"], "kind": form["notitiesoort"], "text": form["tekst"]}
    change: dict[str, Any] = {"op": "relate", "from": form["van"], "to": form["naar"], "label": form["label"],
                              "cardinality": form["kardinaliteit"], "authentic": form["authentiek"] == "ja",
                              "legal_basis": {"bwb": form["bwb"], "article": form["artikel"]}}
    if form["definitie"]:
        change["definition"] = form["definitie"]
    return change


def _context(form: dict[str, str]) -> dict[str, Any]:
    return {"form": form, "kinds": KINDS, "cardinalities": CARDINALITIES, "note_kinds": NOTE_KINDS}


@router.get("/voorstellen/stelsel")
async def stelsel_form(request: Request, soort: str = "relate", onderwerp: str = "") -> Response:
    if sessions.current(request) is None:
        return _signin(request)
    form = dict.fromkeys(FIELDS, "")
    form.update(soort=soort if soort in KINDS else "relate", onderwerp=onderwerp[:200], kardinaliteit="1",
                notitiesoort="kwaliteit")
    return page(request, "voorstel-stelsel.html", errors={}, **_context(form))


@router.post("/voorstellen/stelsel")
async def stelsel_submit(request: Request) -> Response:
    session = sessions.current(request)
    if session is None:
        return _signin(request)
    raw = await request.form()
    form = {k: str(raw.get(k, "")).strip()[:5000] for k in FIELDS}
    if not sessions.csrf_ok(session, form["csrf"]):
        return _refused(request)
    form["soort"] = form["soort"] if form["soort"] in KINDS else "relate"
    if not form["motivatie"]:
        return page(request, "voorstel-stelsel.html", 422, errors={"motivatie": ["Geef een motivatie."]},
                    **_context(form))
    answer = await _api(request, "POST", "/v1/changes",
                        body={"motivation": form["motivatie"], "changes": [_change(form)]})
    if not answer.ok:
        return page(request, "voorstel-stelsel.html", answer.status, errors=_errors(answer), **_context(form))
    return RedirectResponse(f"/voorstellen/{answer.body['id']}", status_code=303)
