"""/inloggen and /uitloggen: sign-in for the pages with a session cookie.

Reading stays anonymous. A failed sign-in is audited and slows the next attempt for that name
down (``graph.trust.delay``); after ten within a quarter of an hour the name is refused for a while.
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from api import sessions
from api.identity import ANONYMOUS
from api.routes.ui import notice, page
from graph.store import GraphStore
from graph.trust import audit, delay

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _record(request: Request, name: str, actor: str, result: str, ok: bool) -> None:
    store: GraphStore = request.app.state.store
    base = store.settings.base_iri
    audit.record(store, audit.event(base, name=name, actor=actor, action="inloggen", activity="toegangsbeheer",
                                    object=base + "inloggen", result=result, origin="pagina's",
                                    status_code=audit.STATUS_OK if ok else audit.STATUS_ERROR))


def _form(request: Request, status: int = 200, *, terug: str = "/", naam: str = "", error: str = "") -> Response:
    nonce, new = sessions.signin_nonce(request)
    response = page(request, "inloggen.html", status, csrf=sessions.signin_token(request, nonce),
                    terug=sessions.local_path(terug), naam=naam, error=error)
    if new:
        sessions.remember_nonce(request, response, nonce)
    return response


@router.get("/inloggen")
async def signin_form(request: Request, terug: str = "/") -> Response:
    return _form(request, terug=terug)


@router.post("/inloggen")
async def signin(request: Request, naam: str = Form("", max_length=200), wachtwoord: str = Form("", max_length=500),
                 csrf: str = Form("", max_length=200), terug: str = Form("/", max_length=500)) -> Response:
    if not sessions.signin_ok(request, csrf):
        return notice(request, 403, "Formulier verlopen", "Dit formulier is verlopen of niet van deze site. "
                      "Open de inlogpagina opnieuw.")
    store = sessions.accounts(request)
    failures = await run_in_threadpool(store.failures, naam)
    if failures >= 10:
        await run_in_threadpool(_record, request, "inloggen geweigerd", ANONYMOUS, "geblokkeerd (429)", False)
        return _form(request, 429, terug=terug, naam=naam,
                     error="Te vaak een onjuist wachtwoord. Probeer het over een kwartier opnieuw.")
    await asyncio.sleep(delay(failures))
    signed = await run_in_threadpool(store.sign_in, naam, wachtwoord)
    if signed is None:
        await run_in_threadpool(_record, request, "inloggen mislukt", ANONYMOUS, "geweigerd (401)", False)
        return _form(request, 401, terug=terug, naam=naam, error="Naam of wachtwoord is onjuist.")
    secret, session = signed
    await run_in_threadpool(_record, request, "inloggen", session.account.subject, "ingelogd", True)
    response = RedirectResponse(sessions.local_path(terug), status_code=303)
    sessions.set_session(request, response, secret)
    return response


@router.post("/uitloggen")
async def signout(request: Request, csrf: str = Form("", max_length=200)) -> Response:
    session = sessions.current(request)
    if session is not None and not sessions.csrf_ok(session, csrf):
        return notice(request, 403, "Formulier verlopen", "Dit formulier is verlopen of niet van deze site.")
    secret = request.cookies.get(sessions.COOKIE)
    if secret:
        await run_in_threadpool(sessions.accounts(request).sign_out, secret)
    response = RedirectResponse("/", status_code=303)
    sessions.end_session(response)
    return response
