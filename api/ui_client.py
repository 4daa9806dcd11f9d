"""The web pages' view of the JSON API: in-process calls to the app's own ``/v1`` endpoints.

The pages render on the server from exactly the JSON that API clients get (same field names,
same validation, same problem+json errors), so page and API can never disagree. Calls go
through ``httpx.ASGITransport`` to the running app: no socket, no network.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import Request

Params = Mapping[str, str | int] | None


@dataclass(frozen=True)
class Answer:
    """Status and parsed JSON body of one API call."""

    status: int
    body: Any

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def unavailable(self) -> bool:
        """The endpoint itself does not exist (yet): a 404 for the path, not for a resource."""
        kind = self.body.get("type", "") if isinstance(self.body, dict) else ""
        return self.status in (404, 405) and (kind.endswith("/http-404") or kind.endswith("/http-405"))

    @property
    def detail(self) -> str:
        """The problem's detail, for a message on the page."""
        if isinstance(self.body, dict):
            return str(self.body.get("detail") or self.body.get("title") or "")
        return ""

    def field(self, name: str, default: Any = None) -> Any:
        return self.body.get(name, default) if self.ok and isinstance(self.body, dict) else default


def _client(request: Request) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=request.app)
    return httpx.AsyncClient(transport=transport, base_url="http://stelselgraaf.internal",
                             headers={"Accept": "application/json"}, timeout=60)


def _answer(response: httpx.Response) -> Answer:
    try:
        body = response.json()
    except ValueError:
        body = None
    return Answer(response.status_code, body)


def _clean(params: Params) -> dict[str, str | int]:
    return {k: v for k, v in (params or {}).items() if v not in (None, "")}


async def get(request: Request, path: str, params: Params = None) -> Answer:
    """``GET path`` on the app itself."""
    async with _client(request) as client:
        return _answer(await client.get(path, params=_clean(params)))


async def get_many(request: Request, calls: Sequence[tuple[str, Params]]) -> list[Answer]:
    """Several GETs at once, answers in the order of ``calls``."""
    async with _client(request) as client:
        responses = await asyncio.gather(*(client.get(path, params=_clean(p)) for path, p in calls))
    return [_answer(r) for r in responses]


async def post(request: Request, path: str, body: Mapping[str, Any]) -> Answer:
    """``POST path`` with a JSON body on the app itself."""
    async with _client(request) as client:
        return _answer(await client.post(path, json=dict(body)))


async def call(request: Request, method: str, path: str, *, body: Mapping[str, Any] | None = None,
               params: Params = None, headers: Mapping[str, str] | None = None) -> Answer:
    """Any call on the app itself, with extra headers (the signed-in person's session)."""
    async with _client(request) as client:
        response = await client.request(method, path, params=_clean(params), headers=dict(headers or {}),
                                        json=dict(body) if body is not None else None)
    return _answer(response)
