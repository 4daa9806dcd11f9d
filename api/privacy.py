"""Personal numbers and tokens stay out of what the service keeps.

* ``route_iri``: what an audit record of a request points at — the matched route's template
  (``/v1/changes/{pid}``), never the raw path, which may hold a BSN or other personal data.
* ``RefuseQueryTokens``: a token (``sg_…``) in a query string is refused with 401 before any
  route runs, so it is never processed; query strings end up in access logs and browser
  histories (the log mask redacts it there too). Tokens belong in the Authorization header.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from fastapi import Request
from fastapi.routing import iter_route_contexts
from starlette.types import ASGIApp, Receive, Scope, Send

from api.problems import problem
from graph.errors import Unauthenticated

UNMATCHED = "{onbekend}"
"""Stands for the path of a request that matched no route."""
_TOKEN = re.compile(r"sg_[A-Za-z0-9_-]{20,}")


def route_template(request: Request) -> str:
    """The path template of the route that matched ``request`` (with its prefix)."""
    matched = request.scope.get("route")
    if matched is not None:
        for context in iter_route_contexts(request.app.routes):
            if context.original_route is matched and context.path_format:
                return context.path_format
        template = getattr(matched, "path_format", None)
        if isinstance(template, str):
            return template
    return "/" + UNMATCHED


def route_iri(request: Request, base: str) -> str:
    """``base`` + the route template, braces percent-encoded (``…/v1/changes/%7Bpid%7D``)."""
    return base + quote(route_template(request).lstrip("/"), safe="/-._~")


def has_token(query_string: bytes) -> bool:
    """Whether a query string holds something shaped like a token (also when encoded)."""
    text = query_string.decode("latin-1")
    for _ in range(5):
        if _TOKEN.search(text):
            return True
        decoded = unquote(text.replace("+", " "))
        if decoded == text:
            return False
        text = decoded
    return bool(_TOKEN.search(text))


class RefuseQueryTokens:
    """Answers 401 problem+json to any request with a token in its query string."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not has_token(scope.get("query_string", b"")):
            await self.app(scope, receive, send)
            return
        response = problem(401, "a token in the query string is refused: it would be logged; send it "
                           "as 'Authorization: Bearer <token>' and revoke this one",
                           kind="unauthenticated", instance=scope.get("path"),
                           headers=dict(Unauthenticated.problem_headers))
        await response(scope, receive, send)
