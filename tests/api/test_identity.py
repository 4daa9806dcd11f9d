"""Identity and roles over real HTTP: bearer tokens from a real SQLite file, 401/403 problem+json."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import APIRouter

from api.identity import (
    AdminDep,
    EditorDep,
    PrincipalDep,
    ReaderDep,
    ReviewerDep,
    TokenIdentityProvider,
    effective_roles,
)
from graph.errors import Unauthenticated
from graph.trust import audit
from graph.trust.accounts import AccountStore
from graph.trust.tokens import ROLES, TokenStore
from tests.api.authed import Authed, authed_client

PROBLEM = "application/problem+json"


def _role_routes() -> APIRouter:
    """Routes that need each role, added to the real app to test role semantics end to end."""
    router = APIRouter(prefix="/test-roles")

    @router.get("/reader")
    def reader(p: ReaderDep) -> dict[str, str]:
        return {"subject": p.subject}

    @router.get("/editor")
    def editor(p: EditorDep) -> dict[str, str]:
        return {"subject": p.subject}

    @router.get("/reviewer")
    def reviewer(p: ReviewerDep) -> dict[str, str]:
        return {"subject": p.subject}

    @router.get("/admin")
    def admin(p: AdminDep) -> dict[str, str]:
        return {"subject": p.subject}

    @router.get("/whoami")
    def whoami(p: PrincipalDep) -> dict[str, object]:
        return {"anonymous": True} if p is None else {"name": p.name, "roles": sorted(p.roles), "subject": p.subject}

    return router


@pytest.fixture(scope="module")
def authed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Authed]:
    with authed_client(tmp_path_factory.mktemp("identity")) as ctx:
        ctx.client.app.include_router(_role_routes())  # type: ignore[attr-defined]
        yield ctx


ALLOWED = {  # (granted role, required role) pairs that must pass; every other pair is 403
    ("reader", "reader"), ("editor", "editor"), ("editor", "reader"), ("reviewer", "reviewer"),
    ("reviewer", "reader"), ("admin", "admin"), ("admin", "editor"), ("admin", "reviewer"), ("admin", "reader"),
}


@pytest.mark.parametrize("granted", ROLES)
@pytest.mark.parametrize("required", ROLES)
def test_role_matrix(authed: Authed, granted: str, required: str) -> None:
    response = authed.client.get(f"/test-roles/{required}", headers=authed.as_role(granted))
    if (granted, required) in ALLOWED:
        assert response.status_code == 200, response.text
        assert response.json() == {"subject": authed.subject[granted]}
    else:
        assert response.status_code == 403
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["detail"] == f"this operation needs the role '{required}'"


def test_principal_carries_effective_roles_and_no_secret(authed: Authed) -> None:
    body = authed.client.get("/test-roles/whoami", headers=authed.as_role("editor")).json()
    assert body == {"name": "test-editor", "roles": ["editor", "reader"], "subject": authed.subject["editor"]}
    assert authed.token["editor"] not in str(body)
    assert authed.client.get("/test-roles/whoami").json() == {"anonymous": True}
    assert effective_roles({"admin"}) == frozenset(ROLES)


@pytest.mark.parametrize("path", ["/v1/audit", "/test-roles/reader"])
def test_anonymous_gets_401_with_bearer_challenge(authed: Authed, path: str) -> None:
    response = authed.client.get(path)
    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401 and "Bearer" in response.json()["detail"]


@pytest.mark.parametrize("header", [
    "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "sg_" + "a" * 43, "Bearer not-a-token",
    "Bearer sg_short", "Bearer sg_" + "a" * 42 + "!", "Bearer sg_" + "a" * 43 + " extra",
    "Token sg_" + "a" * 43,
])
def test_malformed_authorization_is_401(authed: Authed, header: str) -> None:
    response = authed.client.get("/v1/audit", headers={"Authorization": header})
    assert response.status_code == 401, header
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_unknown_well_formed_token_is_401_and_not_echoed(authed: Authed) -> None:
    forged = "sg_" + "A" * 43
    response = authed.client.get("/v1/audit", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401
    assert response.json()["detail"] == "the bearer token is unknown or revoked"
    assert forged not in response.text and forged not in str(response.headers)


def test_revoked_token_is_401_at_once(tmp_path: Path) -> None:
    with authed_client(tmp_path) as ctx:
        headers = ctx.as_role("admin")
        assert ctx.client.get("/v1/audit", headers=headers).status_code == 200
        token_id = ctx.subject["admin"].removeprefix("token:")
        assert ctx.tokens.revoke(token_id, "2026-01-02T00:00:00.000Z")
        response = ctx.client.get("/v1/audit", headers=headers)
        assert response.status_code == 401
        assert response.json()["detail"] == "the bearer token is unknown or revoked"
        assert not ctx.tokens.revoke(token_id, "2026-01-03T00:00:00.000Z")  # already revoked


def test_refused_attempts_are_audited_without_the_token(authed: Authed) -> None:
    forged = "sg_" + "B" * 43
    authed.client.get("/v1/audit", headers={"Authorization": f"Bearer {forged}"})
    authed.client.get("/v1/audit", headers=authed.as_role("reviewer"))
    refused = audit.query_audit(authed.store, name="toegang-weigeren", limit=1000).events
    actors = {(e.actor, e.result) for e in refused}
    assert ("anoniem", "geweigerd (401)") in actors
    assert (authed.subject["reviewer"], "geweigerd (403)") in actors
    assert authed.store.settings.base_iri + "v1/audit" in {e.object for e in refused}
    assert {e.processing_activity_id for e in refused} == {audit.processing_activity(
        authed.store.settings.base_iri, "toegangsbeheer")}
    dump = "\n".join(str(q) for q in authed.store.quads(audit.audit_graph(authed.store.settings.base_iri)))
    assert forged not in dump and authed.token["reviewer"] not in dump


def test_trace_context_is_continued(authed: Authed) -> None:
    trace, parent = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
    authed.client.get("/v1/audit", headers={"traceparent": f"00-{trace}-{parent}-01"})
    [event] = [e for e in audit.query_audit(authed.store, limit=1000).events if e.trace_id == trace]
    assert event.parent_span_id == parent and event.span_id != parent


def test_provider_interface_directly(tmp_path: Path) -> None:
    tokens = TokenStore(tmp_path / "auth.sqlite")
    provider = TokenIdentityProvider(tokens, AccountStore(tmp_path / "auth.sqlite"))
    token, record = tokens.create("x", "reviewer", "2026-01-01T00:00:00.000Z")
    assert provider.authenticate(None) is None
    principal = provider.authenticate(f"bearer   {token}  ")  # scheme is case-insensitive
    assert principal is not None and principal.subject == f"token:{record.id}"
    assert principal.has("reader") and not principal.has("editor")
    with pytest.raises(Unauthenticated):
        provider.authenticate(f"Bearer {token[:-1]}")


READ_ONLY_POSTS = {"/sparql", "/resolve", "/definitions/check", "/validate", "/reconcile", "/reconcile/draft/match",
                   "/reconcile/draft/extend"}  # relative to the server /v1
"""POST endpoints that only read (queries, resolution, reconciliation as OpenRefine sends it, checking
a draft or data against shapes); every other operation that may change something must require a role."""


def test_every_mutating_operation_requires_a_role(authed: Authed) -> None:
    document = authed.client.get("/v1/openapi.json").json()
    assert document["components"]["securitySchemes"]["bearer"] == {
        "type": "http", "scheme": "bearer", "description": document["components"]["securitySchemes"]["bearer"][
            "description"]}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method in {"post", "put", "patch", "delete"} and path not in READ_ONLY_POSTS:
                assert operation.get("security") == [{"bearer": []}], f"{method} {path} requires no role"
    assert document["paths"]["/audit"]["get"]["security"] == [{"bearer": []}]
    assert "security" not in document["paths"]["/registers"]["get"]
