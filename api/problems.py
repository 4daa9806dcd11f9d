"""One map from errors to RFC 9457 problem+json responses (NL API Design Rules)."""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.begrippen.identifiers import InvalidIdentifier, PersonalIdentifierError
from graph.errors import (
    ChangeConflict,
    Forbidden,
    ForbiddenOperation,
    InvalidChange,
    InvalidInput,
    InvalidQuery,
    NotAcceptable,
    NotFound,
    PayloadTooLarge,
    QueryTimeout,
    ShapeViolation,
    StelselgraafError,
    StoreUnavailable,
    Unauthenticated,
    UnsupportedShapes,
)
from loaders.base import LoaderError

PROBLEM = "application/problem+json"
TYPE_BASE = "https://stelselgraaf.nl/problems/"
log = logging.getLogger("stelselgraaf.api")

STATUS_OF: dict[type[Exception], tuple[int, str]] = {
    NotFound: (404, "not-found"),
    InvalidQuery: (400, "invalid-query"),
    ForbiddenOperation: (403, "forbidden-operation"),
    Unauthenticated: (401, "unauthenticated"),
    Forbidden: (403, "forbidden"),
    NotAcceptable: (406, "not-acceptable"),
    QueryTimeout: (503, "query-timeout"),
    StoreUnavailable: (503, "store-unavailable"),
    ShapeViolation: (422, "shape-violation"),
    InvalidChange: (422, "invalid-change"),
    InvalidInput: (400, "invalid-input"),
    UnsupportedShapes: (422, "unsupported-shapes"),
    PayloadTooLarge: (413, "payload-too-large"),
    ChangeConflict: (409, "change-conflict"),
    LoaderError: (400, "invalid-input"),
    InvalidIdentifier: (400, "invalid-identifier"),
    PersonalIdentifierError: (400, "personal-identifier"),
}


def problem(
    status: int, detail: str, *, kind: str | None = None, instance: str | None = None,
    headers: dict[str, str] | None = None, extra: dict[str, object] | None = None,
) -> JSONResponse:
    """A problem+json response."""
    body: dict[str, object] = {
        "type": TYPE_BASE + (kind or f"http-{status}"),
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update(extra or {})
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def _domain(request: Request, error: Exception) -> JSONResponse:
    for cls, (status, kind) in STATUS_OF.items():
        if isinstance(error, cls):
            extra: dict[str, object] = {}
            if isinstance(error, ShapeViolation):
                extra["violations"] = [vars(r) for r in error.report.results]  # type: ignore[attr-defined]
            extra.update(getattr(error, "problem_extra", {}))
            headers = {"Retry-After": "5"} if status == 503 else {}
            headers.update(getattr(error, "problem_headers", {}))
            return problem(status, str(error), kind=kind, instance=request.url.path,
                           headers=headers, extra=extra)
    log.exception("unhandled error", exc_info=error)
    return problem(500, "internal error; the request did not change anything",
                   instance=request.url.path)


def _http(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    detail = error.detail if isinstance(error.detail, str) else HTTPStatus(error.status_code).description
    if error.status_code == 404 and detail == "Not Found":
        detail = f"no resource at {request.url.path} (paths have no trailing slash)"
    if error.status_code == 405:
        detail = f"method {request.method} is not allowed here; allowed: {(error.headers or {}).get('Allow', '')}"
    return problem(error.status_code, detail, instance=request.url.path,
                   headers=dict(error.headers or {}))


def _validation(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    params = [{"name": ".".join(str(p) for p in e["loc"][1:]) or str(e["loc"][0]),
               "in": str(e["loc"][0]), "reason": e["msg"]} for e in error.errors()]
    summary = "; ".join(f"{p['name']}: {p['reason']}" for p in params)
    return problem(400, f"invalid request: {summary}", kind="invalid-params",
                   instance=request.url.path, extra={"invalid-params": params})


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StelselgraafError, _domain)
    app.add_exception_handler(LoaderError, _domain)
    app.add_exception_handler(InvalidIdentifier, _domain)
    app.add_exception_handler(PersonalIdentifierError, _domain)
    app.add_exception_handler(Exception, _domain)
