"""Signed-in browsers: the session cookie, CSRF tokens, and the pages' calls as that person.

The cookie (``stg_sessie``) holds a random secret; the database keeps its hash, the account, the
session's CSRF token (synchronizer pattern) and its expiry (``graph.trust.accounts``). It is
HttpOnly, SameSite=Lax, and Secure when the page was served over https. Every form that changes
something carries the session's CSRF token and is refused without it. The sign-in form itself has
a token of its own (HMAC of a per-browser nonce with the process's form key), so a third-party
page cannot sign a browser in either. Pages act through the JSON API in process, sending the
session as ``Authorization: Sessie …`` (``api.identity``): the same rules, roles and audit as API
clients get.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

from fastapi import Request, Response

from graph.settings import Settings
from graph.trust import AccountStore, Session

COOKIE = "stg_sessie"
SIGNIN_COOKIE = "stg_inlog"


def accounts(request: Request) -> AccountStore:
    store: AccountStore = request.app.state.accounts
    return store


def make_accounts(settings: Settings) -> AccountStore:
    return AccountStore(Path(settings.auth_db))


def current(request: Request) -> Session | None:
    """The live session of this browser, or None (anonymous, expired, signed out, disabled)."""
    secret = request.cookies.get(COOKIE)
    return accounts(request).session(secret) if secret and len(secret) < 100 else None


def as_person(request: Request) -> dict[str, str]:
    """Headers for the pages' in-process API calls on behalf of the signed-in person."""
    secret = request.cookies.get(COOKIE)
    return {"Authorization": f"Sessie {secret}"} if secret else {}


def csrf_ok(session: Session | None, token: str) -> bool:
    return session is not None and bool(token) and hmac.compare_digest(session.csrf, token)


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


def set_session(request: Request, response: Response, secret: str) -> None:
    response.set_cookie(COOKIE, secret, max_age=8 * 3600, httponly=True, samesite="lax",
                        secure=_secure(request), path="/")
    response.delete_cookie(SIGNIN_COOKIE, path="/")


def end_session(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/")


def signin_nonce(request: Request) -> tuple[str, bool]:
    """This browser's sign-in nonce, and whether it is new (then ``remember_nonce`` it)."""
    nonce = request.cookies.get(SIGNIN_COOKIE) or ""
    return (nonce, False) if len(nonce) == 43 else (secrets.token_urlsafe(32), True)


def remember_nonce(request: Request, response: Response, nonce: str) -> None:
    response.set_cookie(SIGNIN_COOKIE, nonce, max_age=3600, httponly=True, samesite="lax",
                        secure=_secure(request), path="/")


def signin_token(request: Request, nonce: str) -> str:
    """The sign-in form's CSRF token for ``nonce`` (HMAC with the process's form key)."""
    key: bytes = request.app.state.form_key
    return hmac.new(key, nonce.encode(), hashlib.sha256).hexdigest()


def signin_ok(request: Request, token: str) -> bool:
    nonce = request.cookies.get(SIGNIN_COOKIE) or ""
    return len(nonce) == 43 and bool(token) and hmac.compare_digest(signin_token(request, nonce), token)


def local_path(target: str) -> str:
    """``target`` when it is a path on this site, else ``/`` (no open redirect)."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"
