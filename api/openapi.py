"""The OpenAPI document in the shape the NL API Design Rules linter expects.

FastAPI generates the document from the routes; ``install`` post-processes it once:

* the major version in the server URL (``/v1``) and the paths relative to it (``/health``);
* every error response documented as ``application/problem+json`` with one ``Problem`` schema
  (that is what ``api/problems.py`` returns, 422 included), and a 400 on every operation;
* the ``API-Version`` header on every 2xx/3xx response (``api/middleware.py`` sets it).

``tests/api/test_openapi_lint.py`` runs the official Spectral ruleset of Logius over it.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from api.middleware import API_VERSION

PREFIX = "/v1"
METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}
PROBLEM = {
    "type": "object",
    "description": "Foutmelding volgens RFC 9457 (application/problem+json).",
    "properties": {
        "type": {"type": "string", "format": "uri"}, "title": {"type": "string"},
        "status": {"type": "integer", "format": "int32"}, "detail": {"type": "string"},
        "instance": {"type": "string", "format": "uri"},
    },
    "required": ["title", "status"],
}
API_VERSION_HEADER = {"description": "Volledige versie van de API (semver).",
                      "schema": {"type": "string", "example": API_VERSION}}
PROBLEM_CONTENT = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


def _operation(op: dict[str, Any]) -> None:
    responses = op.setdefault("responses", {})
    responses.setdefault("400", {"description": "Ongeldige invoer"})
    for code, response in responses.items():
        if code[0] in "23":
            response.setdefault("headers", {})["API-Version"] = API_VERSION_HEADER
        elif code[0] in "45":
            response["content"] = PROBLEM_CONTENT


def nlgov(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` rewritten in place (see the module docstring); returns it."""
    doc["servers"] = [{"url": PREFIX, "description": "deze server, versie 1"}]
    doc["paths"] = {path.removeprefix(PREFIX) or "/": ops for path, ops in doc.get("paths", {}).items()}
    for ops in doc["paths"].values():
        for method, op in ops.items():
            if method in METHODS:
                _operation(op)
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):  # replaced by Problem
        schemas.pop(unused, None)
    schemas["Problem"] = PROBLEM
    return doc


def install(app: FastAPI) -> None:
    """Serve the rewritten document at the app's ``openapi_url``."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = nlgov(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
