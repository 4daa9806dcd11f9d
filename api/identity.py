"""Who is calling: one ``IdentityProvider`` interface, bearer tokens behind it, role checks.

The provider is made in ``create_app`` from the settings (``app.state.identity``); an OIDC
provider (NL GOV Assurance profile for OAuth 2.0) can replace ``TokenIdentityProvider`` by
implementing ``authenticate``. Roles: ``admin`` implies every role; ``editor`` and ``reviewer``
each imply ``reader``. ``Principal.roles`` holds the effective (implied) roles.

A refused attempt on a restricted endpoint (401/403) is written to the audit log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Protocol

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.privacy import route_iri
from api.tracing import incoming_trace
from graph.errors import Forbidden, Unauthenticated
from graph.settings import Settings
from graph.store import GraphStore
from graph.trust import ROLES, AccountStore, TokenStore, audit, well_formed

log = logging.getLogger("stelselgraaf.api")
ANONYMOUS = "anoniem"
IMPLIED: dict[str, frozenset[str]] = {
    "reader": frozenset({"reader"}),
    "editor": frozenset({"editor", "reader"}),
    "reviewer": frozenset({"reviewer", "reader"}),
    "admin": frozenset(ROLES),
}


@dataclass(frozen=True)
class Principal:
    """An authenticated caller. ``subject`` is a stable, non-secret id (``token:<id>``)."""

    name: str
    roles: frozenset[str]
    subject: str

    def has(self, role: str) -> bool:
        """Whether the caller holds ``role`` (directly or implied)."""
        return role in self.roles


def effective_roles(granted: frozenset[str] | set[str]) -> frozenset[str]:
    """The granted roles with every role they imply."""
    return frozenset().union(*(IMPLIED[r] for r in granted))


class IdentityProvider(Protocol):
    """Turns an ``Authorization`` header into a principal."""

    def authenticate(self, authorization: str | None) -> Principal | None:
        """None for an anonymous caller (no header); ``Unauthenticated`` for bad credentials."""
        ...


class TokenIdentityProvider:
    """Bearer tokens from ``graph.trust.tokens`` (``Authorization: Bearer sg_…``) and the pages'
    sessions (``Authorization: Sessie …``, which the pages send to their own API in process).

    A token or session that belongs to an account acts as that account (``account:<id>``): one
    person, whatever token or session they use. A token made before accounts acts as itself."""

    def __init__(self, tokens: TokenStore, accounts: AccountStore) -> None:
        self.tokens = tokens
        self.accounts = accounts

    def authenticate(self, authorization: str | None) -> Principal | None:
        if authorization is None:
            return None
        scheme, _, credentials = authorization.strip().partition(" ")
        token = credentials.strip()
        if scheme.lower() == "sessie" and token:
            return self._session(token)
        if scheme.lower() != "bearer" or not token:
            raise Unauthenticated("the Authorization header must be 'Bearer <token>'")
        if not well_formed(token):
            raise Unauthenticated("the bearer token is malformed")
        record = self.tokens.find(token)
        if record is None:
            raise Unauthenticated("the bearer token is unknown or revoked")
        if record.account is None:
            return Principal(record.name, effective_roles({record.role}), f"token:{record.id}")
        account = self.accounts.get(record.account)
        if account is None or not account.active:
            raise Unauthenticated("the account of this token is disabled")
        return Principal(account.name, effective_roles({record.role}), account.subject)

    def _session(self, secret: str) -> Principal:
        session = self.accounts.session(secret)
        if session is None:
            raise Unauthenticated("the session has expired or was ended; sign in again")
        account = session.account
        return Principal(account.name, effective_roles({account.role}), account.subject)


def provider_from_settings(settings: Settings) -> IdentityProvider:
    """The identity provider the settings ask for (bearer tokens in ``auth_db``)."""
    return TokenIdentityProvider(TokenStore(Path(settings.auth_db)), AccountStore(Path(settings.auth_db)))


BEARER = HTTPBearer(auto_error=False, scheme_name="bearer",
                    description="Token van `stelselgraaf tokens create`, als `Authorization: Bearer sg_…`.")
"""Only documents the scheme in OpenAPI; the provider reads and judges the header itself."""
Documented = Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)]


def get_principal(request: Request) -> Principal | None:
    """The caller, or None when anonymous; bad credentials → 401."""
    provider: IdentityProvider = request.app.state.identity
    return provider.authenticate(request.headers.get("authorization"))


PrincipalDep = Annotated[Principal | None, Depends(get_principal)]


def require_role(role: str) -> Callable[..., Principal]:
    """A dependency that yields the caller if they hold ``role``; 401 anonymous, 403 otherwise."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")

    def dependency(request: Request, _: Documented) -> Principal:
        principal: Principal | None = None
        try:
            principal = get_principal(request)
            if principal is None:
                raise Unauthenticated(f"this operation needs the role '{role}': send 'Authorization: Bearer <token>'")
            if not principal.has(role):
                raise Forbidden(f"this operation needs the role '{role}'")
        except (Unauthenticated, Forbidden) as error:
            _refused(request, principal if isinstance(error, Forbidden) else None, error)
            raise
        return principal

    dependency.required_role = role  # type: ignore[attr-defined]  # lets tests find protected routes
    return dependency


def _refused(request: Request, principal: Principal | None, error: Exception) -> None:
    store: GraphStore = request.app.state.store
    base = store.settings.base_iri
    trace_id, parent = incoming_trace(request)
    status = 403 if isinstance(error, Forbidden) else 401
    event = audit.event(
        base, name="toegang-weigeren", actor=principal.subject if principal else ANONYMOUS,
        action="toegang", activity="toegangsbeheer", trace_id=trace_id, parent_span_id=parent,
        object=route_iri(request, base), result=f"geweigerd ({status})",
    )
    try:
        audit.record(store, event)
    except Exception:  # a refusal stays a refusal even if the log cannot be written
        log.exception("could not write the audit record of a refused request")


ReaderDep = Annotated[Principal, Depends(require_role("reader"))]
EditorDep = Annotated[Principal, Depends(require_role("editor"))]
ReviewerDep = Annotated[Principal, Depends(require_role("reviewer"))]
AdminDep = Annotated[Principal, Depends(require_role("admin"))]
